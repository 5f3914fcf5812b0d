/**
 * Every text the widget shows, in one place so that a translation only has to replace
 * this object. Texts with numbers or names are functions.
 */
export const S = {
  offline: 'Offline — messages will be sent when you’re back',
  reconnecting: 'Reconnecting…',
  unreachable: 'Can’t reach the chat — retrying…',
  ended: 'This chat has ended',
  newChat: 'Start a new chat',
  write: 'Write a message',
  send: 'Send message',
  online: 'We’re online',
  later: 'We’ll reply as soon as we can',
  more: 'More options',
  endChat: 'End chat',
  closeWindow: 'Close chat window',
  open: 'Open chat',
  close: 'Close chat',
  unread: (n: number) => `Open chat, ${n} unread ${n === 1 ? 'message' : 'messages'}`,
  conversation: 'Conversation',
  support: 'Support',
  agent: 'Agent',
  retry: 'Retry',
  typing: (name: string) => `${name} is typing…`,
  unavailable: 'The chat is unavailable',
  receipt: { pending: 'Sending', failed: 'Not sent', sent: 'Sent', read: 'Read' },
  chooseTeam: 'Choose a team',
  /** The queue line is `place · wait`; each half wraps as a whole. */
  place: (position: number) => `You are number ${position} in line`,
  /** `minutes` is null while the server has no history to estimate from. */
  wait: (minutes: number | null) => (minutes === null ? 'An agent will be with you shortly' : `estimated wait ~${minutes} min`),
};
