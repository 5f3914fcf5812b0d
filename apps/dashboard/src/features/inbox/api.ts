import type { ConversationDto, DepartmentDto, SavedViewBody, SavedViewDto, SiteDto } from '@parley/protocol';
import { api } from '../../api/client';
import type { InboxTab } from './inboxLists';

export const PAGE_SIZE = 50;

export interface InboxPage {
  conversations: ConversationDto[];
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** `GET /api/conversations` with an `InboxQuery` (see filters.ts `toInboxQuery`). */
export async function fetchInboxPage(query: Record<string, string>, before?: string, signal?: AbortSignal): Promise<InboxPage> {
  const res = await api<{ conversations: ConversationDto[]; nextCursor?: string | null }>('/api/conversations', {
    query: { ...query, limit: PAGE_SIZE, before },
    signal,
  });
  return { conversations: res.conversations, nextCursor: res.nextCursor ?? null };
}

/** One unfiltered tab: the live-updated lists behind Waiting and Active. */
export async function fetchInbox(tab: InboxTab): Promise<ConversationDto[]> {
  return (await fetchInboxPage({ status: tab })).conversations;
}

/** `POST /api/conversations/next`: accept the oldest waiting chat I may take (null: nobody waits). */
export async function acceptNextWaiting(): Promise<ConversationDto | null> {
  return (await api<{ conversation: ConversationDto | null }>('/api/conversations/next', { method: 'POST', body: {} })).conversation;
}

export async function fetchSites(): Promise<SiteDto[]> {
  return (await api<{ sites: SiteDto[] }>('/api/sites')).sites;
}

export async function fetchTags(): Promise<string[]> {
  return (await api<{ tags: string[] }>('/api/tags')).tags;
}

export async function fetchDepartments(): Promise<DepartmentDto[]> {
  return (await api<{ departments: DepartmentDto[] }>('/api/departments')).departments;
}

export async function fetchViews(): Promise<SavedViewDto[]> {
  return (await api<{ views: SavedViewDto[] }>('/api/views')).views;
}

export async function createView(body: SavedViewBody): Promise<SavedViewDto> {
  return (await api<{ view: SavedViewDto }>('/api/views', { method: 'POST', body })).view;
}

export async function deleteView(id: string): Promise<void> {
  await api<void>(`/api/views/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
