import { describe, expect, it } from 'vitest';
import type { MessageDto } from '@parley/protocol';
import type { DomainEvent } from '../events/bus';
import { deliveriesFor } from './audience';

const refA = { workspaceId: 'w1', siteId: 'siteA', visitorId: 'v1', conversationId: 'c1' };
const msg = (kind: MessageDto['kind']): MessageDto => ({ id: 'm', conversationId: 'c1', seq: 1, senderType: 'agent', senderId: 'a', senderName: 'A', kind, body: 'x', clientId: null, createdAt: '' });
const conv = { id: 'c1' } as never;

const roomsOf = (e: DomainEvent) => deliveriesFor(e).flatMap((d) => d.rooms.map((r) => `${d.event.type}->${r}`));

describe('realtime audience', () => {
  it('notes reach the site agents and never the visitor', () => {
    expect(roomsOf({ name: 'message.created', ref: refA, message: msg('note') })).toEqual(['message->site:siteA:agents']);
  });

  it('visible messages reach the site agents and that conversation visitor only', () => {
    expect(roomsOf({ name: 'message.created', ref: refA, message: msg('text') })).toEqual(['message->site:siteA:agents', 'message->visitor:v1']);
  });

  it('inbox rows (agent-only data) never reach visitors', () => {
    for (const name of ['conversation.created', 'conversation.updated'] as const) {
      expect(roomsOf({ name, ref: refA, conversation: conv })).toEqual(['conversation->site:siteA:agents']);
    }
    const assigned = roomsOf({ name: 'conversation.assigned', ref: refA, conversation: conv, agent: { id: 'a', pseudoName: 'A', avatarUrl: null } });
    expect(assigned.filter((r) => r.endsWith('visitor:v1'))).toEqual(['agent_assigned->visitor:v1']);
    const status = roomsOf({ name: 'conversation.status_changed', ref: refA, conversation: conv, by: 'agent' });
    expect(status.filter((r) => r.endsWith('visitor:v1'))).toEqual(['status_change->visitor:v1']);
  });

  it('notes with mentions, transfers and unanswered alerts stay with agents', () => {
    const note = { ...msg('note'), mentions: ['a2'], body: '@Bo the customer is angry' };
    expect(roomsOf({ name: 'message.created', ref: refA, message: note })).toEqual(['message->site:siteA:agents']);
    const transfer = { id: 't', conversationId: 'c1', fromAgentId: 'a', fromAgentName: 'A', toAgentId: 'b', toAgentName: 'B', toDepartmentId: null, toDepartmentName: null, reason: 'internal reason', mode: 'leave' as const, createdAt: '' };
    expect(roomsOf({ name: 'conversation.transferred', ref: refA, conversation: conv, transfer })).toEqual(['conversation->site:siteA:agents']);
    expect(roomsOf({ name: 'conversation.unanswered', ref: refA, conversation: conv, waitedSeconds: 90 })).toEqual(['conversation->site:siteA:agents']);
  });

  it('queue positions go to each waiting visitor alone; notifications to their agent alone', () => {
    const queue = roomsOf({
      name: 'queue.changed',
      entries: [
        { visitorId: 'v1', conversationId: 'c1', queue: { position: 1, estimatedWaitSeconds: 60 } },
        { visitorId: 'v2', conversationId: 'c2', queue: null },
      ],
    });
    expect(queue).toEqual(['queue->visitor:v1', 'queue->visitor:v2']);
    const notification = { id: 'n', type: 'mention' as const, conversationId: 'c1', title: 't', body: 'b', readAt: null, createdAt: '' };
    expect(roomsOf({ name: 'notification.created', workspaceId: 'w1', agentId: 'a2', notification })).toEqual(['notification->agent:a2']);
  });

  it("a visitor's typing and reads go to agents only; an agent's to the visitor too", () => {
    expect(roomsOf({ name: 'typing', ref: refA, actor: { type: 'visitor', id: 'v1', name: null }, isTyping: true })).toEqual(['typing->site:siteA:agents']);
    expect(roomsOf({ name: 'typing', ref: refA, actor: { type: 'agent', id: 'a', name: 'A' }, isTyping: true })).toEqual(['typing->site:siteA:agents', 'typing->visitor:v1']);
    expect(roomsOf({ name: 'read', ref: refA, readerType: 'visitor', readerId: 'v1', seq: 3 })).toEqual(['read->site:siteA:agents']);
    expect(roomsOf({ name: 'read', ref: refA, readerType: 'agent', readerId: 'a', seq: 3 })).toEqual(['read->site:siteA:agents', 'read->visitor:v1']);
  });

  it("site A's events never name site B's rooms", () => {
    const events: DomainEvent[] = [
      { name: 'message.created', ref: refA, message: msg('text') },
      { name: 'conversation.created', ref: refA, conversation: conv },
      { name: 'typing', ref: refA, actor: { type: 'agent', id: 'a', name: 'A' }, isTyping: false },
      { name: 'read', ref: refA, readerType: 'agent', readerId: 'a', seq: 1 },
    ];
    for (const e of events) for (const r of roomsOf(e)) expect(r).not.toMatch(/siteB/);
  });

  it("availability goes to site A's widgets only, never to agents or another site", () => {
    const availability = { available: false, reason: 'no_agents' as const, nextOpenAt: null };
    const out = roomsOf({ name: 'availability.changed', workspaceId: 'w1', siteId: 'siteA', availability });
    expect(out).toEqual(['availability->site:siteA:visitors']);
    expect(out.join()).not.toMatch(/siteB|agents/);
  });

  it("visitor activity goes to site A's agents only, never to visitors or another site", () => {
    const visitor = { id: 'v1', siteId: 'siteA', online: true } as never;
    const out = roomsOf({ name: 'visitor.activity', workspaceId: 'w1', siteId: 'siteA', visitor });
    expect(out).toEqual(['visitor_activity->site:siteA:agents']);
    expect(out.join()).not.toMatch(/siteB|visitor:|visitors/);
  });

  it('wraps every event in the seed envelope { type, conversationId, data, timestamp }', () => {
    const [d] = deliveriesFor({ name: 'message.created', ref: refA, message: msg('text') }, new Date('2026-01-01T00:00:00Z'));
    expect(d!.event).toEqual({ type: 'message', conversationId: 'c1', data: msg('text'), timestamp: '2026-01-01T00:00:00.000Z' });
  });
});
