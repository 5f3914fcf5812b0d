import type { SearchResultDto } from '@parley/protocol';
import { api } from '../../api/client';

export const SEARCH_LIMIT = 20;

/** `GET /api/search?q=`: visitors (name, email, phone) and message text. */
export async function searchConversations(q: string, signal?: AbortSignal): Promise<SearchResultDto[]> {
  return (await api<{ results: SearchResultDto[] }>('/api/search', { query: { q, limit: SEARCH_LIMIT }, signal })).results;
}
