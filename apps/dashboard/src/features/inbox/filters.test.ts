import { describe, expect, it } from 'vitest';
import { countFilters, dateRange, exportCsvUrl, filterChips, fromSavedFilters, NO_FILTERS, parseStoredFilters, sameFilters, toInboxQuery, toSavedFilters, type ListFilters } from './filters';

const now = new Date(2025, 5, 18, 15, 30); // Wed 18 June 2025, 15:30 local time
const f = (over: Partial<ListFilters>): ListFilters => ({ ...NO_FILTERS, ...over });

describe('dateRange', () => {
  it('resolves presets against the local calendar', () => {
    expect(dateRange(f({ datePreset: 'today' }), now)).toEqual({ from: new Date(2025, 5, 18) });
    expect(dateRange(f({ datePreset: 'yesterday' }), now)).toEqual({ from: new Date(2025, 5, 17), to: new Date(2025, 5, 18) });
    expect(dateRange(f({ datePreset: '7d' }), now)).toEqual({ from: new Date(2025, 5, 12) });
    expect(dateRange(f({ datePreset: '30d' }), now)).toEqual({ from: new Date(2025, 4, 20) });
  });
  it('makes a custom range cover whole days, the last one included', () => {
    expect(dateRange(f({ datePreset: 'custom', fromDay: '2025-06-01', toDay: '2025-06-03' }), now)).toEqual({ from: new Date(2025, 5, 1), to: new Date(2025, 5, 4) });
    expect(dateRange(f({ datePreset: 'custom', fromDay: null, toDay: 'garbage' }), now)).toEqual({});
  });
  it('is open without a preset', () => {
    expect(dateRange(NO_FILTERS, now)).toEqual({});
  });
});

describe('toInboxQuery', () => {
  it('sends only the filters that are set, sites comma-separated', () => {
    expect(toInboxQuery('waiting', NO_FILTERS, now)).toEqual({ status: 'waiting' });
    const q = toInboxQuery('closed', f({ siteIds: ['s1', 's2'], agent: 'mine', datePreset: 'yesterday', leadStatus: 'filled', tag: 'vip', priority: 'high' }), now);
    expect(q).toEqual({
      status: 'closed',
      siteIds: 's1,s2',
      agent: 'mine',
      from: new Date(2025, 5, 17).toISOString(),
      to: new Date(2025, 5, 18).toISOString(),
      leadStatus: 'filled',
      tag: 'vip',
      priority: 'high',
    });
  });
  it('builds the CSV export link from the same query', () => {
    const url = exportCsvUrl('closed', f({ tag: 'vip', siteIds: ['a', 'b'] }), now);
    expect(url.startsWith('/api/conversations/export.csv?')).toBe(true);
    const params = new URLSearchParams(url.split('?')[1]);
    expect(params.get('status')).toBe('closed');
    expect(params.get('siteIds')).toBe('a,b');
    expect(params.get('tag')).toBe('vip');
  });
});

describe('saved views', () => {
  it('round-trips filters and the tab, keeping presets relative', () => {
    const filters = f({ siteIds: ['s1'], agent: 'unassigned', datePreset: '7d', tag: 'vip', priority: 'urgent', leadStatus: 'pending' });
    const saved = toSavedFilters('active', filters);
    expect(saved).toEqual({ status: 'active', siteIds: ['s1'], agent: 'unassigned', datePreset: '7d', tag: 'vip', priority: 'urgent', leadStatus: 'pending' });
    expect(fromSavedFilters(saved)).toEqual({ tab: 'active', filters });
  });
  it('round-trips a custom range through instants', () => {
    const filters = f({ datePreset: 'custom', fromDay: '2025-06-01', toDay: '2025-06-03' });
    const back = fromSavedFilters(toSavedFilters('closed', filters));
    expect(back.tab).toBe('closed');
    expect(back.filters).toEqual(filters);
  });
  it("opens an 'all' view on the Active tab", () => {
    expect(fromSavedFilters({ status: 'all' }).tab).toBe('active');
  });
  it('compares filter sets regardless of site order', () => {
    expect(sameFilters(f({ siteIds: ['a', 'b'] }), f({ siteIds: ['b', 'a'] }))).toBe(true);
    expect(sameFilters(f({ tag: 'x' }), f({ tag: 'y' }))).toBe(false);
  });
});

describe('chips and counts', () => {
  const names = { site: (id: string) => ({ s1: 'Shop' })[id], agent: (id: string) => ({ a2: 'Bob' })[id], department: () => undefined };
  it('labels each active filter and knows how to remove it', () => {
    const filters = f({ siteIds: ['s1', 's9'], agent: 'a2', tag: 'vip', priority: 'high' });
    const chips = filterChips(filters, names);
    expect(chips.map((c) => c.label)).toEqual(['Shop', 'Unknown site', 'Bob', '#vip', 'High priority']);
    expect(chips[0]!.clear).toEqual({ siteIds: ['s9'] });
    expect(countFilters(filters)).toBe(4);
    expect(countFilters(NO_FILTERS)).toBe(0);
  });
});

describe('parseStoredFilters', () => {
  it('survives junk and drops unknown values', () => {
    expect(parseStoredFilters('not json')).toEqual(NO_FILTERS);
    expect(parseStoredFilters(null)).toEqual(NO_FILTERS);
    expect(parseStoredFilters(JSON.stringify({ siteIds: ['a', 3], priority: 'mega', datePreset: 'today', tag: 'vip' }))).toEqual(f({ siteIds: ['a'], datePreset: 'today', tag: 'vip' }));
  });
});
