import type { ListFilters } from './filters';
import type { InboxTab } from './inboxLists';

export const inboxKeys = {
  all: ['conversations'] as const,
  list: (tab: InboxTab) => ['conversations', tab] as const,
  /** Filtered lists and the closed archive: paged, refetched on events instead of patched. */
  filteredAll: ['inbox-list'] as const,
  filtered: (tab: InboxTab, filters: ListFilters) => ['inbox-list', tab, filters] as const,
};

export const sitesKey = ['sites'] as const;
export const tagsKey = ['tags'] as const;
export const viewsKey = ['views'] as const;
export const departmentsKey = ['departments'] as const;
