/**
 * Counting what the clients sent against what the database stored and what each client
 * holds: lost and duplicated by clientId, seq integrity per conversation, and each view
 * (visitor: their conversation without notes; agent: every conversation followed) compared
 * with the database seq by seq.
 */
import type pg from 'pg';
import type { AgentClient, SendRecord, WidgetClient } from './clients';
import { log } from './cluster';

export interface StoredRow {
  conversationId: string;
  seq: number;
  clientId: string | null;
  kind: string;
  senderType: string;
}

export async function storedMessages(pool: pg.Pool, conversationIds: string[]): Promise<StoredRow[]> {
  if (!conversationIds.length) return [];
  const r = await pool.query<StoredRow>(
    'select conversation_id as "conversationId", seq, client_id as "clientId", kind, sender_type as "senderType" from messages where conversation_id = any($1::uuid[]) order by conversation_id, seq',
    [conversationIds],
  );
  return r.rows;
}

export interface Tally {
  /** Distinct messages written by the clients (clientIds). */
  sent: number;
  /** Emissions of those, retries included. */
  emitted: number;
  /** Messages emitted more than once (an ack never came: reconnect, timeout, refusal). */
  retried: number;
  /** Answered `{ ok: true }`. */
  acked: number;
  /** Not acked, but a resync returned it, so the outbox dropped it (the widget's `reconcile`). */
  reconciled: number;
  /** Answered `{ ok: false }` at least once. */
  refusedOnce: number;
  /** Refused for good (not retried). */
  refused: number;
  /** Refusals by error code (every refused attempt). */
  refusedCodes: Record<string, number>;
  /** Rows in the database with the clients' clientIds. */
  stored: number;
  /** Sent, not refused for good, and not in the database. */
  lost: number;
  /** Rows beyond the first per clientId. */
  duplicated: number;
  /** Conversations whose seqs are not exactly 1..n. */
  seqBroken: number;
  /** Messages each client should hold (summed over clients), and of those: */
  expectedInViews: number;
  /** held at the right seq with the right clientId, */
  deliveredInViews: number;
  /** not held at all (lost by seq), */
  missingInViews: number;
  /** held at that seq but a different message, or one clientId at two seqs. */
  wrongInViews: number;
  /** `message` events for a seq the client already held (merged, not shown twice). */
  redeliveredEvents: number;
}

export interface TallyInput {
  pool: pg.Pool;
  visitors: WidgetClient[];
  agents: AgentClient[];
  /** Conversations the agents must hold in full (default: every visitor's conversation). */
  conversationIds?: string[];
}

export async function tally({ pool, visitors, agents, conversationIds }: TallyInput): Promise<{ tally: Tally; rows: StoredRow[]; byClientId: Map<string, StoredRow[]>; problems: string[] }> {
  const sends: SendRecord[] = [...visitors, ...agents].flatMap((c) => [...c.sends.values()]);
  const convIds = conversationIds ?? [...new Set(visitors.flatMap((v) => (v.conversationId ? [v.conversationId] : [])).concat(sends.flatMap((s) => (s.conversationId ? [s.conversationId] : []))))];
  const rows = await storedMessages(pool, convIds);
  const byClientId = new Map<string, StoredRow[]>();
  for (const r of rows) if (r.clientId) byClientId.set(r.clientId, [...(byClientId.get(r.clientId) ?? []), r]);
  const byConv = new Map<string, StoredRow[]>();
  for (const r of rows) byConv.set(r.conversationId, [...(byConv.get(r.conversationId) ?? []), r]);
  const problems: string[] = [];

  const t: Tally = {
    sent: sends.length,
    emitted: sends.reduce((n, s) => n + s.emits.length, 0),
    retried: sends.filter((s) => s.emits.length > 1).length,
    acked: sends.filter((s) => s.ackedAt !== undefined).length,
    reconciled: sends.filter((s) => s.ackedAt === undefined && s.reconciledAt !== undefined).length,
    refusedOnce: sends.filter((s) => s.refused).length,
    refused: sends.filter((s) => s.refused && s.ackedAt === undefined && s.reconciledAt === undefined).length,
    refusedCodes: sends.reduce<Record<string, number>>((m, s) => (s.refused ? { ...m, [s.refused]: (m[s.refused] ?? 0) + 1 } : m), {}),
    stored: 0,
    lost: 0,
    duplicated: 0,
    seqBroken: 0,
    expectedInViews: 0,
    deliveredInViews: 0,
    missingInViews: 0,
    wrongInViews: 0,
    redeliveredEvents: [...visitors, ...agents].reduce((n, c) => n + c.redelivered, 0),
  };
  for (const s of sends) {
    const found = byClientId.get(s.clientId) ?? [];
    t.stored += found.length;
    if (found.length > 1) {
      t.duplicated += found.length - 1;
      problems.push(`clientId ${s.clientId} stored ${found.length} times (seqs ${found.map((r) => r.seq).join(', ')})`);
    }
    const refusedForGood = s.refused && s.ackedAt === undefined && s.reconciledAt === undefined;
    if (!found.length && !refusedForGood) {
      t.lost++;
      problems.push(`clientId ${s.clientId} (${s.body}) not stored; emitted ${s.emits.length}×, acked ${s.ackedAt !== undefined}`);
    }
    if (s.seq !== undefined && found.length && found[0]!.seq !== s.seq) problems.push(`clientId ${s.clientId} acked as seq ${s.seq} but stored as ${found[0]!.seq}`);
  }
  for (const [conv, list] of byConv) {
    const ok = list.every((r, i) => r.seq === i + 1);
    if (!ok) {
      t.seqBroken++;
      problems.push(`conversation ${conv}: seqs ${list.map((r) => r.seq).join(',')}`);
    }
  }

  const compare = (who: string, held: Map<number, { seq: number; clientId: string | null }> | undefined, expected: StoredRow[]) => {
    const seen = new Map<string, number>();
    for (const r of expected) {
      t.expectedInViews++;
      const m = held?.get(r.seq);
      if (!m) {
        t.missingInViews++;
        if (t.missingInViews <= 20) problems.push(`${who} lacks ${r.conversationId} seq ${r.seq} (${r.senderType}, clientId ${r.clientId})`);
      } else if ((m.clientId ?? null) !== (r.clientId ?? null)) {
        t.wrongInViews++;
        problems.push(`${who} holds another message at ${r.conversationId} seq ${r.seq}`);
      } else t.deliveredInViews++;
    }
    for (const m of held?.values() ?? []) {
      if (!m.clientId) continue;
      if (seen.has(m.clientId)) {
        t.wrongInViews++;
        problems.push(`${who} holds clientId ${m.clientId} at seqs ${seen.get(m.clientId)} and ${m.seq}`);
      }
      seen.set(m.clientId, m.seq);
    }
  };
  for (const v of visitors) {
    if (!v.conversationId) continue;
    compare(`visitor ${v.name}`, v.held.get(v.conversationId), (byConv.get(v.conversationId) ?? []).filter((r) => r.kind !== 'note'));
  }
  for (const a of agents) for (const conv of convIds) compare(`agent ${a.name}`, a.held.get(conv), byConv.get(conv) ?? []);
  return { tally: t, rows, byClientId, problems };
}

export function stats(values: number[]): { n: number; p50: number; p95: number; max: number } {
  const v = [...values].sort((a, b) => a - b);
  const at = (q: number) => (v.length ? v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]! : 0);
  return { n: v.length, p50: Math.round(at(0.5)), p95: Math.round(at(0.95)), max: Math.round(v.at(-1) ?? 0) };
}

export const fmtStats = (label: string, values: number[]) => {
  const s = stats(values);
  return `${label}: n=${s.n} p50=${s.p50} ms p95=${s.p95} ms max=${s.max} ms`;
};

/** Prints the figures the lead quotes, one `key=value` line per group. */
export function report(scope: string, t: Tally, extra: Record<string, string | number> = {}, lines: string[] = []): void {
  log(scope, `sent=${t.sent} emitted=${t.emitted} retried=${t.retried} acked=${t.acked} reconciled=${t.reconciled} refused=${t.refused} (refused once: ${t.refusedOnce} ${JSON.stringify(t.refusedCodes)})`);
  log(scope, `stored=${t.stored} lost=${t.lost} duplicated=${t.duplicated} seq-broken conversations=${t.seqBroken}`);
  log(scope, `delivered to views=${t.deliveredInViews}/${t.expectedInViews} missing(by seq)=${t.missingInViews} wrong/duplicated in views=${t.wrongInViews} redelivered events (merged)=${t.redeliveredEvents}`);
  const e = Object.entries(extra);
  if (e.length) log(scope, e.map(([k, v]) => `${k}=${v}`).join(' '));
  for (const l of lines) log(scope, l);
}
