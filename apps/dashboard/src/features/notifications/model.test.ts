import { describe, expect, it } from 'vitest';
import type { NotificationDto } from '@parley/protocol';
import { addNotification, markReadLocally, notificationTab, soundFor, titleBadgeCount } from './model';

let n = 0;
function note(over: Partial<NotificationDto> = {}): NotificationDto {
  n += 1;
  return { id: `n${n}`, type: 'waiting', conversationId: `c${n}`, title: 'New visitor waiting', body: 'Hi', readAt: null, createdAt: '2025-06-18T10:00:00.000Z', ...over };
}

describe('addNotification', () => {
  it('puts a live notification first and counts it unread once', () => {
    const a = note();
    const b = note();
    const s1 = addNotification({ notifications: [a], unreadCount: 1 }, b);
    expect(s1.notifications.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(s1.unreadCount).toBe(2);
    expect(addNotification(s1, b)).toBe(s1);
  });
  it('starts from nothing when the list is not loaded yet', () => {
    expect(addNotification(undefined, note()).unreadCount).toBe(1);
  });
});

describe('markReadLocally', () => {
  it('clears the given ids and lowers the total by what actually changed', () => {
    const a = note();
    const b = note({ readAt: '2025-06-18T09:00:00.000Z' });
    const s = markReadLocally({ notifications: [a, b], unreadCount: 5 }, { ids: [a.id, b.id] }, 'T');
    expect(s.notifications[0]!.readAt).toBe('T');
    expect(s.notifications[1]!.readAt).toBe('2025-06-18T09:00:00.000Z');
    expect(s.unreadCount).toBe(4);
  });
  it('clears everything on "all"', () => {
    const s = markReadLocally({ notifications: [note(), note()], unreadCount: 7 }, { all: true }, 'T');
    expect(s.unreadCount).toBe(0);
    expect(s.notifications.every((x) => x.readAt === 'T')).toBe(true);
  });
});

describe('sounds, links and the title badge', () => {
  it('rings for chats needing an agent, a soft tone for things to read', () => {
    expect(soundFor('waiting')).toBe('ring');
    expect(soundFor('unanswered')).toBe('ring');
    expect(soundFor('transfer')).toBe('ring');
    expect(soundFor('message')).toBe('soft');
    expect(soundFor('mention')).toBe('soft');
  });
  it('links to the tab of the known row, else guesses from the type', () => {
    expect(notificationTab('waiting', { status: 'active' })).toBe('active');
    expect(notificationTab('unanswered', undefined)).toBe('waiting');
    expect(notificationTab('mention', undefined)).toBe('active');
  });
  it('adds unread transfers and mentions to the list counts, not waiting/message ones', () => {
    const list = [note({ type: 'transfer' }), note({ type: 'mention' }), note({ type: 'mention', readAt: 'T' }), note({ type: 'waiting' }), note({ type: 'message' })];
    expect(titleBadgeCount(3, list)).toBe(5);
    expect(titleBadgeCount(0, undefined)).toBe(0);
  });
});
