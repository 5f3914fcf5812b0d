import { describe, expect, it } from 'vitest';
import type { PageViewDto, VisitorSessionDto } from '@parley/protocol';
import { buildTimeline, tailSteps } from './timeline';

const NO_UTM = { source: null, medium: null, campaign: null, term: null, content: null };
function pv(id: string, url: string, enteredAt: string, seconds: number, leftAt: string | null = 'x'): PageViewDto {
  return { id, url, title: `Title ${url}`, enteredAt, leftAt: leftAt === 'x' ? enteredAt : leftAt, seconds };
}
function session(id: string, startedAt: string, pageViews: PageViewDto[], over: Partial<VisitorSessionDto> = {}): VisitorSessionDto {
  return { id, startedAt, lastSeenAt: startedAt, endedAt: null, landingUrl: pageViews[0]?.url ?? null, referrer: null, utm: NO_UTM, pageViews, ...over };
}

describe('buildTimeline', () => {
  const now = Date.parse('2025-06-18T12:10:00.000Z');

  it('orders sessions newest first and pages in the order visited', () => {
    const old = session('s1', '2025-06-10T09:00:00.000Z', [pv('p1', 'https://shop.test/', '2025-06-10T09:00:00.000Z', 30)], { endedAt: '2025-06-10T09:05:00.000Z' });
    const cur = session('s2', '2025-06-18T12:00:00.000Z', [
      pv('p3', 'https://shop.test/b', '2025-06-18T12:05:00.000Z', 0, null),
      pv('p2', 'https://shop.test/a', '2025-06-18T12:00:00.000Z', 300),
    ]);
    const t = buildTimeline([old, cur], now, true);
    expect(t.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(t[0]!.steps.map((s) => s.url)).toEqual(['https://shop.test/a', 'https://shop.test/b']);
    expect(t[0]!.live).toBe(true);
    expect(t[1]!.live).toBe(false);
  });

  it('counts the open page live and marks it current while the visitor is online', () => {
    const cur = session('s', '2025-06-18T12:00:00.000Z', [pv('p1', 'https://shop.test/a', '2025-06-18T12:00:00.000Z', 300), pv('p2', 'https://shop.test/b', '2025-06-18T12:05:00.000Z', 2, null)]);
    const [t] = buildTimeline([cur], now, true);
    expect(t!.steps[1]).toMatchObject({ current: true, seconds: 300 });
    expect(t!.totalSeconds).toBe(600);
    // offline: the stored seconds, nothing current
    const [off] = buildTimeline([cur], now, false);
    expect(off!.steps[1]).toMatchObject({ current: false, seconds: 2 });
    expect(off!.live).toBe(false);
  });

  it('merges consecutive views of the same URL (reloads) but not revisits', () => {
    const s = session('s', '2025-06-18T12:00:00.000Z', [
      pv('p1', 'https://shop.test/a', '2025-06-18T12:00:00.000Z', 10),
      pv('p2', 'https://shop.test/a', '2025-06-18T12:00:10.000Z', 20),
      pv('p3', 'https://shop.test/b', '2025-06-18T12:00:30.000Z', 5),
      pv('p4', 'https://shop.test/a', '2025-06-18T12:00:35.000Z', 7),
    ], { endedAt: '2025-06-18T12:01:00.000Z' });
    const [t] = buildTimeline([s], now, true);
    expect(t!.steps.map((x) => [x.url.slice(-1), x.views, x.seconds])).toEqual([
      ['a', 2, 30],
      ['b', 1, 5],
      ['a', 1, 7],
    ]);
    expect(t!.pageViews).toBe(4);
  });

  it('describes the source: UTM first, then the referrer host, else direct', () => {
    const tagged = session('s1', '2025-06-18T12:00:00.000Z', [], { utm: { ...NO_UTM, source: 'newsletter', medium: 'email' }, referrer: 'https://mail.example/' });
    const referred = session('s2', '2025-06-17T12:00:00.000Z', [], { referrer: 'https://www.google.com/search' });
    const direct = session('s3', '2025-06-16T12:00:00.000Z', []);
    const t = buildTimeline([tagged, referred, direct], now, false);
    expect(t.map((s) => s.source)).toEqual(['newsletter', 'google.com', 'Direct']);
    expect(t[0]!.utm).toBe('newsletter / email');
  });
});

describe('tailSteps', () => {
  it('keeps the last steps and counts the hidden ones', () => {
    const steps = [1, 2, 3, 4, 5].map((n) => ({ id: String(n), url: `u${n}`, title: '', enteredAt: '', seconds: 0, views: 1, current: false }));
    expect(tailSteps(steps, 10)).toMatchObject({ hidden: 0 });
    const { hidden, shown } = tailSteps(steps, 2);
    expect(hidden).toBe(3);
    expect(shown.map((s) => s.id)).toEqual(['4', '5']);
  });
});
