import { and, eq } from 'drizzle-orm';
import { servesSite } from '../agents/queries';
import type { Executor } from '../../db/client';
import { agents } from '../../db/schema';

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Which of `names` a note mentions: `@Name` (case-insensitive, names may contain spaces),
 * standing alone: `@Al` does not mention "Alice" and `al@alice.com` mentions nobody.
 *
 * @example findMentions('ask @bob please', [{ id: '1', name: 'Bob' }]) // → ['1']
 */
export function findMentions(body: string, names: { id: string; name: string }[]): string[] {
  const text = body.toLowerCase();
  const out = new Set<string>();
  for (const n of names) {
    const needle = `@${n.name.toLowerCase()}`;
    for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
      const before = i === 0 ? '' : text.charAt(i - 1);
      const next = text.charAt(i + needle.length);
      if (!WORD.test(before) && !WORD.test(next)) {
        out.add(n.id);
        break;
      }
    }
  }
  return [...out];
}

/** Agents who can read the site's chats and are @mentioned in `body`. */
export async function mentionedAgents(db: Executor, workspaceId: string, siteId: string, body: string): Promise<string[]> {
  if (!body.includes('@')) return [];
  const rows = await db
    .select({ id: agents.id, name: agents.pseudoName })
    .from(agents)
    .where(
      and(
        eq(agents.workspaceId, workspaceId),
        eq(agents.disabled, false),
        servesSite(siteId, 'read'),
      ),
    );
  return findMentions(body, rows);
}
