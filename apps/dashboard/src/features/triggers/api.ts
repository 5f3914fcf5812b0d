import type { CreateTriggerBody, TriggerDto, TriggerStatsDto, UpdateTriggerBody } from '@parley/protocol';
import { api } from '../../api/client';

const id = encodeURIComponent;

export async function fetchTriggers(siteId: string): Promise<TriggerDto[]> {
  return (await api<{ triggers: TriggerDto[] }>(`/api/sites/${id(siteId)}/triggers`)).triggers;
}

export async function createTrigger(siteId: string, body: CreateTriggerBody): Promise<TriggerDto> {
  return (await api<{ trigger: TriggerDto }>(`/api/sites/${id(siteId)}/triggers`, { method: 'POST', body })).trigger;
}

export async function updateTrigger(triggerId: string, body: UpdateTriggerBody): Promise<TriggerDto> {
  return (await api<{ trigger: TriggerDto }>(`/api/triggers/${id(triggerId)}`, { method: 'PATCH', body })).trigger;
}

export async function deleteTrigger(triggerId: string): Promise<void> {
  await api<void>(`/api/triggers/${id(triggerId)}`, { method: 'DELETE' });
}

export async function fetchTriggerStats(siteId: string, range: { from: string; to: string }): Promise<TriggerStatsDto[]> {
  return (await api<{ stats: TriggerStatsDto[] }>(`/api/sites/${id(siteId)}/triggers/stats`, { query: range })).stats;
}
