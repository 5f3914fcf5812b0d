/**
 * The database's own speed for Parley's message rows: a plain `pg` script inserting the same
 * rows into the same `messages` table (same columns, indexes — unique (conversation, seq) and
 * (conversation, clientId), the clientId index, the GIN full-text index — and foreign keys),
 * one statement per round trip, autocommit. `rows` = 1 is the single-row rate; more is a
 * multi-row `insert … values (…), (…)` per statement (batched).
 *
 * Each connection writes to its own spare conversation (fixtures.ts) with its own seq counter;
 * unlike Parley it does not touch `conversations.last_seq` — it is the floor of the insert alone.
 */
import pg from 'pg';
import { newId } from '../../apps/server/src/ids';
import { sleep, summarize, type Summary } from './stats';

const COLUMNS = ['id', 'workspace_id', 'conversation_id', 'seq', 'sender_type', 'sender_id', 'sender_name', 'kind', 'body', 'client_id', 'mentions', 'created_at'];

export interface RawResult {
  /** Rows committed per second in the counted window. */
  rate: number;
  /** Time per statement (one commit). */
  statement?: Summary;
}

const seqs = new Map<string, number>();

export async function rawInserts(
  url: string,
  conversations: { workspaceId: string; conversationId: string; visitorId: string }[],
  opts: { connections: number; rows: number; seconds: number; warmup: number },
): Promise<RawResult> {
  if (conversations.length < opts.connections) throw new Error(`need ${opts.connections} spare conversations, have ${conversations.length}`);
  const clients = await Promise.all(
    conversations.slice(0, opts.connections).map(async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const placeholders = Array.from({ length: opts.rows }, (_, r) => `(${COLUMNS.map((_, i) => `$${r * COLUMNS.length + i + 1}`).join(', ')})`).join(', ');
  const text = `insert into messages (${COLUMNS.join(', ')}) values ${placeholders}`;
  const start = performance.now();
  const windowStart = start + opts.warmup * 1000;
  const end = windowStart + opts.seconds * 1000;
  let rows = 0;
  const times: number[] = [];
  try {
    await Promise.all(
      clients.map(async (client, w) => {
        const conv = conversations[w]!;
        while (performance.now() < end) {
          const values: unknown[] = [];
          for (let r = 0; r < opts.rows; r++) {
            const seq = (seqs.get(conv.conversationId) ?? 1000) + 1;
            seqs.set(conv.conversationId, seq);
            const body = `Is the blue one available in size 44? #${seq}`;
            values.push(newId(), conv.workspaceId, conv.conversationId, seq, 'visitor', conv.visitorId, null, 'text', body, `raw-${seq}`, '[]', new Date());
          }
          const t0 = performance.now();
          await client.query(text, values);
          const t1 = performance.now();
          if (t0 >= windowStart && t1 <= end) {
            rows += opts.rows;
            times.push(t1 - t0);
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
  await sleep(200);
  return { rate: rows / opts.seconds, statement: summarize(times) };
}
