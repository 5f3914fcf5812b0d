import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../lib/useDebounced';
import { searchConversations } from './api';

export const MIN_QUERY = 2;
export const DEBOUNCE_MS = 250;

/**
 * Search as you type: asks once typing pauses for 250 ms. A newer query cancels the request
 * of the older one (TanStack Query aborts the signal of a query nobody watches any more),
 * and the previous results stay on screen until the new ones arrive.
 */
export function useSearch(text: string) {
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const enabled = q.length >= MIN_QUERY;
  const query = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => searchConversations(q, signal),
    enabled,
    staleTime: 15_000,
    gcTime: 60_000,
    placeholderData: keepPreviousData,
  });
  return { ...query, q, enabled, settling: text.trim() !== q };
}
