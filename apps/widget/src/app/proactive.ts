/**
 * Proactive prompts: runs the site's triggers (`@parley/protocol/triggers`) against what the
 * widget knows (`tracking.ts` keeps the facts), with one timer for the next one due, and
 * shows at most one prompt per page. Re-evaluated when the config, the page, the context
 * (cart), the availability, the chat's state or the visitor's history change, and on exit
 * intent. A lazily loaded chunk: main.tsx loads it only for sites that have triggers.
 *
 * Shown/accepted/dismissed are reported as `visitor:trigger`; without a visitor (Do Not
 * Track, tracking off) the history lives in memory for this page and the reports wait until
 * the visitor interacts (a visitor then exists).
 */
import type { TriggerAction, TriggerHistoryDto, WidgetTriggerDto } from '@parley/protocol';
import { evaluateTriggers, recordTriggerAction, type TriggerFacts } from '@parley/protocol/triggers';
import { isEnded, type Store } from './store';
import type { Tracker } from './tracking';
import type { VisitorSocket } from './transport';

type History = Record<string, TriggerHistoryDto>;

/** Server history and this page's own, merged: the larger counts, and a dismissal anywhere. */
export function mergeHistory(server: History, local: History): History {
  const out: History = { ...server };
  for (const [id, l] of Object.entries(local)) {
    const s = out[id];
    out[id] = s ? { total: Math.max(s.total, l.total), today: Math.max(s.today, l.today), session: Math.max(s.session, l.session), dismissed: s.dismissed || l.dismissed } : l;
  }
  return out;
}

export class Proactive {
  /** The prompt on screen. */
  prompt: WidgetTriggerDto | null = null;
  private local: History = {};
  private exit = false;
  /** The page (its number) and the visitor generation the per-page / per-visitor state belongs to. */
  private page: number;
  private generation: number;
  /** A prompt was already shown on this page: no second one until the visitor navigates. */
  private shownOnPage = false;
  private timer?: ReturnType<typeof setTimeout>;
  private scheduled: { id: string; dueAt: number } | null = null;
  private key = '';
  private listeners = new Set<() => void>();
  /** Reports made without a visitor, sent once one exists. */
  private unsent: { triggerId: string; action: TriggerAction }[] = [];

  constructor(
    private readonly store: Store,
    private readonly tracker: Tracker,
  ) {
    this.page = tracker.views;
    this.generation = tracker.generation;
  }

  start(): void {
    this.store.subscribe(() => this.onStore());
    this.tracker.onChange(() => this.onFacts());
    // Reports made without a visitor go out once one is connected (this socket or a later one).
    const existing = this.store.visitorSocket;
    existing?.on('connect', () => this.flushReports(existing));
    this.store.hook('socket', (s) => s.on('connect', () => this.flushReports(s)));
    this.onStore();
    // Exit intent: the pointer leaves through the top edge (desktop pointers only).
    document.addEventListener('mouseout', (e) => {
      if (this.exit || e.relatedTarget || e.clientY > 0 || !matchMedia('(pointer: fine)').matches) return;
      this.exit = true;
      this.evaluate();
    });
  }

  /** Follows the prompt on screen (TriggerPrompt). */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The visitor answered the prompt. Accepting opens the chat with its message. */
  answer(action: 'accepted' | 'dismissed'): void {
    const t = this.prompt;
    if (!t) return;
    this.setPrompt(null);
    this.report(t.id, action);
    if (action === 'accepted') this.store.acceptTrigger({ id: t.id, message: t.message });
  }

  /** A fact changed: a new page starts afresh; after an SDK shutdown the next visitor's history too. */
  private onFacts(): void {
    if (this.tracker.generation !== this.generation) {
      this.generation = this.tracker.generation;
      this.local = {};
      this.unsent = [];
      this.hide();
    }
    if (this.tracker.views !== this.page) {
      this.page = this.tracker.views;
      this.exit = false;
      this.shownOnPage = false;
      this.hide();
    }
    this.evaluate();
  }

  /** Re-evaluates when something the triggers depend on changed in the store. */
  private onStore(): void {
    const s = this.store.state;
    const key = [s.config?.triggers?.length, s.config?.availability?.reason, s.config?.agentsOnline, s.open, s.visible, s.conversationId, s.status, s.outbox.length, !!s.acceptedTrigger].join();
    if (key === this.key) return;
    this.key = key;
    if (this.prompt && this.blocked()) this.hide();
    this.evaluate();
  }

  /** No prompt while the chat is open, the widget hidden, or a conversation under way. */
  private blocked(): boolean {
    const s = this.store.state;
    const active = (s.conversationId && !isEnded(s.status)) || s.outbox.length > 0 || !!s.acceptedTrigger;
    return !s.config || !s.visible || s.open || active;
  }

  /** A new prompt may show: nothing blocks it and none was shown on this page yet. */
  private canShow(): boolean {
    return !this.blocked() && !this.shownOnPage;
  }

  private facts(): TriggerFacts {
    const { config } = this.store.state;
    const self = this.tracker.visitor;
    const session = self?.session;
    const reason = config?.availability?.reason;
    const ownReferrer = document.referrer.startsWith(location.origin + '/');
    return {
      url: location.href,
      referrer: session?.referrer ?? (ownReferrer ? '' : document.referrer),
      utmSource: session?.utmSource ?? new URLSearchParams(this.tracker.landing.split('?')[1]?.split('#')[0] ?? '').get('utm_source'),
      pagesViewed: Math.max(session?.pagesViewed ?? 0, this.tracker.views),
      returning: (self?.visitCount ?? 1) > 1,
      cartValue: this.tracker.cart,
      exitIntent: this.exit,
      pageEnteredAt: this.tracker.enteredAt,
      withinHours: reason !== 'closed',
      agentsOnline: reason === 'open' || (reason !== 'no_agents' && (config?.agentsOnline ?? 0) > 0),
    };
  }

  private evaluate(): void {
    const triggers = this.store.state.config?.triggers;
    const next = triggers?.length && this.canShow() ? evaluateTriggers(triggers, this.facts(), this.history(), Date.now()) : null;
    if (next && this.scheduled?.id === next.trigger.id && this.scheduled.dueAt === next.dueAt) return;
    clearTimeout(this.timer);
    this.scheduled = next && { id: next.trigger.id, dueAt: next.dueAt };
    if (!next) return;
    this.timer = setTimeout(() => {
      this.scheduled = null;
      // Facts may have changed while waiting: show only what is still the answer now.
      const now = evaluateTriggers(triggers!, this.facts(), this.history(), Date.now());
      if (now && now.trigger.id === next.trigger.id && now.dueAt <= Date.now() && this.canShow()) this.show(now.trigger);
      else this.evaluate();
    }, Math.max(0, next.dueAt - Date.now()));
  }

  private history(): History {
    return mergeHistory(this.tracker.visitor?.triggers ?? {}, this.local);
  }

  private show(t: WidgetTriggerDto): void {
    this.shownOnPage = true;
    this.setPrompt(t);
    this.report(t.id, 'shown');
  }

  private hide(): void {
    clearTimeout(this.timer);
    this.scheduled = null;
    this.setPrompt(null);
  }

  private setPrompt(t: WidgetTriggerDto | null): void {
    if (t === this.prompt) return;
    this.prompt = t;
    this.listeners.forEach((fn) => fn());
  }

  private report(triggerId: string, action: TriggerAction): void {
    this.local[triggerId] = recordTriggerAction(this.local[triggerId], action);
    this.unsent.push({ triggerId, action });
    const s = this.store.visitorSocket;
    if (s?.connected) this.flushReports(s);
  }

  private flushReports(s: VisitorSocket): void {
    for (const r of this.unsent.splice(0)) {
      s.emit('visitor:trigger', r, (ack) => {
        if (ack.ok) this.tracker.setVisitor(ack.data.visitor);
      });
    }
  }
}
