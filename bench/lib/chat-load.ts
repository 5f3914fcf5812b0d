/**
 * The chat load generator, in its own process (child of a benchmark; see child.ts), so it
 * never shares an event loop with the server it measures. Sender and receiver are both in
 * here, so one clock times a message from the sender's emit to the other side's receipt.
 *
 * Calls:
 * - `connect { target, visitorUrl, agentUrl, fixture }`: every agent, then every visitor.
 * - `rate { rate, seconds, warmup, tag }`: open loop — messages go out on a fixed schedule
 *   (`rate` per second in all) whatever the answers, so a slow server cannot slow the load
 *   down and hide its own latency. Conversations take turns round robin; each conversation
 *   alternates visitor → agent and agent → visitor.
 * - `saturate { concurrency, seconds, warmup, tag }`: closed loop — `concurrency` senders,
 *   each sending its next message as soon as the previous one is acknowledged; gives the
 *   highest rate of acknowledged (committed) messages.
 * Messages sent during the first `warmup` seconds are not counted.
 */
import { performance } from 'node:perf_hooks';
import { parleyTransport, relayTransport, type Endpoint, type Side, type Transport } from './chat-clients';
import { ready, serve } from './child';
import type { ChatFixture } from './fixtures';
import { usage, usageDelta, type UsageDelta } from './probe';
import { mapLimit, sleep, summarize, type Summary } from './stats';

const DRAIN_MS = 10_000;
const BODIES = [
  'Hi, I ordered a pair of boots last week and the tracking has not moved since Monday.',
  'Sure, let me check that for you. Could you give me the order number?',
  'Is the blue one available in size 44?',
  'Thanks! That solved it.',
  'Your refund was sent today; it can take 3 to 5 business days to show up.',
  'Can I change the delivery address?',
];

interface Pending {
  sentAt: number;
  from: Side;
  /** Who must receive it: the assigned agent (index) or the visitor (chat index). */
  to: number;
  counted: boolean;
  ackAt?: number;
  ok?: boolean;
  code?: string;
  recvAt?: number;
}

let fixture: ChatFixture | undefined;
let visitors: Endpoint[] = [];
let agents: Endpoint[] = [];
const pending = new Map<string, Pending>();
let deliveries = 0;

function received(side: Side, index: number, clientId: string | null) {
  deliveries++;
  if (!clientId) return;
  const p = pending.get(clientId);
  if (p && p.recvAt === undefined && p.from !== side && p.to === index) p.recvAt = performance.now();
}

async function connect(params: { target: 'parley' | 'relay'; visitorUrl: string; agentUrl: string; fixture: ChatFixture }) {
  fixture = params.fixture;
  const f = params.fixture;
  const transport: Transport = params.target === 'parley' ? parleyTransport(params.visitorUrl, params.agentUrl) : relayTransport(params.visitorUrl);
  const t0 = performance.now();
  agents = await mapLimit(f.agents, 10, (a, i) => transport.agent(a, f.sites[a.site]!.id, (id) => received('agent', i, id)));
  const t1 = performance.now();
  visitors = await mapLimit(f.chats, 50, (c, i) => transport.visitor(c, f.sites[c.site]!, (id) => received('visitor', i, id)));
  return { agentsSeconds: (t1 - t0) / 1000, visitorsSeconds: (performance.now() - t1) / 1000 };
}

/** Sends message `k` of the run: conversation `k mod n`, sides alternating per conversation and per round. */
function sendOne(tag: string, k: number, chatIndex: number, from: Side, counted: boolean): Promise<void> {
  const f = fixture!;
  const chat = f.chats[chatIndex]!;
  const clientId = `${tag}-${k}`;
  const p: Pending = { sentAt: performance.now(), from, to: from === 'visitor' ? chat.agent : chatIndex, counted };
  pending.set(clientId, p);
  const endpoint = from === 'visitor' ? visitors[chatIndex]! : agents[chat.agent]!;
  return endpoint.send({ chat, siteId: f.sites[chat.site]!.id, from, clientId, body: `${BODIES[k % BODIES.length]} #${k}` }).then((r) => {
    p.ackAt = performance.now();
    p.ok = r.ok;
    p.code = r.code;
  });
}

export interface PhaseResult {
  /** Counted messages sent. */
  sent: number;
  acked: number;
  /** Acknowledged messages of the whole phase, warm-up included (for per-message server costs). */
  ackedAll: number;
  failed: Record<string, number>;
  /** Acknowledged, but never reached the other side (within the drain time). */
  lost: number;
  /** Sent per second over the counted window (rate mode: what the generator achieved). */
  sendRate: number;
  /** Successful acks arriving inside the counted window, per second (whenever their message left). */
  ackRate: number;
  visitorToAgent?: Summary;
  agentToVisitor?: Summary;
  ack?: Summary;
  /** How late the generator sent messages compared with the schedule (rate mode). */
  lag?: Summary;
  /** `message` events received by all clients (fan-out to every agent of the site, echo to the sender's own room). */
  deliveries: number;
  generator: UsageDelta;
}

async function finish(windowSeconds: number, windowStart: number, lags: number[], before: ReturnType<typeof usage>, deliveriesBefore: number): Promise<PhaseResult> {
  const all = [...pending.values()];
  const counted = all.filter((p) => p.counted);
  const deadline = performance.now() + DRAIN_MS;
  const done = (p: Pending) => p.ackAt !== undefined && (p.ok === false || p.recvAt !== undefined);
  while (performance.now() < deadline && !all.every(done)) await sleep(50);
  const generator = usageDelta(before, usage());
  const v2a: number[] = [];
  const a2v: number[] = [];
  const acks: number[] = [];
  const failed: Record<string, number> = {};
  let acked = 0;
  let lost = 0;
  for (const p of counted) {
    if (p.ackAt === undefined) failed.no_ack = (failed.no_ack ?? 0) + 1;
    else if (!p.ok) failed[p.code ?? 'error'] = (failed[p.code ?? 'error'] ?? 0) + 1;
    else {
      acked++;
      acks.push(p.ackAt - p.sentAt);
      if (p.recvAt === undefined) lost++;
      else (p.from === 'visitor' ? v2a : a2v).push(p.recvAt - p.sentAt);
    }
  }
  // Throughput: every ack that arrived inside the window, whenever its message left.
  const windowEnd = windowStart + windowSeconds * 1000;
  const ackedInWindow = all.filter((p) => p.ok && p.ackAt! >= windowStart && p.ackAt! <= windowEnd).length;
  pending.clear();
  return {
    sent: counted.length,
    acked,
    ackedAll: all.filter((p) => p.ok).length,
    failed,
    lost,
    sendRate: counted.length / windowSeconds,
    ackRate: ackedInWindow / windowSeconds,
    visitorToAgent: summarize(v2a),
    agentToVisitor: summarize(a2v),
    ack: summarize(acks),
    lag: summarize(lags),
    deliveries: deliveries - deliveriesBefore,
    generator,
  };
}

async function rate(params: { rate: number; seconds: number; warmup: number; tag: string }): Promise<PhaseResult> {
  const n = fixture!.chats.length;
  const before = usage();
  const deliveriesBefore = deliveries;
  const start = performance.now();
  const windowStart = start + params.warmup * 1000;
  const total = Math.floor((params.warmup + params.seconds) * params.rate);
  const interval = 1000 / params.rate;
  const lags: number[] = [];
  let k = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      const due = Math.min(total, Math.floor((now - start) / interval) + 1);
      for (; k < due; k++) {
        const scheduled = start + k * interval;
        const counted = scheduled >= windowStart;
        if (counted) lags.push(now - scheduled);
        const chatIndex = k % n;
        const round = Math.floor(k / n);
        void sendOne(params.tag, k, chatIndex, (chatIndex + round) % 2 === 0 ? 'visitor' : 'agent', counted);
      }
      if (k >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  return finish(params.seconds, windowStart, lags, before, deliveriesBefore);
}

async function saturate(params: { concurrency: number; seconds: number; warmup: number; tag: string }): Promise<PhaseResult> {
  const n = fixture!.chats.length;
  const c = Math.min(params.concurrency, n);
  const before = usage();
  const deliveriesBefore = deliveries;
  const start = performance.now();
  const windowStart = start + params.warmup * 1000;
  const end = windowStart + params.seconds * 1000;
  const turns = new Array<number>(n).fill(0);
  let k = 0;
  await Promise.all(
    Array.from({ length: c }, async (_, j) => {
      // Sender j owns conversations j, j+c, j+2c, …: no two senders share a conversation.
      for (let m = 0; performance.now() < end; m++) {
        const chatIndex = (j + m * c) % n;
        const from: Side = turns[chatIndex]!++ % 2 === 0 ? 'visitor' : 'agent';
        const now = performance.now();
        await sendOne(params.tag, k++, chatIndex, from, now >= windowStart);
      }
    }),
  );
  return finish(params.seconds, windowStart, [], before, deliveriesBefore);
}

serve(
  {
    connect,
    rate,
    saturate,
    close: () => {
      for (const e of [...visitors, ...agents]) e.close();
      visitors = [];
      agents = [];
    },
  },
  () => {
    for (const e of [...visitors, ...agents]) e.close();
  },
);
ready();
