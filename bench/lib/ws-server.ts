/**
 * The baseline: a bare `ws` server in its own process (child of a benchmark) doing only what
 * any chat relay must — the floor Parley's figures are divided by. No auth, no database.
 *
 * - Rooms as in Parley (`realtime/rooms.ts`): a visitor joins `visitor:<id>` and
 *   `site:<site>:visitors`, an agent `agent:<id>` and `site:<site>:agents` (query string of
 *   the upgrade request: `?role=visitor|agent&id=…&site=…`).
 * - A message `{ t:'m', n, s, v, c, k, b, f }` (ack number, site, visitor, conversation,
 *   clientId, body, from) is acked to its sender and sent, JSON-encoded once, to
 *   `site:<s>:agents` and `visitor:<v>` — the same audience as Parley's `message.created`.
 * - Heartbeats: a ping every 25 s; a socket that did not answer the previous one is
 *   dropped (Socket.IO's pingInterval/pingTimeout, as Parley configures them).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ready, serve } from './child';
import { memory, usage } from './probe';

const PING_MS = 25_000;
const rooms = new Map<string, Set<WebSocket>>();
const alive = new WeakSet<WebSocket>();
const seqs = new Map<string, number>();

function join(ws: WebSocket, names: string[]) {
  for (const name of names) {
    let set = rooms.get(name);
    if (!set) rooms.set(name, (set = new Set()));
    set.add(ws);
  }
  ws.once('close', () => {
    for (const name of names) {
      const set = rooms.get(name);
      set?.delete(ws);
      if (set && !set.size) rooms.delete(name);
    }
  });
}

interface Incoming {
  t: 'm';
  n: number;
  s: string;
  v: string;
  c: string;
  k: string;
  b: string;
  f: 'visitor' | 'agent';
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
wss.on('connection', (ws, req) => {
  const q = new URL(req.url ?? '/', 'http://x').searchParams;
  const id = q.get('id') ?? '';
  const site = q.get('site') ?? '';
  join(ws, q.get('role') === 'agent' ? [`agent:${id}`, `site:${site}:agents`] : [`visitor:${id}`, `site:${site}:visitors`]);
  alive.add(ws);
  ws.on('pong', () => alive.add(ws));
  ws.on('message', (raw) => {
    let m: Incoming;
    try {
      m = JSON.parse(raw.toString()) as Incoming;
    } catch {
      return;
    }
    if (m.t !== 'm') return;
    const seq = (seqs.get(m.c) ?? 0) + 1;
    seqs.set(m.c, seq);
    // A message shaped like Parley's MessageDto, so frames are of a comparable size.
    const data = { id: randomUUID(), conversationId: m.c, seq, senderType: m.f, senderId: m.f === 'visitor' ? m.v : id, senderName: null, kind: 'text', body: m.b, clientId: m.k, createdAt: new Date().toISOString() };
    ws.send(JSON.stringify({ t: 'a', n: m.n, ok: true, data }));
    const frame = JSON.stringify({ t: 'e', e: { type: 'message', conversationId: m.c, data, timestamp: data.createdAt } });
    const sent = new Set<WebSocket>();
    for (const name of [`site:${m.s}:agents`, `visitor:${m.v}`]) {
      for (const target of rooms.get(name) ?? []) {
        if (sent.has(target)) continue;
        sent.add(target);
        target.send(frame);
      }
    }
  });
});

const heartbeat = setInterval(() => {
  for (const ws of wss.clients) {
    if (!alive.has(ws)) {
      ws.terminate();
      continue;
    }
    alive.delete(ws);
    ws.ping();
  }
}, PING_MS);

await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

serve(
  {
    usage: () => usage(),
    memory: async () => ({ ...(await memory()), sockets: wss.clients.size }),
  },
  async () => {
    clearInterval(heartbeat);
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  },
);
ready({ url, pid: process.pid });
