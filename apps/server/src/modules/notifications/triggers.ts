import { eq } from 'drizzle-orm';
import { RoutingSettings } from '@parley/protocol';
import type { Db } from '../../db/client';
import { sites } from '../../db/schema';
import type { DomainEvent } from '../../events/bus';
import { agentsOfSite, chatContext } from './queries';
import type { Notice } from './service';

/** The domain events that can notify someone; everything else is ignored without a query. */
export const TRIGGERS = new Set<DomainEvent['name']>(['conversation.created', 'conversation.assigned', 'message.created', 'conversation.transferred', 'conversation.unanswered']);

const PREVIEW_CHARS = 140;

export function preview(text: string | null | undefined): string {
  const chars = [...(text ?? '').replace(/\s+/g, ' ').trim()]; // code points: never cut an emoji in half
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('')}…` : chars.join('');
}

/** "Jane on Shop: first words…" */
function about(visitorName: string | null, siteName: string, text?: string | null): string {
  const head = `${visitorName ?? 'A visitor'} on ${siteName}`;
  const tail = preview(text);
  return tail ? `${head}: ${tail}` : head;
}

function waited(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
}

async function routedAutomatically(db: Db, siteId: string): Promise<boolean> {
  const [site] = await db.select({ routing: sites.routing }).from(sites).where(eq(sites.id, siteId));
  return !!site && RoutingSettings.parse(site.routing).mode !== 'manual';
}

/** Who gets told what about one domain event (no side effects). */
export async function noticesFor(db: Db, e: DomainEvent): Promise<Notice[]> {
  if (!('ref' in e) || !TRIGGERS.has(e.name)) return [];
  // Most messages notify nobody (agent replies, system lines, notes without mentions): no queries for them.
  if (e.name === 'message.created' && e.message.senderType !== 'visitor' && !(e.message.kind === 'note' && e.message.mentions?.length)) return [];
  if (e.name === 'conversation.assigned' && e.via !== 'routing') return [];
  const { workspaceId, siteId, conversationId } = e.ref;
  const chat = await chatContext(db, conversationId);
  if (!chat) return [];
  const base = { workspaceId, conversationId };

  switch (e.name) {
    case 'conversation.created': {
      if (e.conversation.status !== 'queued') return [];
      // Routed sites hand the chat to one agent at once (told below, on assignment); if
      // nobody is free, the unanswered alert tells everyone.
      if (await routedAutomatically(db, siteId)) return [];
      const agentIds = await agentsOfSite(db, workspaceId, { siteId, who: 'chat' });
      return [{ ...base, type: 'waiting', agentIds, title: 'New visitor waiting', body: about(chat.visitorName, chat.siteName, e.conversation.lastMessagePreview) }];
    }
    case 'conversation.assigned': {
      if (e.via !== 'routing') return [];
      return [{ ...base, type: 'waiting', agentIds: [e.agent.id], title: 'New chat assigned to you', body: about(chat.visitorName, chat.siteName) }];
    }
    case 'message.created': {
      const m = e.message;
      if (m.kind === 'note') {
        const mentioned = (m.mentions ?? []).filter((id) => id !== m.senderId);
        const agentIds = await agentsOfSite(db, workspaceId, { siteId, who: 'read', among: mentioned });
        return [{ ...base, type: 'mention', agentIds, title: `${m.senderName ?? 'A teammate'} mentioned you`, body: about(chat.visitorName, chat.siteName, m.body) }];
      }
      if (m.senderType !== 'visitor' || !chat.assignedAgentId) return [];
      // Written before the chat had its agent (it started the chat): the assignment says it.
      if (chat.assignedAt && new Date(m.createdAt) < chat.assignedAt) return [];
      const among = [...new Set([chat.assignedAgentId, ...chat.participantIds])];
      const agentIds = await agentsOfSite(db, workspaceId, { siteId, who: 'read', among });
      return [{ ...base, type: 'message', agentIds, title: `New message from ${m.senderName ?? chat.visitorName ?? 'a visitor'}`, body: preview(m.body) || 'Sent a file' }];
    }
    case 'conversation.transferred': {
      const t = e.transfer;
      const from = t.fromAgentName ?? 'A teammate';
      const body = about(chat.visitorName, chat.siteName, t.reason);
      if (t.toAgentId) {
        const agentIds = await agentsOfSite(db, workspaceId, { siteId, who: 'chat', among: [t.toAgentId].filter((id) => id !== t.fromAgentId) });
        return [{ ...base, type: 'transfer', agentIds, title: `${from} transferred a chat to you`, body }];
      }
      if (!t.toDepartmentId) return [];
      const agentIds = (await agentsOfSite(db, workspaceId, { siteId, who: 'chat', departmentId: t.toDepartmentId })).filter((id) => id !== t.fromAgentId);
      return [{ ...base, type: 'transfer', agentIds, title: `${from} transferred a chat to ${t.toDepartmentName ?? 'your team'}`, body }];
    }
    case 'conversation.unanswered': {
      const agentIds = await agentsOfSite(db, workspaceId, { siteId, who: 'chat' });
      return [{ ...base, type: 'unanswered', agentIds, title: `Visitor waiting for ${waited(e.waitedSeconds)}`, body: about(chat.visitorName, chat.siteName, e.conversation.lastMessagePreview) }];
    }
    default:
      return [];
  }
}
