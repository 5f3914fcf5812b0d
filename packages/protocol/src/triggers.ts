/**
 * The proactive-trigger rule engine, evaluated in the widget (pure and zod-free, so the
 * widget imports it as `@parley/protocol/triggers` without weight).
 *
 * A trigger fires when all its conditions hold (AND). Time is not a yes/no fact here: the
 * engine answers which trigger is next and WHEN it is due (time on page + delay), so the
 * widget needs one timer only.
 */
import type { TriggerCondition } from './engagement';
import type { TriggerHistoryDto, WidgetTriggerDto } from './models';

/** What the widget knows about the visitor right now. */
export interface TriggerFacts {
  /** The page's full URL. */
  url: string;
  /** The session's referrer ('' when none). */
  referrer: string;
  utmSource: string | null;
  /** Pages viewed in this session, including the current one. */
  pagesViewed: number;
  returning: boolean;
  /** `setContext({ cart: { total } })`; null when the site never said. */
  cartValue: number | null;
  /** The pointer has left through the top edge of the window on this page. */
  exitIntent: boolean;
  /** When the current page was opened (ms since the epoch). */
  pageEnteredAt: number;
  /** The site is within its business hours. */
  withinHours: boolean;
  /** At least one agent of the site is online. */
  agentsOnline: boolean;
}

export interface TriggerMatch {
  trigger: WidgetTriggerDto;
  /** When to show it (ms since the epoch); may be in the past: show at once. */
  dueAt: number;
}

const lower = (s: string) => s.toLowerCase();

/** A pattern starting with `/` is compared with the URL's path (+ query, hash); anything else with the whole URL. */
function target(url: string, pattern: string): string {
  return pattern.startsWith('/') ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/' : url;
}

/**
 * Glob match, case-insensitive, of the whole text: `*` is any run of characters.
 *
 * @example globMatch('https://shop.test/pricing?x=1', '*\/pricing*') // → true
 */
export function globMatch(text: string, glob: string): boolean {
  const source = glob
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'is').test(text);
}

function textMatch(op: 'contains' | 'equals' | 'starts_with' | 'not_contains', text: string, value: string): boolean {
  const t = lower(text);
  const v = lower(value);
  if (op === 'contains') return t.includes(v);
  if (op === 'not_contains') return !t.includes(v);
  if (op === 'starts_with') return t.startsWith(v);
  return t === v;
}

/** Whether one condition holds; `time_on_page` always does (it only sets the due time). */
function holds(c: TriggerCondition, f: TriggerFacts): boolean {
  switch (c.type) {
    case 'time_on_page':
      return true;
    case 'url':
      return c.op === 'matches' ? globMatch(target(f.url, c.value), c.value) : textMatch(c.op, target(f.url, c.value), c.value);
    case 'exit_intent':
      return f.exitIntent;
    case 'pages_viewed':
      return f.pagesViewed >= c.min;
    case 'returning_visitor':
      return f.returning === c.value;
    case 'cart_value':
      return f.cartValue !== null && (c.op === 'gte' ? f.cartValue >= c.value : f.cartValue <= c.value);
    case 'referrer':
      return textMatch(c.op, f.referrer, c.value);
    case 'utm_source':
      return f.utmSource !== null && lower(f.utmSource) === lower(c.value);
  }
}

/** The frequency cap still allows another show, and the visitor never dismissed it. */
function allowed(t: WidgetTriggerDto, h: TriggerHistoryDto | undefined): boolean {
  if (!h) return true;
  if (h.dismissed) return false;
  const shown = t.frequency.per === 'session' ? h.session : t.frequency.per === 'day' ? h.today : h.total;
  return shown < t.frequency.max;
}

/** When the trigger's time conditions and its delay are satisfied. */
function dueAt(t: WidgetTriggerDto, f: TriggerFacts): number {
  let seconds = 0;
  for (const c of t.conditions) if (c.type === 'time_on_page') seconds = Math.max(seconds, c.seconds);
  return f.pageEnteredAt + (seconds + t.delaySeconds) * 1000;
}

/**
 * The trigger to show next: the highest-priority one whose non-time conditions hold, whose
 * frequency cap allows it and which was never dismissed, with the time it is due (which may
 * have passed: show it at once). Equal priorities: the one due first, where everything due by
 * `now` counts as due now, then list order. `null`: nothing to show.
 *
 * @example
 *   const next = evaluateTriggers(config.triggers, facts, visitor.triggers, Date.now());
 *   if (next) setTimeout(show, Math.max(0, next.dueAt - Date.now()));
 */
export function evaluateTriggers(triggers: readonly WidgetTriggerDto[], facts: TriggerFacts, history: Readonly<Record<string, TriggerHistoryDto>>, now: number): TriggerMatch | null {
  let best: TriggerMatch | null = null;
  for (const trigger of triggers) {
    if (!allowed(trigger, history[trigger.id])) continue;
    if (trigger.businessHoursOnly && !facts.withinHours) continue;
    if (trigger.onlyWhenAgentsOnline && !facts.agentsOnline) continue;
    if (!trigger.conditions.every((c) => holds(c, facts))) continue;
    const due = dueAt(trigger, facts);
    const sooner = best !== null && Math.max(due, now) < Math.max(best.dueAt, now);
    if (!best || trigger.priority > best.trigger.priority || (trigger.priority === best.trigger.priority && sooner)) best = { trigger, dueAt: due };
  }
  return best;
}

/**
 * The history after one more show/dismiss, for widgets that keep it themselves (no visitor
 * on the server: Do Not Track or tracking off).
 *
 * @example history[id] = recordTriggerAction(history[id], 'shown')
 */
export function recordTriggerAction(h: TriggerHistoryDto | undefined, action: 'shown' | 'accepted' | 'dismissed'): TriggerHistoryDto {
  const base = h ?? { total: 0, today: 0, session: 0, dismissed: false };
  if (action === 'shown') return { ...base, total: base.total + 1, today: base.today + 1, session: base.session + 1 };
  return action === 'dismissed' ? { ...base, dismissed: true } : base;
}
