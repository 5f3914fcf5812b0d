import { describe, expect, it } from 'vitest';
import type { TriggerCondition } from './engagement';
import type { TriggerHistoryDto, WidgetTriggerDto } from './models';
import { evaluateTriggers, globMatch, recordTriggerAction, type TriggerFacts } from './triggers';

const T0 = Date.UTC(2026, 2, 2, 10, 0, 0);

const facts = (over: Partial<TriggerFacts> = {}): TriggerFacts => ({
  url: 'https://shop.test/products/blue-shoe?size=42',
  referrer: 'https://www.google.com/search?q=shoes',
  utmSource: 'Newsletter',
  pagesViewed: 3,
  returning: true,
  cartValue: 120,
  exitIntent: false,
  pageEnteredAt: T0,
  withinHours: true,
  agentsOnline: true,
  ...over,
});

let n = 0;
const trigger = (over: Partial<WidgetTriggerDto> = {}): WidgetTriggerDto => ({
  id: `t${++n}`,
  priority: 0,
  conditions: [{ type: 'time_on_page', seconds: 0 }],
  delaySeconds: 0,
  message: 'Need help?',
  frequency: { max: 1, per: 'session' },
  businessHoursOnly: false,
  onlyWhenAgentsOnline: false,
  ...over,
});

const fires = (conditions: TriggerCondition[], f: Partial<TriggerFacts> = {}) => evaluateTriggers([trigger({ conditions })], facts(f), {}, T0) !== null;

describe('trigger engine: each condition', () => {
  it.each<[string, TriggerCondition, Partial<TriggerFacts>, boolean]>([
    ['url contains', { type: 'url', op: 'contains', value: 'blue-shoe' }, {}, true],
    ['url contains (case-insensitive)', { type: 'url', op: 'contains', value: 'BLUE' }, {}, true],
    ['url contains: no', { type: 'url', op: 'contains', value: '/checkout' }, {}, false],
    ['url not_contains', { type: 'url', op: 'not_contains', value: '/checkout' }, {}, true],
    ['url not_contains: no', { type: 'url', op: 'not_contains', value: 'products' }, {}, false],
    ['url equals (whole URL)', { type: 'url', op: 'equals', value: 'https://shop.test/products/blue-shoe?size=42' }, {}, true],
    ['url equals (path)', { type: 'url', op: 'equals', value: '/pricing' }, { url: 'https://shop.test/pricing' }, true],
    ['url equals: a longer path is not equal', { type: 'url', op: 'equals', value: '/pricing' }, { url: 'https://shop.test/pricing/team' }, false],
    ['url equals: the bare origin is path /', { type: 'url', op: 'equals', value: '/' }, { url: 'https://shop.test' }, true],
    ['url starts_with (path)', { type: 'url', op: 'starts_with', value: '/products/' }, {}, true],
    ['url starts_with (path): no', { type: 'url', op: 'starts_with', value: '/blue' }, {}, false],
    ['url starts_with (whole URL)', { type: 'url', op: 'starts_with', value: 'https://shop.test/prod' }, {}, true],
    ['url matches glob', { type: 'url', op: 'matches', value: '*/products/*' }, {}, true],
    ['url matches glob anchored at both ends', { type: 'url', op: 'matches', value: '*/products' }, {}, false],
    ['url matches path glob', { type: 'url', op: 'matches', value: '/products/*-shoe*' }, {}, true],
    ['url matches: regex characters are literal', { type: 'url', op: 'matches', value: '*?size=4.' }, {}, false],
    ['exit intent: yes', { type: 'exit_intent' }, { exitIntent: true }, true],
    ['exit intent: no', { type: 'exit_intent' }, {}, false],
    ['pages viewed ≥ 3', { type: 'pages_viewed', min: 3 }, {}, true],
    ['pages viewed ≥ 4', { type: 'pages_viewed', min: 4 }, {}, false],
    ['returning visitor', { type: 'returning_visitor', value: true }, {}, true],
    ['new visitor', { type: 'returning_visitor', value: false }, {}, false],
    ['new visitor (is new)', { type: 'returning_visitor', value: false }, { returning: false }, true],
    ['cart ≥ 100', { type: 'cart_value', op: 'gte', value: 100 }, {}, true],
    ['cart ≥ 120 (equal)', { type: 'cart_value', op: 'gte', value: 120 }, {}, true],
    ['cart ≥ 200', { type: 'cart_value', op: 'gte', value: 200 }, {}, false],
    ['cart ≤ 200', { type: 'cart_value', op: 'lte', value: 200 }, {}, true],
    ['cart ≤ 50', { type: 'cart_value', op: 'lte', value: 50 }, {}, false],
    ['cart unknown never matches', { type: 'cart_value', op: 'lte', value: 50 }, { cartValue: null }, false],
    ['referrer contains', { type: 'referrer', op: 'contains', value: 'google.' }, {}, true],
    ['referrer equals: no', { type: 'referrer', op: 'equals', value: 'https://www.google.com' }, {}, false],
    ['referrer not_contains', { type: 'referrer', op: 'not_contains', value: 'bing' }, {}, true],
    ['referrer contains with no referrer', { type: 'referrer', op: 'contains', value: 'google' }, { referrer: '' }, false],
    ['utm_source (case-insensitive)', { type: 'utm_source', value: 'newsletter' }, {}, true],
    ['utm_source: other', { type: 'utm_source', value: 'adwords' }, {}, false],
    ['utm_source: none', { type: 'utm_source', value: 'newsletter' }, { utmSource: null }, false],
    ['time on page holds (sets the due time only)', { type: 'time_on_page', seconds: 30 }, {}, true],
  ])('%s', (_name, condition, f, expected) => {
    expect(fires([condition], f)).toBe(expected);
  });

  it('glob: * spans slashes and the match is case-insensitive', () => {
    expect(globMatch('https://A.test/x/y/pricing', '*/PRICING')).toBe(true);
    expect(globMatch('https://a.test/pricing-old', '*/pricing')).toBe(false);
  });
});

describe('trigger engine: combining and choosing', () => {
  it('all conditions must hold (AND)', () => {
    const both: TriggerCondition[] = [
      { type: 'url', op: 'contains', value: 'products' },
      { type: 'cart_value', op: 'gte', value: 100 },
    ];
    expect(fires(both)).toBe(true);
    expect(fires(both, { cartValue: 99 })).toBe(false);
    expect(fires(both, { url: 'https://shop.test/' })).toBe(false);
  });

  it('the highest priority wins, even when a lower one is due sooner', () => {
    const low = trigger({ priority: 1, conditions: [{ type: 'time_on_page', seconds: 5 }] });
    const high = trigger({ priority: 9, conditions: [{ type: 'time_on_page', seconds: 60 }] });
    expect(evaluateTriggers([low, high], facts(), {}, T0)).toEqual({ trigger: high, dueAt: T0 + 60_000 });
  });

  it('equal priorities: the one due first, then list order', () => {
    const later = trigger({ conditions: [{ type: 'time_on_page', seconds: 30 }] });
    const sooner = trigger({ conditions: [{ type: 'time_on_page', seconds: 10 }] });
    expect(evaluateTriggers([later, sooner], facts(), {}, T0)?.trigger).toBe(sooner);
    // Both already due: list order.
    expect(evaluateTriggers([later, sooner], facts(), {}, T0 + 60_000)?.trigger).toBe(later);
  });

  it('a higher-priority trigger whose conditions fail leaves the lower one', () => {
    const high = trigger({ priority: 9, conditions: [{ type: 'url', op: 'contains', value: '/checkout' }] });
    const low = trigger({ priority: 1 });
    expect(evaluateTriggers([high, low], facts(), {}, T0)?.trigger).toBe(low);
  });

  it('nothing to show: null', () => {
    expect(evaluateTriggers([], facts(), {}, T0)).toBeNull();
    expect(evaluateTriggers([trigger({ conditions: [{ type: 'exit_intent' }] })], facts(), {}, T0)).toBeNull();
  });
});

describe('trigger engine: due time', () => {
  it.each<[string, TriggerCondition[], number, number]>([
    ['no time condition, no delay: due on entering the page', [{ type: 'pages_viewed', min: 1 }], 0, 0],
    ['delay only', [{ type: 'pages_viewed', min: 1 }], 15, 15],
    ['time on page only', [{ type: 'time_on_page', seconds: 20 }], 0, 20],
    ['time on page, then the delay', [{ type: 'time_on_page', seconds: 20 }], 5, 25],
    ['two time conditions: the longer one', [{ type: 'time_on_page', seconds: 20 }, { type: 'time_on_page', seconds: 40 }], 0, 40],
  ])('%s', (_name, conditions, delaySeconds, seconds) => {
    const pageEnteredAt = T0 - 7_000;
    const match = evaluateTriggers([trigger({ conditions, delaySeconds })], facts({ pageEnteredAt }), {}, T0);
    expect(match?.dueAt).toBe(pageEnteredAt + seconds * 1000);
  });
});

describe('trigger engine: frequency, dismissal, hours, agents', () => {
  const history = (over: Partial<TriggerHistoryDto>): TriggerHistoryDto => ({ total: 0, today: 0, session: 0, dismissed: false, ...over });

  it.each<[string, WidgetTriggerDto['frequency'], Partial<TriggerHistoryDto>, boolean]>([
    ['once per session, not shown yet', { max: 1, per: 'session' }, {}, true],
    ['once per session, shown this session', { max: 1, per: 'session' }, { total: 1, today: 1, session: 1 }, false],
    ['once per session, shown in an earlier session', { max: 1, per: 'session' }, { total: 4, today: 1, session: 0 }, true],
    ['twice per session, shown once', { max: 2, per: 'session' }, { total: 1, today: 1, session: 1 }, true],
    ['once a day, shown today', { max: 1, per: 'day' }, { total: 1, today: 1, session: 0 }, false],
    ['once a day, shown yesterday', { max: 1, per: 'day' }, { total: 1, today: 0, session: 0 }, true],
    ['3 times per visitor, shown 2', { max: 3, per: 'visitor' }, { total: 2 }, true],
    ['3 times per visitor, shown 3', { max: 3, per: 'visitor' }, { total: 3 }, false],
    ['dismissed: never again, whatever the cap', { max: 100, per: 'session' }, { dismissed: true }, false],
  ])('%s', (_name, frequency, h, expected) => {
    const t = trigger({ frequency });
    expect(evaluateTriggers([t], facts(), { [t.id]: history(h) }, T0) !== null).toBe(expected);
  });

  it('a capped trigger leaves the next one', () => {
    const first = trigger({ priority: 5 });
    const second = trigger({ priority: 1 });
    expect(evaluateTriggers([first, second], facts(), { [first.id]: history({ dismissed: true }) }, T0)?.trigger).toBe(second);
  });

  it.each<[string, Partial<WidgetTriggerDto>, Partial<TriggerFacts>, boolean]>([
    ['business hours only, within hours', { businessHoursOnly: true }, {}, true],
    ['business hours only, outside', { businessHoursOnly: true }, { withinHours: false }, false],
    ['any time, outside hours', {}, { withinHours: false }, true],
    ['only with agents online, some', { onlyWhenAgentsOnline: true }, {}, true],
    ['only with agents online, none', { onlyWhenAgentsOnline: true }, { agentsOnline: false }, false],
    ['regardless of agents, none', {}, { agentsOnline: false }, true],
  ])('%s', (_name, over, f, expected) => {
    expect(evaluateTriggers([trigger(over)], facts(f), {}, T0) !== null).toBe(expected);
  });

  it('recordTriggerAction counts shows and remembers a dismissal', () => {
    let h = recordTriggerAction(undefined, 'shown');
    expect(h).toEqual({ total: 1, today: 1, session: 1, dismissed: false });
    h = recordTriggerAction(h, 'accepted');
    expect(h).toEqual({ total: 1, today: 1, session: 1, dismissed: false });
    expect(recordTriggerAction(h, 'dismissed').dismissed).toBe(true);
  });
});
