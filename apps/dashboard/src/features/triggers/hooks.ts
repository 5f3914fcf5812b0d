import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateTriggerBody, TriggerDto, UpdateTriggerBody } from '@parley/protocol';
import * as triggersApi from './api';
import { statsRange, type Period } from './stats';

export const triggerKeys = {
  list: (siteId: string) => ['triggers', siteId] as const,
  stats: (siteId: string, days: Period) => ['trigger-stats', siteId, days] as const,
  allStats: (siteId: string) => ['trigger-stats', siteId] as const,
};

/** A site's triggers, highest priority first. */
export function useTriggers(siteId: string) {
  return useQuery({ queryKey: triggerKeys.list(siteId), queryFn: () => triggersApi.fetchTriggers(siteId) });
}

/** Shown / accepted / chats per trigger over the last `days` days (the old numbers stay while the next load). */
export function useTriggerStats(siteId: string, days: Period) {
  // The window ends when the query runs, so a refetch moves it up to now.
  return useQuery({ queryKey: triggerKeys.stats(siteId, days), queryFn: () => triggersApi.fetchTriggerStats(siteId, statsRange(days, new Date())), placeholderData: keepPreviousData, staleTime: 30_000 });
}

function sortTriggers(list: TriggerDto[]): TriggerDto[] {
  return [...list].sort((a, b) => b.priority - a.priority || a.createdAt.localeCompare(b.createdAt));
}

export function useSaveTrigger(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateTriggerBody | UpdateTriggerBody }) =>
      id ? triggersApi.updateTrigger(id, body) : triggersApi.createTrigger(siteId, body as CreateTriggerBody),
    onSuccess: (trigger) => {
      qc.setQueryData<TriggerDto[]>(triggerKeys.list(siteId), (list) => list && sortTriggers([...list.filter((t) => t.id !== trigger.id), trigger]));
      void qc.invalidateQueries({ queryKey: triggerKeys.allStats(siteId) });
    },
  });
}

export function useDeleteTrigger(siteId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: triggersApi.deleteTrigger,
    onSuccess: (_v, id) => {
      qc.setQueryData<TriggerDto[]>(triggerKeys.list(siteId), (list) => list?.filter((t) => t.id !== id));
      void qc.invalidateQueries({ queryKey: triggerKeys.allStats(siteId) });
    },
  });
}
