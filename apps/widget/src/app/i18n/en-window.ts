/**
 * English texts of the chat window (conversation, forms, rating, transcript, emoji picker):
 * bundled with the lazily loaded window, not with app.js. Other languages carry them as `w`.
 * Read them through `./window` `W()`.
 */
export const enWindow = {
  offline: 'Offline — messages will be sent when you’re back',
  reconnecting: 'Reconnecting…',
  ended: 'This chat has ended',
  newChat: 'Start a new chat',
  write: 'Write a message',
  send: 'Send message',
  online: 'We’re online',
  later: 'We’ll reply as soon as we can',
  more: 'More options',
  endChat: 'End chat',
  transcript: 'Email me this transcript',
  closeWindow: 'Close chat window',
  conversation: 'Conversation',
  support: 'Support',
  retry: 'Retry',
  typing: (name: string) => `${name} is typing…`,
  receipt: { pending: 'Sending', failed: 'Not sent', sent: 'Sent', read: 'Read' },
  chooseTeam: 'Choose a team',
  /** The queue line is `place · wait`; each half wraps as a whole. */
  place: (position: number) => `You are number ${position} in line`,
  /** `minutes` is null while the server has no history to estimate from. */
  wait: (minutes: number | null) => (minutes === null ? 'An agent will be with you shortly' : `estimated wait ~${minutes} min`),
  loading: 'Loading…',
  emoji: 'Insert emoji',
  emojiSearch: 'Search emoji',
  noEmoji: 'No emoji found',
  emojiGroups: ['Smileys', 'People', 'Animals & nature', 'Food & drink', 'Travel & places', 'Activities', 'Objects', 'Symbols'],
  optional: 'optional',
  required: 'required',
  errRequired: 'Please fill in this field',
  errEmail: 'Please enter a valid email address, like name@example.com',
  errPhone: 'Please enter a valid phone number (6 to 20 digits)',
  errChoose: 'Please choose an option',
  errTooLong: 'This is too long',
  errNetwork: 'Couldn’t reach us — check your connection and try again',
  choose: 'Choose…',
  startChat: 'Start chat',
  sending: 'Sending…',
  name: 'Name',
  email: 'Email',
  message: 'Message',
  leaveMessage: 'Leave us a message',
  /** `when` is a localized day and time, e.g. "tomorrow at 9:00 AM". */
  backAt: (when: string) => `We’ll be back ${when}.`,
  asap: 'We’ll reply as soon as possible.',
  /** A day word from Intl ("today", "tomorrow") joined with a time. */
  dayAt: (day: string, time: string) => `${day} at ${time}`,
  sendMessage: 'Send message',
  sentTitle: 'Message sent',
  sentBody: (email: string) => `Thanks! We’ll get back to you at ${email}.`,
  done: 'Done',
  rateTitle: 'How was your chat?',
  rateScores: ['Terrible', 'Bad', 'Okay', 'Good', 'Great'],
  rateComment: 'Tell us more (optional)',
  rateSend: 'Send feedback',
  rateThanks: 'Thanks for your feedback!',
  transcriptAsk: 'Where should we send the transcript?',
  transcriptSend: 'Send transcript',
  transcriptSent: (email: string) => `Transcript sent to ${email}`,
  transcriptFailed: 'Couldn’t send the transcript. Please try again.',
  cancel: 'Cancel',
  /** Files: the composer's paperclip, the drop zone, uploads, attachments and the image viewer. */
  attach: 'Attach a file',
  dropFile: 'Drop a file to send',
  cancelUpload: 'Cancel upload',
  remove: 'Remove',
  /** The server's own words (`file_too_large`), also checked before uploading. */
  fileTooLarge: (mb: number) => `Files can be up to ${mb} MB.`,
  /** The server's own words (`file_type_not_allowed`); `allowed` is "PDF, Word, JPEG, …". */
  fileType: (allowed: string) => `This file type isn't allowed here. Allowed: ${allowed}.`,
  fileExpired: 'File expired',
  fileBlocked: 'File blocked: a virus was found',
  closeImage: 'Close image',
};

export type WindowStrings = typeof enWindow;
