export const fileKeys = {
  link: (id: string) => ['file-link', id] as const,
  conversation: (conversationId: string) => ['conversation-files', conversationId] as const,
  report: (siteId: string) => ['files-report', siteId] as const,
};
