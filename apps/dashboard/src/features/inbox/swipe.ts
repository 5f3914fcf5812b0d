/**
 * Swipe-left actions on phone chat rows, as pure steps so the gesture rules are testable:
 * the first ~10px decide whether the finger scrolls the list or swipes the row, the row
 * follows the finger (with resistance past the action width), and letting go past the
 * threshold runs the action.
 */
import type { AgentRole, ConversationDto } from '@parley/protocol';
import type { InboxTab } from './inboxLists';

export type SwipeAction = 'accept' | 'close';

export interface SwipeState {
  startX: number;
  startY: number;
  /** Horizontal travel so far (negative = left). */
  dx: number;
  /** `x`: this is a row swipe; `y`: the list scrolls, ignore the gesture; null: undecided. */
  axis: 'x' | 'y' | null;
}

const DECIDE_PX = 10;
/** How far the action area opens before the row resists. */
export const ACTION_WIDTH = 96;

export function swipeStart(x: number, y: number): SwipeState {
  return { startX: x, startY: y, dx: 0, axis: null };
}

export function swipeMove(s: SwipeState, x: number, y: number): SwipeState {
  const dx = x - s.startX;
  const dy = y - s.startY;
  let axis = s.axis;
  if (!axis && Math.max(Math.abs(dx), Math.abs(dy)) >= DECIDE_PX) axis = Math.abs(dx) > Math.abs(dy) ? 'x' : 'y';
  return { ...s, axis, dx: axis === 'x' ? Math.min(0, dx) : 0 };
}

/** Where the row is drawn: follows the finger up to the action width, then at a third of the pace. */
export function swipeOffset(dx: number, rowWidth: number): number {
  const travel = Math.max(dx, -rowWidth);
  if (travel >= -ACTION_WIDTH) return travel;
  return -ACTION_WIDTH + (travel + ACTION_WIDTH) / 3;
}

/** Let go here and the action runs. */
export function swipeCommits(s: SwipeState, rowWidth: number): boolean {
  return s.axis === 'x' && s.dx <= -Math.min(ACTION_WIDTH * 1.25, rowWidth * 0.4);
}

/** Accept on a waiting row, close on an active one I may close; nothing otherwise. */
export function swipeActionFor(tab: InboxTab, c: Pick<ConversationDto, 'status' | 'assignedAgentId'>, me: { id: string; role: AgentRole }): SwipeAction | null {
  if (me.role === 'manager') return null;
  if (tab === 'waiting' && c.status === 'queued') return 'accept';
  if (tab === 'active' && c.status === 'active' && (c.assignedAgentId === me.id || me.role === 'owner' || me.role === 'admin')) return 'close';
  return null;
}
