import { describe, expect, it } from 'vitest';
import { ACTION_WIDTH, swipeActionFor, swipeCommits, swipeMove, swipeOffset, swipeStart } from './swipe';

const agent = { id: 'a1', role: 'agent' as const };

describe('swipe gesture', () => {
  it('a mostly vertical move scrolls the list and never swipes the row', () => {
    let s = swipeStart(300, 100);
    s = swipeMove(s, 295, 130);
    expect(s.axis).toBe('y');
    s = swipeMove(s, 100, 140);
    expect(s.dx).toBe(0);
    expect(swipeCommits(s, 390)).toBe(false);
  });

  it('a left swipe past the threshold commits; a short one does not', () => {
    let s = swipeMove(swipeStart(300, 100), 285, 102);
    expect(s.axis).toBe('x');
    s = swipeMove(s, 250, 104);
    expect(swipeCommits(s, 390)).toBe(false);
    s = swipeMove(s, 150, 104);
    expect(swipeCommits(s, 390)).toBe(true);
  });

  it('ignores swipes to the right', () => {
    const s = swipeMove(swipeMove(swipeStart(100, 100), 120, 100), 250, 100);
    expect(s.dx).toBe(0);
    expect(swipeCommits(s, 390)).toBe(false);
  });

  it('follows the finger, then resists past the action width', () => {
    expect(swipeOffset(-50, 390)).toBe(-50);
    expect(swipeOffset(-ACTION_WIDTH - 30, 390)).toBe(-ACTION_WIDTH - 10);
  });
});

describe('swipeActionFor', () => {
  it('accepts waiting chats and closes my active ones', () => {
    expect(swipeActionFor('waiting', { status: 'queued', assignedAgentId: null }, agent)).toBe('accept');
    expect(swipeActionFor('active', { status: 'active', assignedAgentId: 'a1' }, agent)).toBe('close');
  });
  it("offers nothing on a teammate's chat, closed chats, or to managers", () => {
    expect(swipeActionFor('active', { status: 'active', assignedAgentId: 'a2' }, agent)).toBeNull();
    expect(swipeActionFor('active', { status: 'active', assignedAgentId: 'a2' }, { id: 'x', role: 'admin' })).toBe('close');
    expect(swipeActionFor('closed', { status: 'closed', assignedAgentId: 'a1' }, agent)).toBeNull();
    expect(swipeActionFor('waiting', { status: 'queued', assignedAgentId: null }, { id: 'm', role: 'manager' })).toBeNull();
  });
});
