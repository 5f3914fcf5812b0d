import type { ConversationDto, LiveVisitorDto, MessageDto, StartVisitorChatBody, VisitorDetailDto } from '@parley/protocol';
import { api } from '../../api/client';

/** `GET /api/visitors/live`: who is on my sites now (one site when `siteId` is given). */
export async function fetchLiveVisitors(siteId?: string): Promise<LiveVisitorDto[]> {
  return (await api<{ visitors: LiveVisitorDto[] }>('/api/visitors/live', { query: { siteId } })).visitors;
}

/** `GET /api/visitors/:id`: profile, device, location, sessions with page views, events, chats. */
export async function fetchVisitor(id: string): Promise<VisitorDetailDto> {
  return api<VisitorDetailDto>(`/api/visitors/${encodeURIComponent(id)}`);
}

/** `POST /api/visitors/:id/conversations`: start a chat with an online visitor (409 if they left or already chat). */
export async function startVisitorChat(id: string, body: StartVisitorChatBody): Promise<{ conversation: ConversationDto; message: MessageDto }> {
  return api(`/api/visitors/${encodeURIComponent(id)}/conversations`, { method: 'POST', body });
}
