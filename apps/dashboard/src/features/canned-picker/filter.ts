import type { CannedResponseDto } from '@parley/protocol';

/**
 * Canned responses matching what follows `/` in the composer: shortcut matches before title
 * matches, then the most used. An empty query lists the most used ones.
 *
 * @example filterCanned(all, 'ret') // `/returns` first, then "Return policy", then `/pretty`…
 */
export function filterCanned(list: readonly CannedResponseDto[], query: string, limit = 8): CannedResponseDto[] {
  const q = query.trim().toLowerCase();
  return list
    .map((r) => ({ r, rank: rank(r, q) }))
    .filter((x) => x.rank < 5)
    .sort((a, b) => a.rank - b.rank || b.r.usageCount - a.r.usageCount || a.r.shortcut.localeCompare(b.r.shortcut))
    .slice(0, limit)
    .map((x) => x.r);
}

function rank(r: CannedResponseDto, q: string): number {
  if (!q) return 0;
  const shortcut = r.shortcut.toLowerCase();
  const title = r.title.toLowerCase();
  if (shortcut === q) return 0;
  if (shortcut.startsWith(q)) return 1;
  if (title.startsWith(q) || title.split(/\s+/).some((w) => w.startsWith(q))) return 2;
  if (shortcut.includes(q)) return 3;
  if (title.includes(q)) return 4;
  return 5;
}

/** A one-line preview of a response body for the picker. */
export function previewBody(body: string, max = 90): string {
  const text = body.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
