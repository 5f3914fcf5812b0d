import type { CannedResponseDto } from '@parley/protocol';
import { api } from '../../api/client';

export const cannedKey = ['canned-responses'] as const;

/** Shared responses and mine. */
export async function fetchCanned(): Promise<CannedResponseDto[]> {
  return (await api<{ responses: CannedResponseDto[] }>('/api/canned-responses')).responses;
}

/** Count a use (for "most used first"). */
export async function markCannedUsed(id: string): Promise<CannedResponseDto> {
  return (await api<{ response: CannedResponseDto }>(`/api/canned-responses/${encodeURIComponent(id)}/use`, { method: 'POST', body: {} })).response;
}
