import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import type { ConversationDto, SiteDto } from '@parley/protocol';
import { fetchInbox, fetchSites, PAGE_SIZE } from '../api';
import { appendPage, type InboxTab } from '../inboxLists';
import { inboxKeys, sitesKey } from '../queryKeys';

export function useInboxList(tab: InboxTab, enabled = true) {
  return useQuery({ queryKey: inboxKeys.list(tab), queryFn: () => fetchInbox(tab), enabled });
}

export function useSites() {
  return useQuery({ queryKey: sitesKey, queryFn: fetchSites, staleTime: 5 * 60_000 });
}

export function useSiteMap(): Map<string, SiteDto> {
  const { data } = useSites();
  return useMemo(() => new Map((data ?? []).map((s) => [s.id, s])), [data]);
}

/** "Load older" for the closed list: pages by the last row's closedAt. */
export function useLoadMoreClosed() {
  const qc = useQueryClient();
  const [loading, setLoading] = useState(false);
  const [exhausted, setExhausted] = useState(false);
  const loadMore = useCallback(async () => {
    const list = qc.getQueryData<ConversationDto[]>(inboxKeys.list('closed')) ?? [];
    const last = list[list.length - 1];
    if (!last?.closedAt) {
      setExhausted(true);
      return;
    }
    setLoading(true);
    try {
      const page = await fetchInbox('closed', last.closedAt);
      if (page.length < PAGE_SIZE) setExhausted(true);
      qc.setQueryData<ConversationDto[]>(inboxKeys.list('closed'), (cur) => appendPage('closed', cur ?? [], page));
    } finally {
      setLoading(false);
    }
  }, [qc]);
  return { loadMore, loading, exhausted };
}

/** Find a conversation row in whichever inbox list holds it (for instant detail views). */
export function findInLists(qc: ReturnType<typeof useQueryClient>, id: string): ConversationDto | undefined {
  for (const [, list] of qc.getQueriesData<ConversationDto[]>({ queryKey: inboxKeys.all })) {
    const hit = list?.find((c) => c.id === id);
    if (hit) return hit;
  }
  return undefined;
}
