/**
 * Pure helpers shared by the widget and the dashboard. Zod-free, so the widget can import
 * them without weight.
 */
import type { MessageDto } from './models';

/**
 * Merges `incoming` messages into `held` (ascending by seq, one per seq; a changed copy of a held message wins). Returns `held`
 * itself when nothing new arrived, so UI caches keep their reference. `dropNotes` keeps
 * internal notes out of a visitor's view even if one ever arrived.
 *
 * @example mergeBySeq([m1, m2], [m2, m3]) // → [m1, m2, m3]
 */
export function mergeBySeq(held: readonly MessageDto[] | undefined, incoming: readonly MessageDto[], opts: { dropNotes?: boolean } = {}): MessageDto[] {
  const base = (held ?? []) as MessageDto[];
  const bySeq = new Map<number, MessageDto>();
  for (const m of base) bySeq.set(m.seq, m);
  let changed = held === undefined;
  for (const m of incoming) {
    if (opts.dropNotes && m.kind === 'note') continue;
    const had = bySeq.get(m.seq);
    // The same message again (live event and resync both delivered it): keep the held copy.
    // A changed copy (a file expired or was blocked) replaces it.
    if (had && had.id === m.id && had.body === m.body && attachmentStates(had) === attachmentStates(m)) continue;
    bySeq.set(m.seq, m);
    changed = true;
  }
  return changed ? [...bySeq.values()].sort((a, b) => a.seq - b.seq) : base;
}

const attachmentStates = (m: MessageDto) => (m.attachments ?? []).map((a) => a.status).join();

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;

/**
 * Splits user text into plain parts and http(s) links (trailing punctuation stays text).
 * Callers render parts as text nodes and anchors; nothing is ever parsed as HTML.
 *
 * @example linkify('see https://a.io.') // → [text 'see ', link 'https://a.io', text '.']
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let url = match[0];
    const trail = /[.,;:!?)\]}]+$/.exec(url);
    if (trail) url = url.slice(0, -trail[0].length);
    const start = match.index ?? 0;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: url, href: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export interface CannedVars {
  visitor?: { name?: string | null; email?: string | null };
  agent?: { name?: string | null };
  site?: { name?: string | null };
}

/**
 * Fills `{{visitor.name}}`, `{{visitor.email}}`, `{{agent.name}}` and `{{site.name}}` in a
 * canned response. A missing visitor name becomes `fallback` ("Hi there!"), any other
 * missing value an empty string; other `{{...}}` text is left as written.
 *
 * @example renderCanned('Hi {{visitor.name}}!', { visitor: { name: 'Ana' } }) // → 'Hi Ana!'
 */
export function renderCanned(body: string, vars: CannedVars, fallback = 'there'): string {
  return body.replace(/\{\{\s*(visitor|agent|site)\.(name|email)\s*\}\}/g, (_whole, scope: keyof CannedVars, field: string) => {
    const v = (vars[scope] as Record<string, string | null | undefined> | undefined)?.[field];
    if (v) return v;
    return scope === 'visitor' && field === 'name' ? fallback : '';
  });
}

/**
 * Agents of one chat numbered in the order they first wrote (0, 1, 2…), for colours that
 * tell them apart: unlike a hash of the id, two agents of a chat never get the same number.
 *
 * @example agentOrder([{ senderType: 'agent', senderId: 'b' }, { senderType: 'agent', senderId: 'a' }]) // → Map { b → 0, a → 1 }
 */
export function agentOrder(messages: readonly { senderType: string; senderId: string | null }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of messages) if (m.senderType === 'agent' && m.senderId && !out.has(m.senderId)) out.set(m.senderId, out.size);
  return out;
}
