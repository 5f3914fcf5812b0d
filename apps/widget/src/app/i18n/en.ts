/**
 * English texts of app.js (launcher, prompt, store). The chat window's texts live in
 * `./en-window` and travel with the lazily loaded window. Every other language is a lazily
 * loaded chunk with exactly these keys plus the window's under `w`, checked by
 * `test/i18n.test.ts`. Texts with numbers or names are functions.
 */
export const en = {
  unreachable: 'Can’t reach the chat — retrying…',
  open: 'Open chat',
  close: 'Close chat',
  unread: (n: number) => `Open chat, ${n} unread ${n === 1 ? 'message' : 'messages'}`,
  agent: 'Agent',
  unavailable: 'The chat is unavailable',
  /** A proactive prompt above the launcher: its label, the accept button, the × button. */
  promptLabel: (team: string) => `Message from ${team}`,
  promptReply: 'Reply',
  promptDismiss: 'Dismiss message',
};

export type Strings = typeof en;
