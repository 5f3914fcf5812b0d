import type { ConversationDto, SiteDto } from '@parley/protocol';
import { api } from '../../api/client';
import type { InboxTab } from './inboxLists';

export const PAGE_SIZE = 50;

export async function fetchInbox(tab: InboxTab, before?: string): Promise<ConversationDto[]> {
  const res = await api<{ conversations: ConversationDto[] }>('/api/conversations', { query: { status: tab, limit: PAGE_SIZE, before } });
  return res.conversations;
}

export async function fetchSites(): Promise<SiteDto[]> {
  return (await api<{ sites: SiteDto[] }>('/api/sites')).sites;
}
