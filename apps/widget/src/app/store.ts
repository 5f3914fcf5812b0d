/**
 * The widget's state and everything that changes it: identity, socket events, the outbox
 * and persistence. Components read `store.state` and call the actions. The SDK,
 * tracking and proactive prompts (`sdk.ts`, `tracking.ts`, `proactive.ts`) follow the store
 * through `hook()` and use its socket for their own events.
 *
 * Delivery (DESIGN §4): every send is queued with its clientId, flushed one at a time in
 * order after each (re)connect's `visitor:state` sync, and removed only on a positive ack.
 */
import type { Ack, AgentAssignedEvent, ConversationDto, MessageDto, MessageEvent, QueueEvent, QueueInfo, ReadEvent, StatusChangeEvent, TypingEvent, VisitorSelfDto, VisitorStateResult, HandshakeRefusal } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/limits';
import { mergeBySeq } from '@parley/protocol/client';
import { maxAgentSeq, maxSeq } from './messages';
import { enqueue, markFailed, markRetry, nextToSend, reconcile, remove, type OutboxItem } from './outbox';
import { Reconnector } from './reconnect';
import { clearRecord, loadRecord, saveRecord } from './storage';
import { isEnded, newClientId, type AcceptedTrigger, type ActionResult, type OfflineInput, type WidgetState } from './state';
import { S } from './i18n';
import { HttpError, createVisitor, fetchConfig, openSocket, postOfflineMessage, type VisitorSocket } from './transport';

export { isEnded, type AgentInfo, type WidgetState } from './state';

const ACK_TIMEOUT = 15_000;
const AGENT_TYPING_TTL = 6_000;
const TYPING_IDLE = 3_000;
const TYPING_THROTTLE = 2_500;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What `Store.hook()` reports to the SDK, tracking and proactive-prompt modules. */
export interface StoreHooks {
  /** A new socket (first connect, or another visitor): attach your own listeners. */
  socket: VisitorSocket;
  /** The visitor as the server sees them (each sync). */
  visitor: VisitorSelfDto;
}
type Identity = { visitorId: string; token: string };

export class Store {
  state: WidgetState;
  /** The composer's unsent text, kept while the window is closed. */
  draft = '';
  private listeners = new Set<() => void>();
  /** The visitor's credentials (null: none yet). Read-only outside the store (the files chunk's REST calls). */
  identity: Identity | null = null;
  /** The identity may be written to the device (the visitor interacted, or the site opted in). */
  private stored: boolean;
  private socket: VisitorSocket | null = null;
  private reconnector: Reconnector | null = null;
  private hooks: { [K in keyof StoreHooks]?: ((v: StoreHooks[K]) => void)[] } = {};
  private synced = false;
  /**
   * The end of the last `visitor:state` answer: every message the visitor may see is held up to
   * this seq. A resync asks from here, not from the last seq held: live events after it can have
   * holes (missed while Redis was away, or sent by a node that died before its fan-out), and a
   * visitor's seqs have holes of their own (agents' notes), so a gap cannot be told from a note.
   */
  private syncedThrough: { conversationId: string; seq: number } | null = null;
  private flushing = false;
  private creating = false;
  private rejections = 0;
  /** A closed conversation the visitor left with "Start a new chat": syncs must not bring it back. */
  private dismissed: string | null = null;
  private readSent = 0;
  private typingSentAt = 0;
  private typingTimer?: ReturnType<typeof setTimeout>;
  private agentTypingTimer?: ReturnType<typeof setTimeout>;
  private flushTimer?: ReturnType<typeof setTimeout>;

  constructor(
    readonly base: string,
    readonly siteKey: string,
  ) {
    const rec = loadRecord(siteKey);
    if (rec) this.identity = { visitorId: rec.visitorId, token: rec.token };
    this.stored = !!rec;
    this.state = {
      config: null,
      disabled: false,
      visible: true,
      open: false,
      online: navigator.onLine !== false,
      conn: 'idle',
      unreachable: false,
      conversationId: rec?.conversationId ?? null,
      status: null,
      messages: [],
      outbox: rec?.outbox ?? [],
      agent: null,
      agentTyping: null,
      agentReadSeq: 0,
      seenSeq: rec?.seenSeq ?? 0,
      queue: null,
      departmentId: null,
      acceptedTrigger: null,
      visitor: null,
      ratings: {},
      offlineSent: null,
    };
    this.followVisitor();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private update(patch: Partial<WidgetState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((fn) => fn());
  }

  /** Loads the site's config, and reconnects a returning visitor (history, unread badge). */
  start(): void {
    addEventListener('online', () => {
      this.update({ online: true });
      this.reconnector?.now();
      if (!this.state.config) void this.loadConfig();
    });
    addEventListener('offline', () => this.update({ online: false }));
    document.addEventListener('visibilitychange', () => this.markRead());
    void this.loadConfig();
    if (this.identity) this.connect();
  }

  private async loadConfig(attempt = 0): Promise<void> {
    try {
      this.update({ config: await fetchConfig(this.base, this.siteKey), disabled: false });
    } catch (e) {
      // A refused key or origin (or a CORS failure, which looks like a network error):
      // a launcher that cannot work must not be shown.
      this.update({ disabled: true });
      if (e instanceof HttpError && e.status >= 400 && e.status < 500) console.warn(`Parley: ${e.message}`);
      else if (attempt < 4) setTimeout(() => void this.loadConfig(attempt + 1), 5_000 * 2 ** attempt);
    }
  }

  // ---- commands -------------------------------------------------------------------------

  setOpen(open: boolean): void {
    if (open === this.state.open) return;
    this.update({ open });
    if (open) this.markRead();
    else this.stopTyping();
  }

  setVisible(visible: boolean): void {
    this.update({ visible });
  }

  /** The visitor picks (or un-picks) the team their new chat goes to. */
  chooseDepartment(id: string): void {
    this.update({ departmentId: this.state.departmentId === id ? null : id });
  }

  /** Queues a message and makes sure it will be delivered. Returns false if it was not accepted. */
  send(text: string): boolean {
    const body = text.trim();
    if (!body || body.length > LIMITS.messageMaxChars) return false;
    this.stopTyping();
    this.update({ outbox: enqueue(this.state.outbox, { clientId: newClientId(), body, createdAt: new Date().toISOString() }) });
    this.interacted();
    this.deliver();
    return true;
  }

  /** The visitor retries a refused message (same clientId: the server dedupes). */
  retry(clientId: string): void {
    this.update({ outbox: markRetry(this.state.outbox, clientId) });
    this.persist();
    this.deliver();
  }

  /** The visitor is typing: tell the agent (throttled), and stop after 3 s idle. */
  typing(): void {
    const conversationId = this.activeConversationId();
    if (!conversationId || !this.socket?.connected) return;
    const now = Date.now();
    if (now - this.typingSentAt > TYPING_THROTTLE) {
      this.typingSentAt = now;
      this.socket.emit('typing', { conversationId, isTyping: true });
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE);
  }

  /** Ends the conversation from the widget's menu. */
  closeConversation(): void {
    const conversationId = this.activeConversationId();
    if (!conversationId || !this.socket?.connected) return;
    this.socket.timeout(ACK_TIMEOUT).emit('conversation:close', { conversationId }, (err, ack) => {
      if (!err && ack.ok && ack.data.conversation.id === this.state.conversationId) this.update({ status: ack.data.conversation.status });
    });
  }

  /** After a chat ended: clear the view; the next send starts a new conversation. */
  newChat(): void {
    this.dismissed = this.state.conversationId;
    this.readSent = 0;
    // Refused messages belonged to the old chat; unsent ones go to the new one.
    const outbox = this.state.outbox.filter((i) => !i.error);
    this.update({ conversationId: null, status: null, messages: [], outbox, agent: null, agentTyping: null, agentReadSeq: 0, seenSeq: 0, queue: null, departmentId: null, acceptedTrigger: null });
    this.persist();
  }

  // ---- delivery -------------------------------------------------------------------------

  private activeConversationId(): string | undefined {
    const { conversationId, status } = this.state;
    return conversationId && !isEnded(status) ? conversationId : undefined;
  }

  private deliver(): void {
    if (!this.identity) void this.ensureIdentity();
    else if (!this.socket) this.connect();
    else void this.flush();
  }

  /**
   * Creates the visitor, retrying with backoff while offline: on the first interaction, or
   * at page load when the site tracks visitors (`tracked`; `persistent` = store at once).
   */
  private async ensureIdentity(tracked?: { persistent: boolean }): Promise<void> {
    if (this.creating) return;
    this.creating = true;
    let delay = 2_000;
    while (!this.identity && (tracked || nextToSend(this.state.outbox))) {
      try {
        this.identity = await createVisitor(this.base, this.siteKey, this.stored || !tracked || tracked.persistent);
        if (tracked?.persistent) this.stored = true;
        this.update({ unreachable: false });
        this.persist();
        this.connect();
      } catch (e) {
        if (e instanceof HttpError && e.status >= 400 && e.status < 500 && e.status !== 429) {
          let outbox = this.state.outbox;
          for (const i of outbox) if (!i.error) outbox = markFailed(outbox, i.clientId, e.message);
          this.update({ outbox, unreachable: false });
          break;
        }
        if (nextToSend(this.state.outbox)) this.update({ unreachable: true });
        await sleep(delay);
        delay = Math.min(delay * 2, 30_000);
      }
    }
    this.creating = false;
  }

  private connect(): void {
    if (this.socket || !this.identity) return;
    const s = openSocket(this.base, { siteKey: this.siteKey, ...this.identity });
    this.socket = s;
    const reconnector = (this.reconnector = new Reconnector(s));
    this.update({ conn: 'connecting' });
    s.on('connect', () => {
      this.update({ conn: 'connected' });
      this.sync();
    });
    // Lost connections and failed attempts are retried by the reconnector.
    s.on('disconnect', () => {
      this.synced = false;
      this.update({ conn: 'reconnecting', agentTyping: null });
    });
    s.on('connect_error', (err) => {
      this.update({ conn: 'reconnecting' });
      if (s.active) return; // a network failure
      // Refused by the server's handshake check (`err.data` is `{ code, message }`).
      const code = (err as Error & { data?: HandshakeRefusal }).data?.code;
      if (code === 'unauthenticated') this.identityRejected(err.message);
      else if (code === 'origin_not_allowed') this.update({ disabled: true });
      else reconnector.retry(); // e.g. `unavailable`
    });
    s.on('message', (e) => this.onMessage(e));
    s.on('typing', (e) => this.onTyping(e));
    s.on('read', (e) => this.onRead(e));
    s.on('agent_assigned', (e) => this.onAgentAssigned(e));
    s.on('status_change', (e) => this.onStatus(e));
    s.on('queue', (e) => this.onQueue(e));
    this.fire('socket', s);
  }

  /** The handshake was refused (e.g. the server forgot this visitor): start over as a new one. */
  private identityRejected(reason: string): void {
    this.resetVisitor(null);
    clearRecord(this.siteKey);
    if (++this.rejections > 1) {
      let outbox = this.state.outbox;
      for (const i of outbox) if (!i.error) outbox = markFailed(outbox, i.clientId, reason || S.unavailable);
      this.update({ outbox });
      return;
    }
    if (nextToSend(this.state.outbox)) void this.ensureIdentity();
  }

  /** Where a resync starts: the end of the last answer for this conversation, else the last seq held. */
  private resyncFrom(): number {
    const held = maxSeq(this.state.messages);
    const t = this.syncedThrough;
    return t && t.conversationId === this.state.conversationId ? Math.min(t.seq, held) : held;
  }

  /** Asks for what we miss; on a conversation we do not hold yet, asks for all of it. */
  private sync(afterSeq = this.resyncFrom()): void {
    const s = this.socket;
    if (!s?.connected) return;
    s.timeout(ACK_TIMEOUT).emit('visitor:state', { afterSeq }, (err, ack) => {
      if (err || !ack.ok) {
        if (!err && !ack.ok) console.warn(`Parley: ${ack.error.message}`);
        setTimeout(() => this.sync(), 3_000);
        return;
      }
      const { conversation, messages, agent, queue } = ack.data;
      if (ack.data.visitor) this.fire('visitor', ack.data.visitor);
      if (conversation?.id !== this.dismissed) {
        if (conversation && conversation.id !== this.state.conversationId && afterSeq > 0) return this.sync(0);
        this.applyState(conversation, messages, agent, queue);
        if (conversation) this.syncedThrough = { conversationId: conversation.id, seq: Math.max(afterSeq, ...messages.map((m) => m.seq)) };
      }
      this.synced = true;
      this.markRead();
      void this.flush();
    });
  }

  /** `queue` undefined: keep the place in line we hold for this conversation. */
  private applyState(conversation: ConversationDto | null, messages: MessageDto[], agent: VisitorStateResult['agent'], queue?: QueueInfo | null): void {
    if (!conversation) {
      if (this.state.conversationId) this.update({ conversationId: null, status: null, messages: [], agent: null, queue: null });
      return;
    }
    const same = conversation.id === this.state.conversationId;
    if (conversation.rating) this.update({ ratings: { ...this.state.ratings, [conversation.id]: conversation.rating } });
    const held = same ? mergeBySeq(this.state.messages, messages, { dropNotes: true }) : mergeBySeq([], messages, { dropNotes: true });
    this.update({
      conversationId: conversation.id,
      status: conversation.status,
      messages: held,
      outbox: reconcile(this.state.outbox, held),
      agent: agent ?? (same ? this.state.agent : null),
      queue: conversation.status !== 'queued' ? null : queue !== undefined ? queue : same ? this.state.queue : null,
      agentReadSeq: Math.max(same ? this.state.agentReadSeq : 0, conversation.agentReadSeq ?? 0),
      seenSeq: Math.max(same ? this.state.seenSeq : 0, conversation.visitorReadSeq ?? 0),
    });
    if (!same) this.readSent = 0;
    this.persist();
  }

  /** Sends queued messages one by one, in order, so the first one starts the conversation. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      let item: OutboxItem | undefined;
      while (this.synced && this.socket?.connected && (item = nextToSend(this.state.outbox))) {
        if (!(await this.emitSend(this.socket, item))) {
          clearTimeout(this.flushTimer);
          this.flushTimer = setTimeout(() => void this.flush(), 5_000);
          break;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Where a new message goes: the open conversation, or for a new chat the team the visitor
   * picked (if the site still offers it) and the accepted prompt (the server opens the chat
   * with its message). Text messages and file uploads carry the same fields.
   */
  startFields(): { conversationId?: string; departmentId?: string; triggerId?: string } {
    const conversationId = this.activeConversationId();
    if (conversationId) return { conversationId };
    const { departmentId, config, acceptedTrigger } = this.state;
    return { ...(config?.departments?.some((d) => d.id === departmentId) && { departmentId: departmentId! }), ...(acceptedTrigger && { triggerId: acceptedTrigger.id }) };
  }

  /** The server stored one of our messages (a `message` ack, or an upload's answer): show it; a first message brings its conversation. */
  acked(message: MessageDto, conversation: ConversationDto): void {
    if (conversation.id === this.state.conversationId) this.update({ messages: mergeBySeq(this.state.messages, [message], { dropNotes: true }), status: conversation.status });
    else {
      this.applyState(conversation, [message], null);
      // The place in line may have been announced before this answer: ask for it.
      if (conversation.status === 'queued') this.sync();
    }
    this.persist();
  }

  /** Resolves false when no answer came (the item stays queued for the next attempt). */
  private emitSend(s: VisitorSocket, item: OutboxItem): Promise<boolean> {
    return new Promise((resolve) => {
      s.timeout(ACK_TIMEOUT).emit('message', { ...this.startFields(), clientId: item.clientId, body: item.body }, (err, ack) => {
        if (err) return resolve(false);
        if (ack.ok) {
          this.acked(ack.data.message, ack.data.conversation);
          this.update({ outbox: remove(this.state.outbox, item.clientId) });
        } else if (ack.error.code === 'unavailable') {
          // The server cannot store it right now (its database is down or it is overloaded):
          // the message stays queued and goes again with the next flush, like an unanswered one.
          return resolve(false);
        } else {
          this.update({ outbox: markFailed(this.state.outbox, item.clientId, ack.error.message) });
        }
        this.persist();
        resolve(true);
      });
    });
  }

  // ---- server events --------------------------------------------------------------------

  private onMessage(e: MessageEvent): void {
    const m = e.data;
    if (m.kind === 'note') return;
    const conversationId = e.conversationId ?? m.conversationId;
    if (conversationId === this.dismissed) return;
    if (conversationId !== this.state.conversationId) {
      // A conversation we do not hold yet (ours, whose ack is on its way, or one the team started).
      this.readSent = 0;
      // Our own first message may arrive here before its ack: it is no longer pending.
      this.update({ conversationId, status: null, messages: [m], outbox: reconcile(this.state.outbox, [m]), agent: null, agentReadSeq: 0, seenSeq: 0, queue: null });
      this.sync(0);
      // The team started this chat (live-visitors page): show it, as a proactive message would be.
      if (m.senderType === 'agent') this.setOpen(true);
    } else {
      this.update({ messages: mergeBySeq(this.state.messages, [m], { dropNotes: true }), outbox: reconcile(this.state.outbox, [m]) });
    }
    if (m.senderType === 'agent') this.update({ agentTyping: null });
    // An agent writing to the visitor (e.g. a chat started from the live-visitors page) counts as an interaction.
    if (m.senderType === 'agent') this.interacted();
    else this.persist();
    this.markRead();
  }

  private onTyping(e: TypingEvent): void {
    if (e.data.senderType !== 'agent' || e.conversationId !== this.state.conversationId) return;
    clearTimeout(this.agentTypingTimer);
    this.update({ agentTyping: e.data.isTyping ? e.data.userName || S.agent : null });
    if (e.data.isTyping) this.agentTypingTimer = setTimeout(() => this.update({ agentTyping: null }), AGENT_TYPING_TTL);
  }

  private onRead(e: ReadEvent): void {
    if (e.data.readerType === 'agent' && e.conversationId === this.state.conversationId && e.data.seq > this.state.agentReadSeq) {
      this.update({ agentReadSeq: e.data.seq });
    }
  }

  private onAgentAssigned(e: AgentAssignedEvent): void {
    if (e.conversationId === this.state.conversationId) this.update({ agent: { name: e.data.agentName, avatarUrl: e.data.avatarUrl }, queue: null });
  }

  /** Our place in line moved, or (null) an agent has the chat. */
  private onQueue(e: QueueEvent): void {
    if (e.conversationId === this.state.conversationId) this.update({ queue: e.data });
  }

  private onStatus(e: StatusChangeEvent): void {
    if (e.conversationId !== this.state.conversationId) return;
    this.update({ status: e.data.status, ...(isEnded(e.data.status) ? { agentTyping: null } : {}), ...(e.data.status !== 'queued' ? { queue: null } : {}) });
  }

  // ---- read receipts, typing, persistence -------------------------------------------------

  /** The visitor can see the conversation: clear the badge and tell the agents. */
  private markRead(): void {
    if (!this.state.open || document.visibilityState !== 'visible') return;
    const seq = maxAgentSeq(this.state.messages);
    if (seq > this.state.seenSeq) {
      this.update({ seenSeq: seq });
      this.persist();
    }
    const conversationId = this.state.conversationId;
    if (conversationId && seq > this.readSent && this.synced && this.socket?.connected) {
      this.readSent = seq;
      this.socket.emit('read', { conversationId, seq });
    }
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    const conversationId = this.activeConversationId();
    if (this.typingSentAt && conversationId && this.socket?.connected) this.socket.emit('typing', { conversationId, isTyping: false });
    this.typingSentAt = 0;
  }

  /** Nothing is stored before the visitor interacts, unless the site opted in (contract §1). */
  private persist(): void {
    if (!this.identity || !this.stored) return;
    const { conversationId, messages, seenSeq, outbox } = this.state;
    saveRecord(this.siteKey, { ...this.identity, conversationId, lastSeq: maxSeq(messages), seenSeq, outbox });
  }

  // ---- visitor identity and hooks for sdk.ts / tracking.ts / proactive.ts ------------------

  /** Follows one store happening (the modules live as long as the store: no unsubscribe). */
  hook<K extends keyof StoreHooks>(name: K, fn: (v: StoreHooks[K]) => void): void {
    ((this.hooks[name] ??= []) as ((v: StoreHooks[K]) => void)[]).push(fn);
  }

  private fire<K extends keyof StoreHooks>(name: K, v: StoreHooks[K]): void {
    this.hooks[name]?.forEach((fn) => fn(v));
  }

  /** The visitor's socket (null: no visitor yet); Socket.IO buffers emits while it reconnects. */
  get visitorSocket(): VisitorSocket | null {
    return this.socket;
  }

  /** Tracking: the visitor exists from page load (`persistent`: keep the credentials at once). */
  track(persistent: boolean): void {
    if (!this.identity) void this.ensureIdentity({ persistent });
  }

  /** The visitor interacted (sent, submitted a form, accepted a prompt): from now on the identity is kept. */
  interacted(): void {
    this.stored = true;
    this.persist();
  }

  /**
   * Becomes another visitor (an identity merge hands over its credentials) or, with null,
   * nobody (SDK shutdown: the record is erased, the next interaction creates a new visitor).
   */
  switchVisitor(identity: Identity | null): void {
    this.resetVisitor(identity);
    if (identity) {
      this.persist();
      this.connect();
    } else {
      this.stored = false;
      this.rejections = 0;
      this.dismissed = null;
      clearRecord(this.siteKey);
      this.update({ open: false, outbox: [], acceptedTrigger: null });
    }
  }

  private resetVisitor(identity: Identity | null): void {
    this.reconnector?.stop();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.identity = identity;
    this.synced = false;
    this.readSent = 0;
    this.update({ conn: 'idle', conversationId: null, status: null, messages: [], agent: null, agentTyping: null, agentReadSeq: 0, seenSeq: 0, queue: null });
  }

  /** The visitor accepted a proactive prompt: the chat opens with its message; the first send carries its id. */
  acceptTrigger(trigger: AcceptedTrigger): void {
    this.update({ acceptedTrigger: trigger });
    this.interacted();
    this.setOpen(true);
  }

  // ---- UI actions: pre-chat form, offline message, rating, transcript ----------------------

  /** Keeps `state.visitor` and the availability current (each new socket, each sync). */
  private followVisitor(): void {
    this.hook('visitor', (visitor) => this.update({ visitor }));
    this.hook('socket', (s) => {
      this.update({ visitor: null });
      s.on('availability', (e) => this.state.config && this.update({ config: { ...this.state.config, availability: e.data } }));
    });
  }

  /** A connected, synced socket; creates the visitor first if needed. Using it is an interaction (also before an upload). */
  async ready(): Promise<VisitorSocket> {
    this.interacted();
    if (!this.identity) this.track(true);
    else if (!this.socket) this.connect();
    for (const end = Date.now() + ACK_TIMEOUT; !(this.synced && this.socket?.connected); await sleep(200)) {
      if (Date.now() > end) throw new HttpError(0, 'network', S.unreachable);
    }
    return this.socket;
  }

  /** Emits a UI event with its ack; no answer in time is a `network` failure. */
  private async ask<T>(event: 'visitor:profile' | 'conversation:rate' | 'conversation:transcript', payload: object): Promise<ActionResult & { data?: T }> {
    try {
      const s = await this.ready();
      const ack = (await (s.timeout(ACK_TIMEOUT) as unknown as { emitWithAck(e: string, p: object): Promise<Ack<T>> }).emitWithAck(event, payload)) as Ack<T>;
      return ack.ok ? { ok: true, data: ack.data } : { ok: false, ...ack.error };
    } catch {
      return { ok: false, code: 'network', message: S.unreachable };
    }
  }

  /** The pre-chat form's answers (`visitor:profile`); the server checks them against the site's form. */
  async submitProfile(fields: Record<string, string>): Promise<ActionResult> {
    const r = await this.ask<{ visitor: VisitorSelfDto }>('visitor:profile', { fields });
    if (r.ok && r.data) this.update({ visitor: r.data.visitor });
    return r;
  }

  /** CSAT for the ended conversation on screen. */
  async rate(score: number, comment: string): Promise<ActionResult> {
    const conversationId = this.state.conversationId;
    if (!conversationId) return { ok: false, code: 'not_found', message: S.unavailable };
    const r = await this.ask<{ conversation: ConversationDto }>('conversation:rate', { conversationId, score, comment });
    if (r.ok) this.update({ ratings: { ...this.state.ratings, [conversationId]: r.data?.conversation.rating ?? { score, comment, ratedAt: new Date().toISOString() } } });
    return r;
  }

  /** Mails the conversation on screen to the visitor (`email`: when the server has none). */
  async emailTranscript(email?: string): Promise<ActionResult> {
    const conversationId = this.state.conversationId;
    if (!conversationId) return { ok: false, code: 'not_found', message: S.unavailable };
    const r = await this.ask<{ email: string }>('conversation:transcript', { conversationId, ...(email ? { email } : {}) });
    return r.ok ? { ok: true, email: r.data?.email ?? email } : r;
  }

  /** The same offline message keeps its clientId across retries (the server stores it once). */
  private offlineClientId: string | null = null;

  /** Leaves a message while nobody can chat; the returned credentials become the visitor's (an interaction). */
  async sendOfflineMessage(input: OfflineInput): Promise<ActionResult> {
    const clientId = (this.offlineClientId ??= newClientId());
    try {
      const creds = await postOfflineMessage(this.base, { siteKey: this.siteKey, ...this.identity, ...input, clientId });
      this.offlineClientId = null;
      if (creds.visitorId !== this.identity?.visitorId || creds.token !== this.identity.token) this.switchVisitor({ visitorId: creds.visitorId, token: creds.token });
      this.interacted();
      this.update({ offlineSent: input.email });
      return { ok: true };
    } catch (e) {
      const err = e instanceof HttpError ? e : new HttpError(0, 'network', S.unreachable);
      return { ok: false, code: err.status ? err.code : 'network', message: err.message };
    }
  }

  /** The visitor read the offline confirmation. */
  closeOfflineSent(): void {
    this.update({ offlineSent: null });
  }
}
