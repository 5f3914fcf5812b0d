/**
 * Clients that behave like Parley's own under faults: real socket.io-client connections with
 * the widget's delivery rules (apps/widget/src/app/store.ts): a clientId per message kept for
 * life, an outbox flushed one message at a time after every (re)connect's resync by seq, its
 * reconnect schedule (reconnect.ts), and failover to the next node URL (a load balancer's job
 * in production). The agent client does what the dashboard does on reconnect (refetch the
 * lists, `sync` by seq, flush its outbox) and refetches on a seq gap (messageList.ts
 * `leavesGap`), for every conversation of its sites rather than the one on screen.
 *
 * Each records what it sent (`sends`), what it holds (by seq), and its connection episodes
 * (down, up, synced, outbox drained) so the scenarios can count and time recovery.
 */
import net from 'node:net';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ConversationDto, MessageDto, MessageEvent, ServerToClientEvents, SyncResult, VisitorStateResult } from '@parley/protocol';
import { randomToken } from '../ids';

type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;

/** apps/widget/src/app/reconnect.ts: at once, then 2 s, 5 s, 10 s, 30 s, then every 30 s. */
export const WIDGET_RECONNECT_DELAYS = [0, 2_000, 5_000, 10_000, 30_000];
/** The dashboard leaves reconnection to Socket.IO (reconnectionDelay 500, max 5000, doubling). */
export const DASHBOARD_RECONNECT_DELAYS = [500, 1_000, 2_000, 4_000, 5_000];
/** The widget's and the dashboard's ack timeout. */
const ACK_TIMEOUT = 15_000;

export interface SendRecord {
  clientId: string;
  body: string;
  conversationId?: string;
  createdAt: number;
  /** Every emission of this clientId (the first, and retries after reconnects). */
  emits: number[];
  ackedAt?: number;
  seq?: number;
  /** The server refused it (`{ ok: false }`), with this code. */
  refused?: string;
  /** Dropped from the outbox because a resync returned it (its ack was lost). */
  reconciledAt?: number;
  /** The node that acked it. */
  ackUrl?: string;
}

/** How a client first got a message: live event, its own ack, the resync after a connect, or a gap refetch. */
export interface Arrival {
  at: number;
  via: 'live' | 'ack' | 'resync' | 'gap';
  /** The node the client was connected to then. */
  url: string;
}

export interface Episode {
  /** The connection was lost (undefined for the first connect). */
  downAt?: number;
  downReason?: string;
  upAt?: number;
  url?: string;
  /** The resync after this connect answered. */
  syncedAt?: number;
  /** The outbox was empty after this connect (all queued sends acknowledged). */
  drainedAt?: number;
}

/** One socket at a time, redialled on the given schedule, failing over to the next URL. */
class Connection {
  socket: Sock | undefined;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private urlIndex: number;
  /** Refused handshakes (e.g. `unavailable` while the database is down), by code. */
  readonly refusals = new Map<string, number>();

  constructor(
    private readonly urls: () => string[],
    private readonly open: (url: string) => Sock,
    private readonly delays: number[],
    private readonly hooks: { connected(s: Sock, url: string): void; lost(reason: string): void },
    home = 0,
  ) {
    this.urlIndex = home;
  }

  start(): void {
    this.dial();
  }

  private dial(): void {
    if (this.stopped) return;
    const list = this.urls();
    const url = list[this.urlIndex % list.length]!;
    const s = this.open(url);
    this.socket = s;
    s.on('connect', () => {
      this.attempt = 0;
      this.hooks.connected(s, url);
    });
    s.on('disconnect', (reason) => {
      if (s !== this.socket) return;
      this.hooks.lost(reason);
      if (reason !== 'io client disconnect') this.retry(s);
    });
    s.on('connect_error', (err) => {
      if (s !== this.socket) return;
      const code = (err as Error & { data?: { code?: string } }).data?.code ?? 'network';
      this.refusals.set(code, (this.refusals.get(code) ?? 0) + 1);
      this.retry(s);
    });
  }

  private retry(s: Sock): void {
    if (this.stopped || this.timer || s !== this.socket) return;
    s.removeAllListeners();
    s.io.removeAllListeners();
    s.disconnect();
    this.urlIndex++;
    const delay = this.delays[Math.min(this.attempt++, this.delays.length - 1)]!;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dial();
    }, delay);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}

export const newClientId = () => `f${Date.now().toString(36)}${randomToken(8).replace(/[^A-Za-z0-9]/g, '')}`.slice(0, 40);

/** Base of both clients: outbox, episodes, held messages per conversation. */
abstract class Client {
  readonly sends = new Map<string, SendRecord>();
  readonly outbox: SendRecord[] = [];
  readonly episodes: Episode[] = [{}];
  /** Messages held, per conversation, by seq. */
  readonly held = new Map<string, Map<number, MessageDto>>();
  /** First arrival of each `conversationId:seq`. */
  readonly arrivals = new Map<string, Arrival>();
  /** The node of the current (or last) connection. */
  currentUrl = '';
  /** `message` events received for a seq already held (harmless; counted for the report). */
  redelivered = 0;
  liveMessages = 0;
  protected synced = false;
  private flushing = false;
  protected conn!: Connection;

  constructor(
    readonly name: string,
    /** Refusals that leave the send queued, retried after `retryDelayMs`; any other refusal is final. */
    protected readonly retryCodes: string[] = [],
    protected readonly retryDelayMs = 5_000,
  ) {}

  get connected(): boolean {
    return Boolean(this.conn.socket?.connected);
  }
  get episode(): Episode {
    return this.episodes.at(-1)!;
  }
  get refusals(): Map<string, number> {
    return this.conn.refusals;
  }

  protected abstract resync(s: Sock, url: string): Promise<boolean>;
  protected abstract payload(item: SendRecord): Record<string, unknown>;
  protected abstract acked(item: SendRecord, data: { message: MessageDto; conversation: ConversationDto }): void;

  protected onConnected(s: Sock, url: string): void {
    this.currentUrl = url;
    const ep = this.episode;
    if (ep.upAt !== undefined) this.episodes.push({ upAt: Date.now(), url });
    else Object.assign(ep, { upAt: Date.now(), url });
    void this.syncUntilDone(s, url);
  }

  protected onLost(reason: string): void {
    this.synced = false;
    this.episodes.push({ downAt: Date.now(), downReason: reason });
  }

  /** The widget retries a failed resync after 3 s until it answers. */
  private async syncUntilDone(s: Sock, url: string): Promise<void> {
    while (s.connected && s === this.conn.socket) {
      if (await this.resync(s, url).catch(() => false)) {
        if (s !== this.conn.socket || !s.connected) return;
        this.episode.syncedAt = Date.now();
        this.synced = true;
        void this.flush();
        return;
      }
      await new Promise((r) => setTimeout(r, 3_000));
    }
  }

  /** Queues a message (the widget's `send`); it goes out now if connected and synced. */
  protected enqueue(body: string, conversationId?: string): string {
    const rec: SendRecord = { clientId: newClientId(), body, conversationId, createdAt: Date.now(), emits: [] };
    this.sends.set(rec.clientId, rec);
    this.outbox.push(rec);
    void this.flush();
    return rec.clientId;
  }

  /** One at a time, in order; stops at the first unanswered send (retried after the next connect, or in 5 s). */
  protected async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const s = this.conn.socket;
        const item = this.outbox[0];
        if (!item || !this.synced || !s?.connected) break;
        const answer = await this.emitSend(s, item);
        if (answer === 'no-answer') {
          setTimeout(() => void this.flush(), 5_000);
          break;
        }
        if (answer === 'retry-later') {
          setTimeout(() => void this.flush(), this.retryDelayMs);
          break;
        }
      }
      this.markDrained();
    } finally {
      this.flushing = false;
    }
  }

  protected markDrained(): void {
    if (!this.outbox.length && this.episode.upAt && !this.episode.drainedAt && this.synced) this.episode.drainedAt = Date.now();
  }

  protected emitSend(s: Sock, item: SendRecord): Promise<'done' | 'no-answer' | 'retry-later'> {
    item.emits.push(Date.now());
    return new Promise((resolve) => {
      (s.timeout(ACK_TIMEOUT).emit as (...a: unknown[]) => void)('message', this.payload(item), (err: Error | null, ack: Ack<{ message: MessageDto; conversation: ConversationDto }>) => {
        if (err) return resolve('no-answer');
        if (ack.ok) {
          item.ackedAt = Date.now();
          item.seq = ack.data.message.seq;
          item.conversationId = ack.data.message.conversationId;
          this.acked(item, ack.data);
          // hold() drops it from the outbox (it may be gone already: its `message` event came first).
          item.ackUrl = this.currentUrl;
          this.hold(ack.data.message, 'ack');
          return resolve('done');
        }
        if (!this.outbox.includes(item)) return resolve('done'); // a resync proved it stored
        if (this.retryCodes.includes(ack.error.code)) {
          item.refused = ack.error.code;
          return resolve('retry-later');
        }
        item.refused = ack.error.code;
        this.outbox.splice(this.outbox.indexOf(item), 1);
        resolve('done');
      });
    });
  }

  /** Stores a message by seq; drops queued sends it proves stored (outbox.ts `reconcile`). */
  protected hold(m: MessageDto, via: Arrival['via']): void {
    let conv = this.held.get(m.conversationId);
    if (!conv) this.held.set(m.conversationId, (conv = new Map()));
    conv.set(m.seq, m);
    const key = `${m.conversationId}:${m.seq}`;
    if (!this.arrivals.has(key)) this.arrivals.set(key, { at: Date.now(), via, url: this.currentUrl });
    if (m.clientId) {
      const i = this.outbox.findIndex((o) => o.clientId === m.clientId);
      if (i >= 0) {
        const [item] = this.outbox.splice(i, 1);
        if (item!.ackedAt === undefined) item!.reconciledAt = Date.now();
        item!.seq = m.seq;
        item!.conversationId = m.conversationId;
      }
    }
  }

  protected onMessageEvent(e: MessageEvent): void {
    this.liveMessages++;
    if (this.held.get(e.data.conversationId)?.has(e.data.seq)) this.redelivered++;
  }

  maxSeq(conversationId: string): number {
    const conv = this.held.get(conversationId);
    return conv && conv.size ? Math.max(...conv.keys()) : 0;
  }

  /** The last seq held with nothing missing before it. */
  contiguousSeq(conversationId: string): number {
    const conv = this.held.get(conversationId);
    let n = 0;
    while (conv?.has(n + 1)) n++;
    return n;
  }

  /** Nothing queued, connected and synced. */
  get settled(): boolean {
    return this.connected && this.synced && this.outbox.length === 0;
  }

  stop(): void {
    this.conn.stop();
  }
}

export interface VisitorCredentials {
  visitorId: string;
  token: string;
  siteKey: string;
}

/** A widget: one visitor, their latest conversation, resync with `visitor:state { afterSeq }`. */
export class WidgetClient extends Client {
  conversationId: string | null = null;
  /** The end of the last `visitor:state` answer (store.ts `syncedThrough`): a resync asks from there. */
  private syncedThrough: { conversationId: string; seq: number } | null = null;

  constructor(
    name: string,
    private readonly opts: { urls: string[] | (() => string[]); visitor: VisitorCredentials; origin: string; home?: number; delays?: number[] },
  ) {
    // store.ts: a send refused as `unavailable` stays queued and goes again with the next flush (5 s).
    super(name, ['unavailable'], 5_000);
    const urls = typeof opts.urls === 'function' ? opts.urls : () => opts.urls as string[];
    this.conn = new Connection(
      urls,
      (url) => {
        const s: Sock = io(url, {
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          auth: { siteKey: opts.visitor.siteKey, visitorId: opts.visitor.visitorId, token: opts.visitor.token },
          extraHeaders: { origin: opts.origin },
        });
        s.on('message', (e) => this.onMessage(e));
        return s;
      },
      opts.delays ?? WIDGET_RECONNECT_DELAYS,
      { connected: (s, url) => this.onConnected(s, url), lost: (r) => this.onLost(r) },
      opts.home ?? 0,
    );
  }

  start(): void {
    this.conn.start();
  }

  send(body: string): string {
    return this.enqueue(body);
  }

  /** The visitor's view: messages of their current conversation in seq order. */
  view(): MessageDto[] {
    return this.conversationId ? [...(this.held.get(this.conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq) : [];
  }

  protected payload(item: SendRecord) {
    return { ...(this.conversationId ? { conversationId: this.conversationId } : {}), clientId: item.clientId, body: item.body };
  }

  protected acked(_item: SendRecord, data: { message: MessageDto; conversation: ConversationDto }) {
    this.conversationId = data.conversation.id;
  }

  protected async resync(s: Sock, _url?: string, from?: number): Promise<boolean> {
    const held = this.conversationId ? this.maxSeq(this.conversationId) : 0;
    const t = this.syncedThrough;
    const afterSeq = from ?? (t && t.conversationId === this.conversationId ? Math.min(t.seq, held) : held);
    const ack = await new Promise<Ack<VisitorStateResult> | undefined>((resolve) =>
      (s.timeout(ACK_TIMEOUT).emit as (...a: unknown[]) => void)('visitor:state', { afterSeq }, (err: Error | null, a: Ack<VisitorStateResult>) => resolve(err ? undefined : a)),
    );
    if (!ack?.ok) return false;
    const { conversation, messages } = ack.data;
    if (conversation && conversation.id !== this.conversationId && afterSeq > 0) {
      this.conversationId = conversation.id;
      return this.resync(s, undefined, 0);
    }
    if (conversation) this.conversationId = conversation.id;
    for (const m of messages) this.hold(m, 'resync');
    if (conversation) this.syncedThrough = { conversationId: conversation.id, seq: Math.max(afterSeq, ...messages.map((m) => m.seq)) };
    return true;
  }

  private onMessage(e: MessageEvent): void {
    this.onMessageEvent(e);
    const m = e.data;
    if (m.kind === 'note') return;
    if (m.conversationId !== this.conversationId) {
      // A conversation we do not hold yet (our first message's, whose ack is on its way).
      this.conversationId = m.conversationId;
      const s = this.conn.socket;
      this.hold(m, 'live');
      if (s?.connected) void this.resync(s, undefined, 0);
      return;
    }
    this.hold(m, 'live');
  }
}

/** A dashboard: an agent following every conversation of their sites. */
export class AgentClient extends Client {
  /** Conversations listed or announced, by id. */
  readonly conversations = new Set<string>();
  gapSyncs = 0;

  constructor(
    name: string,
    private readonly opts: {
      urls: string[] | (() => string[]);
      cookie: string;
      origin?: (url: string) => string;
      home?: number;
      /** The dashboard marks a refused reply "not sent" with a Retry button: these codes are retried (the agent presses it) every second. */
      retryCodes?: string[];
      delays?: number[];
      fetchUrl?: () => string;
    },
  ) {
    super(name, opts.retryCodes, 1_000);
    const urls = typeof opts.urls === 'function' ? opts.urls : () => opts.urls as string[];
    this.conn = new Connection(
      urls,
      (url) => {
        const s: Sock = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: opts.cookie, origin: opts.origin?.(url) ?? url } });
        s.on('message', (e) => this.onMessage(e));
        s.on('conversation', (e) => this.conversations.add(e.data.id));
        return s;
      },
      opts.delays ?? DASHBOARD_RECONNECT_DELAYS,
      { connected: (s, url) => this.onConnected(s, url), lost: (r) => this.onLost(r) },
      opts.home ?? 0,
    );
  }

  start(): void {
    this.conn.start();
  }

  reply(conversationId: string, body: string): string {
    return this.enqueue(body, conversationId);
  }

  private readonly inflight = new Set<SendRecord>();

  /** outboxStore.ts `flushOutbox`: every queued send is emitted at once, not one by one. */
  protected override async flush(): Promise<void> {
    const s = this.conn.socket;
    if (!this.synced || !s?.connected) return;
    const batch = this.outbox.filter((i) => !this.inflight.has(i));
    await Promise.all(
      batch.map(async (item) => {
        this.inflight.add(item);
        const answer = await this.emitSend(s, item);
        this.inflight.delete(item);
        if (answer === 'retry-later') setTimeout(() => void this.flush(), this.retryDelayMs);
        else if (answer === 'no-answer' && s.connected) setTimeout(() => void this.flush(), 5_000);
      }),
    );
    this.markDrained();
  }

  view(conversationId: string): MessageDto[] {
    return [...(this.held.get(conversationId)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
  }

  protected payload(item: SendRecord) {
    return { conversationId: item.conversationId, clientId: item.clientId, body: item.body };
  }

  protected acked(): void {}

  /** The dashboard on connect: refetch the lists (REST), then `sync` what it holds by seq. */
  protected async resync(s: Sock, url: string): Promise<boolean> {
    const base = this.opts.fetchUrl?.() ?? url;
    let before: string | null = null;
    do {
      const q = new URLSearchParams({ status: 'all', limit: '200', ...(before ? { before } : {}) });
      const res = await fetch(`${base}/api/conversations?${q}`, { headers: { cookie: this.opts.cookie }, signal: AbortSignal.timeout(ACK_TIMEOUT) });
      if (!res.ok) return false;
      const body = (await res.json()) as { conversations: { id: string }[]; nextCursor: string | null };
      for (const c of body.conversations) this.conversations.add(c.id);
      before = body.nextCursor;
    } while (before);
    return this.syncConversations(s, [...this.conversations]);
  }

  private async syncConversations(s: Sock, ids: string[]): Promise<boolean> {
    for (let i = 0; i < ids.length; i += 200) {
      // From the first hole: the dashboard refetches a conversation in which it saw a gap.
      const chunk = ids.slice(i, i + 200).map((conversationId) => ({ conversationId, afterSeq: this.contiguousSeq(conversationId) }));
      // A conversation can hold more than one page (500) after afterSeq: ask again until short.
      let pending = chunk;
      while (pending.length) {
        const ack = await new Promise<Ack<SyncResult> | undefined>((resolve) =>
          (s.timeout(ACK_TIMEOUT).emit as (...a: unknown[]) => void)('sync', { conversations: pending }, (err: Error | null, a: Ack<SyncResult>) => resolve(err ? undefined : a)),
        );
        if (!ack?.ok) return false;
        const again: typeof pending = [];
        for (const c of ack.data.conversations) {
          for (const m of c.messages) this.hold(m, 'resync');
          if (c.messages.length >= 500) again.push({ conversationId: c.conversation.id, afterSeq: this.contiguousSeq(c.conversation.id) });
        }
        pending = again;
      }
    }
    return true;
  }

  private onMessage(e: MessageEvent): void {
    this.onMessageEvent(e);
    const m = e.data;
    this.conversations.add(m.conversationId);
    this.hold(m, 'live');
    // messageList.ts leavesGap: a message that does not follow what we hold means we missed
    // some; the dashboard refetches (from the hole) whether or not its resync has answered.
    const upTo = this.contiguousSeq(m.conversationId);
    if (m.seq > upTo + 1) {
      const s = this.conn.socket;
      this.gapSyncs++;
      if (s?.connected) void this.syncGap(s, m.conversationId, upTo);
    }
  }

  private async syncGap(s: Sock, conversationId: string, afterSeq: number): Promise<void> {
    const ack = await new Promise<Ack<SyncResult> | undefined>((resolve) =>
      (s.timeout(ACK_TIMEOUT).emit as (...a: unknown[]) => void)('sync', { conversations: [{ conversationId, afterSeq }] }, (err: Error | null, a: Ack<SyncResult>) => resolve(err ? undefined : a)),
    );
    if (ack?.ok) for (const c of ack.data.conversations) for (const m of c.messages) this.hold(m, 'gap');
  }
}

// ---- network faults -----------------------------------------------------------------------

/**
 * A TCP proxy between one client and the server whose "network" can drop. `drop()` cuts every
 * connection at once: the client's side is reset (as a phone losing its network tears its
 * sockets down) while the server's side stays open and hears nothing more (the server notices
 * only at its ping timeout; what it sends there meanwhile is lost). Until `restore()`, new
 * connection attempts are blackholed (`attempts: 'hold'`: accepted and left silent, then
 * carried through once the network is back, as a retransmitted SYN would be) or refused at
 * once (`'refuse'`: a device that knows it is offline).
 */
export class DropProxy {
  private server!: net.Server;
  private pairs = new Set<{ client: net.Socket; upstream: net.Socket; dead: boolean }>();
  private held: { client: net.Socket; chunks: Buffer[] }[] = [];
  private down = false;
  port = 0;

  constructor(
    private readonly targetPort: number,
    private readonly attempts: 'hold' | 'refuse' = 'hold',
  ) {}

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      client.on('error', () => {});
      if (!this.down) return this.wire(client, []);
      if (this.attempts === 'refuse') return client.resetAndDestroy();
      const h = { client, chunks: [] as Buffer[] };
      client.on('data', (d) => h.chunks.push(d));
      client.on('close', () => (this.held = this.held.filter((x) => x !== h)));
      this.held.push(h);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  private wire(client: net.Socket, early: Buffer[]): void {
    client.removeAllListeners('data');
    const upstream = net.connect(this.targetPort, '127.0.0.1');
    const pair = { client, upstream, dead: false };
    this.pairs.add(pair);
    for (const d of early) upstream.write(d);
    client.on('data', (d) => {
      if (!pair.dead) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!pair.dead) client.write(d);
    });
    const end = () => {
      if (pair.dead) return;
      client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    client.on('close', end);
    upstream.on('close', end);
    upstream.on('error', () => {});
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  drop(): void {
    this.down = true;
    for (const p of this.pairs) {
      p.dead = true;
      p.client.resetAndDestroy();
    }
  }

  restore(): void {
    this.down = false;
    const held = this.held;
    this.held = [];
    for (const h of held) if (!h.client.destroyed) this.wire(h.client, h.chunks);
  }

  async close(): Promise<void> {
    for (const p of this.pairs) {
      p.client.destroy();
      p.upstream.destroy();
    }
    for (const h of this.held) h.client.destroy();
    this.pairs.clear();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
