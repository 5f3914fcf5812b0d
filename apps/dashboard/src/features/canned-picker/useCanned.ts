import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CannedResponseDto } from '@parley/protocol';
import { cannedKey, fetchCanned, markCannedUsed } from './api';

/** Loaded once the composer first sees a `/` (enabled), then kept for a few minutes. */
export function useCannedResponses(enabled: boolean) {
  return useQuery({ queryKey: cannedKey, queryFn: fetchCanned, enabled, staleTime: 60_000 });
}

export function useMarkCannedUsed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: markCannedUsed,
    onSuccess: (response) => qc.setQueryData<CannedResponseDto[]>(cannedKey, (list) => list?.map((r) => (r.id === response.id ? response : r))),
  });
}
