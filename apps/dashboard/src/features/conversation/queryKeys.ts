export const conversationKeys = {
  detail: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  allMessages: ['messages'] as const,
};
