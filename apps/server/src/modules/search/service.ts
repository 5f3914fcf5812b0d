import { and, desc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { SearchQuery, SearchResultDto } from '@parley/protocol';
import type { Executor } from '../../db/client';
import { conversations, messages, sites, visitors } from '../../db/schema';
import type { AgentActor } from '../auth/actors';

const MAX_TERMS = 8;
const PREVIEW_CHARS = 160;
const RECENT_WINDOW = 20_000;

/**
 * The words of what the agent typed, as the `simple` configuration splits them (so they match
 * the stored vectors: emails, hyphenated words and numbers come out the same way). Characters
 * with a meaning in tsquery syntax are dropped first; the words are then quoted, never parsed.
 */
async function termsOf(db: Executor, text: string): Promise<string[]> {
  const cleaned = text.replace(/[&|!():*<>'"\\]/g, ' ').trim();
  if (!/[\p{L}\p{N}]/u.test(cleaned)) return [];
  const rows = await db
    .select({ lexeme: sql<string>`lexeme` })
    .from(sql`unnest(to_tsvector('simple', ${cleaned}))`)
    .orderBy(sql`positions[1]`)
    .limit(MAX_TERMS);
  return rows.map((r) => r.lexeme);
}

const quoted = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`;

/**
 * Every word as a prefix (`word:*`), all required. A signed number ("+33", "-0100") also
 * matches without its sign: visitor vectors hold phone numbers as bare digits too.
 */
export function prefixQuery(terms: string[]): string {
  return terms.map((t) => (/^[+-]\d/.test(t) ? `(${quoted(t)} | ${quoted(t.slice(1))})` : quoted(t))).join(' & ');
}

/** ~160 characters of `body` around the first word starting with one of the terms. */
export function snippet(body: string, terms: string[]): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= PREVIEW_CHARS) return text;
  const words = terms.map((t) => t.replace(/^[+-]/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).filter(Boolean);
  const hit = words.length ? new RegExp(`(^|[^\\p{L}\\p{N}])(${words.join('|')})`, 'iu').exec(text) : null;
  const at = hit ? hit.index + hit[1]!.length : 0;
  let start = Math.max(0, Math.min(at - 40, text.length - PREVIEW_CHARS));
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + PREVIEW_CHARS);
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/**
 * The newest matching messages, in two steps so that no plan degrades into reading every row:
 * 1. the workspace's newest RECENT_WINDOW messages (a bounded walk back along the primary key;
 *    uuid v7 ids are time ordered): enough for any word in common use;
 * 2. only when that found fewer than `n`: all messages, through the GIN index. The order is on
 *    created_at, which no index offers, so PostgreSQL cannot choose to walk the primary key
 *    back and check every row (its guess for a rare or unknown word can be far too high);
 *    it takes the index's matches, which step 1 just showed to be few, and sorts them.
 */
async function messageHits(db: Executor, actor: AgentActor, tsquery: SQL, scope: string[] | null, n: number) {
  const recent = await matchingMessages(db, actor, tsquery, scope, n, true);
  return recent.length >= n ? recent : matchingMessages(db, actor, tsquery, scope, n, false);
}

function matchingMessages(db: Executor, actor: AgentActor, tsquery: SQL, scope: string[] | null, n: number, newestOnly: boolean) {
  const cols = { id: messages.id, conversationId: messages.conversationId, seq: messages.seq, body: messages.body, createdAt: messages.createdAt, kind: messages.kind, deletedAt: messages.deletedAt, search: messages.search };
  const all = db.select(cols).from(messages).where(eq(messages.workspaceId, actor.workspaceId)).$dynamic();
  const m = (newestOnly ? all.orderBy(desc(messages.id)).limit(RECENT_WINDOW) : all).as('m');
  const q = db.select({ conversationId: m.conversationId, seq: m.seq, body: m.body, createdAt: m.createdAt }).from(m).$dynamic();
  if (scope) q.innerJoin(conversations, and(eq(conversations.id, m.conversationId), inArray(conversations.siteId, scope)));
  return q
    .where(and(sql`${m.search} @@ ${tsquery}`, ne(m.kind, 'event'), isNull(m.deletedAt)))
    .orderBy(...(newestOnly ? [desc(m.id)] : [desc(m.createdAt), desc(m.id)]))
    .limit(n);
}

/** The newest matching visitors, each with their latest conversation. */
function visitorHits(db: Executor, actor: AgentActor, tsquery: SQL, scope: string[] | null, n: number) {
  return db
    .select({ conversationId: sql<string>`latest.id` })
    .from(visitors)
    .innerJoinLateral(
      db.select({ id: conversations.id }).from(conversations).where(eq(conversations.visitorId, visitors.id)).orderBy(desc(conversations.createdAt)).limit(1).as('latest'),
      sql`true`,
    )
    .where(and(eq(visitors.workspaceId, actor.workspaceId), sql`${visitors.search} @@ ${tsquery}`, scope ? inArray(visitors.siteId, scope) : undefined))
    .orderBy(desc(visitors.id))
    .limit(n);
}

/** Global search over visitor name, email, phone and message text (notes included: only agents search). */
export async function search(db: Executor, actor: AgentActor, q: SearchQuery): Promise<SearchResultDto[]> {
  const scope = actor.siteIds === 'all' ? null : actor.siteIds;
  const terms = await termsOf(db, q.q);
  if (!terms.length || (scope && !scope.length)) return [];
  const tsquery = sql`${prefixQuery(terms)}::tsquery`;
  // Several hits may share a conversation: take more than asked, then keep one per chat.
  const n = q.limit * 3;
  const [inMessages, inVisitors] = await Promise.all([messageHits(db, actor, tsquery, scope, n), visitorHits(db, actor, tsquery, scope, n)]);
  const ids = [...new Set([...inMessages, ...inVisitors].map((h) => h.conversationId))];
  if (!ids.length) return [];
  const convs = await db
    .select({ conv: conversations, siteName: sites.name, visitor: { id: visitors.id, name: visitors.name, email: visitors.email, phone: visitors.phone } })
    .from(conversations)
    .innerJoin(sites, eq(sites.id, conversations.siteId))
    .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(inArray(conversations.id, ids));
  const byId = new Map(convs.map((c) => [c.conv.id, c]));
  const result = (conversationId: string, hit: Pick<SearchResultDto, 'matchedIn' | 'preview' | 'seq'> & { at: Date }) => {
    const c = byId.get(conversationId)!;
    return { conversationId, siteId: c.conv.siteId, siteName: c.siteName, status: c.conv.status, visitor: c.visitor, ...hit, at: hit.at.toISOString() };
  };
  const all: SearchResultDto[] = [
    ...inMessages.map((m) => result(m.conversationId, { matchedIn: 'message', preview: snippet(m.body, terms), seq: m.seq, at: m.createdAt })),
    ...inVisitors.map((v) => {
      const c = byId.get(v.conversationId)!.conv;
      return result(v.conversationId, { matchedIn: 'visitor', preview: c.lastMessagePreview ?? '', seq: null, at: c.lastMessageAt ?? c.createdAt });
    }),
  ];
  all.sort((a, b) => b.at.localeCompare(a.at));
  const seen = new Set<string>();
  return all.filter((r) => !seen.has(r.conversationId) && seen.add(r.conversationId)).slice(0, q.limit);
}
