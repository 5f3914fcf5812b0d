import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ConversationDto, SavedViewBody, SavedViewDto, SiteDto } from '@parley/protocol';
import * as inboxApi from '../api';
import type { InboxPage } from '../api';
import { toInboxQuery, type ListFilters } from '../filters';
import type { InboxTab } from '../inboxLists';
import { departmentsKey, inboxKeys, sitesKey, tagsKey, viewsKey } from '../queryKeys';

/** The unfiltered Waiting / Active list, kept live by socket events (see cache.ts). */
export function useInboxList(tab: InboxTab, enabled = true) {
  return useQuery({ queryKey: inboxKeys.list(tab), queryFn: () => inboxApi.fetchInbox(tab), enabled });
}

/**
 * A filtered list, or the closed archive: pages of rows from the server, "Load more" via
 * `nextCursor`. Socket events refetch it (useInboxRealtime) rather than patch it, since
 * only the server knows whether a changed row still matches the filters.
 */
export function useFilteredList(tab: InboxTab, filters: ListFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: inboxKeys.filtered(tab, filters),
    queryFn: ({ pageParam, signal }) => inboxApi.fetchInboxPage(toInboxQuery(tab, filters, new Date()), pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: InboxPage) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** All rows of a paged list, without duplicates (a row can move between pages while paging). */
export function flattenPages(data: InfiniteData<InboxPage> | undefined): ConversationDto[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: ConversationDto[] = [];
  for (const page of data.pages) {
    for (const c of page.conversations) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push(c);
    }
  }
  return out;
}

export function useSites() {
  return useQuery({ queryKey: sitesKey, queryFn: inboxApi.fetchSites, staleTime: 5 * 60_000 });
}

export function useSiteMap(): Map<string, SiteDto> {
  const { data } = useSites();
  return useMemo(() => new Map((data ?? []).map((s) => [s.id, s])), [data]);
}

export function useTags(enabled = true) {
  return useQuery({ queryKey: tagsKey, queryFn: inboxApi.fetchTags, staleTime: 60_000, enabled });
}

export function useDepartments(enabled = true) {
  return useQuery({ queryKey: departmentsKey, queryFn: inboxApi.fetchDepartments, staleTime: 5 * 60_000, enabled });
}

export function useViews() {
  return useQuery({ queryKey: viewsKey, queryFn: inboxApi.fetchViews, staleTime: 5 * 60_000 });
}

export function useCreateView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewBody) => inboxApi.createView(body),
    onSuccess: (view) => qc.setQueryData<SavedViewDto[]>(viewsKey, (list) => [...(list ?? []).filter((v) => v.id !== view.id), view]),
  });
}

export function useDeleteView() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => inboxApi.deleteView(id),
    onSuccess: (_void, id) => qc.setQueryData<SavedViewDto[]>(viewsKey, (list) => list?.filter((v) => v.id !== id)),
  });
}

/** Find a conversation row in whichever inbox list holds it (for instant detail views). */
export function findInLists(qc: QueryClient, id: string): ConversationDto | undefined {
  for (const [, list] of qc.getQueriesData<ConversationDto[]>({ queryKey: inboxKeys.all })) {
    const hit = Array.isArray(list) ? list.find((c) => c.id === id) : undefined;
    if (hit) return hit;
  }
  for (const [, data] of qc.getQueriesData<InfiniteData<InboxPage>>({ queryKey: inboxKeys.filteredAll })) {
    for (const page of data?.pages ?? []) {
      const hit = page.conversations.find((c) => c.id === id);
      if (hit) return hit;
    }
  }
  return undefined;
}
