export const conversationKeys = {
  detail: (id: string) => ['conversation', id] as const,
  messages: (id: string) => ['messages', id] as const,
  allMessages: ['messages'] as const,
  transfers: (id: string) => ['transfers', id] as const,
};

/** Workspace directories shared with other features (settings uses the same agents key). */
export const directoryKeys = {
  agents: ['agents'] as const,
  departments: ['departments'] as const,
  tags: ['tags'] as const,
};
