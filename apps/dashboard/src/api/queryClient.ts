import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';

/**
 * The app's query client. `onUnauthorized` runs when any query gets a 401 (the session
 * ended elsewhere), except for queries whose key starts with `sessionRoot`.
 */
export function createQueryClient(onUnauthorized: (qc: QueryClient) => void, sessionRoot: string): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (err instanceof ApiError && err.status === 401 && query.queryKey[0] !== sessionRoot) onUnauthorized(qc);
      },
    }),
    defaultOptions: {
      queries: {
        // Realtime events keep the cache fresh; refetch only when told to (reconnect, invalidation).
        staleTime: 60_000,
        gcTime: 30 * 60_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  return qc;
}
