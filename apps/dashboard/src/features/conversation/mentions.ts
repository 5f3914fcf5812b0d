/** `@Name` mentions in internal notes: who can be mentioned and how a note's text splits around them. */
import type { AgentDto } from '@parley/protocol';

export interface Mentionable {
  id: string;
  name: string;
}

export type MentionPart = { kind: 'text'; text: string } | { kind: 'mention'; text: string; agentId: string };

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Split `body` into text and `@Name` parts for the given people (case-insensitive, longest
 * name first, the `@` starting a word and the name ending at a word boundary).
 *
 * @example splitMentions('ask @Ana Maria now', [{ id: '1', name: 'Ana Maria' }]) // → text, mention '@Ana Maria', text
 */
export function splitMentions(body: string, people: readonly Mentionable[]): MentionPart[] {
  const sorted = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const parts: MentionPart[] = [];
  let textStart = 0;
  let i = 0;
  while (i < body.length) {
    const at = body.indexOf('@', i);
    if (at === -1) break;
    const startsWord = at === 0 || !WORD_CHAR.test(body[at - 1]!);
    const hit = startsWord
      ? sorted.find((p) => {
          const candidate = body.slice(at + 1, at + 1 + p.name.length);
          const next = body[at + 1 + p.name.length];
          return candidate.toLowerCase() === p.name.toLowerCase() && (next === undefined || !WORD_CHAR.test(next));
        })
      : undefined;
    if (!hit) {
      i = at + 1;
      continue;
    }
    if (at > textStart) parts.push({ kind: 'text', text: body.slice(textStart, at) });
    const end = at + 1 + hit.name.length;
    parts.push({ kind: 'mention', text: body.slice(at, end), agentId: hit.id });
    textStart = i = end;
  }
  if (textStart < body.length) parts.push({ kind: 'text', text: body.slice(textStart) });
  return parts;
}

/** Agents a note can mention: those who can see the site's chats, me excluded, best match first. */
export function mentionCandidates(agents: readonly AgentDto[], siteId: string, meId: string, query: string, limit = 8): AgentDto[] {
  const q = query.toLowerCase();
  return agents
    .filter((a) => a.id !== meId && seesSite(a, siteId))
    .map((a) => ({ a, rank: rankName(a, q) }))
    .filter((x) => x.rank < 3)
    .sort((x, y) => x.rank - y.rank || x.a.pseudoName.localeCompare(y.a.pseudoName))
    .slice(0, limit)
    .map((x) => x.a);
}

function rankName(a: AgentDto, q: string): number {
  if (!q) return 0;
  const pseudo = a.pseudoName.toLowerCase();
  if (pseudo.startsWith(q)) return 0;
  if (pseudo.split(/\s+/).some((w) => w.startsWith(q)) || a.name.toLowerCase().startsWith(q)) return 1;
  if (pseudo.includes(q)) return 2;
  return 3;
}

/** Owners, admins and managers see every site; agents the sites they are linked to. */
export function seesSite(a: Pick<AgentDto, 'role' | 'siteIds'>, siteId: string): boolean {
  return a.role !== 'agent' || a.siteIds.includes(siteId);
}
