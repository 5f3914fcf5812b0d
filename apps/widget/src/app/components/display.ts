/** Small pure display helpers of the chat window (in its lazily loaded chunk). */

/** Name colours for agents, each dark enough for small text on the light list background. */
const PALETTE = ['#0f766e', '#7c3aed', '#be185d', '#c2410c', '#1d4ed8', '#0e7490', '#4d7c0f', '#a21caf'];

/** The colour of the n-th agent of a chat (`agentOrder`), so that two agents look different. */
export const agentColor = (n: number | undefined): string => PALETTE[(n ?? 0) % PALETTE.length];

/** Up to two initials for an avatar without a picture ("Ana Lima" → "AL"). */
export function initials(name: string): string {
  const w = name.trim().split(/\s+/).filter(Boolean);
  return ((w[0]?.[0] ?? '?') + (w.length > 1 ? w[w.length - 1][0] : '')).toUpperCase();
}

/** A queue estimate in whole minutes, at least 1 (null stays null: no estimate yet). */
export function waitMinutes(seconds: number | null): number | null {
  return seconds === null ? null : Math.max(1, Math.ceil(seconds / 60));
}
