import type { InboxTab } from './inboxLists';

export const inboxKeys = {
  all: ['conversations'] as const,
  list: (tab: InboxTab) => ['conversations', tab] as const,
};

export const sitesKey = ['sites'] as const;
