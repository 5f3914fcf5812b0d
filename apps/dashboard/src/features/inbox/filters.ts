/**
 * The chat-list filters as the dashboard holds them, and their two translations: to the
 * `GET /api/conversations` query (dates resolved against the agent's local clock) and to
 * and from a saved view's `InboxFilters` (dates kept as a preset so "Today" stays today).
 */
import type { DatePreset, InboxFilters, InboxStatus, LeadStatus, Priority } from '@parley/protocol';
import type { InboxTab } from './inboxLists';

export interface ListFilters {
  siteIds: string[];
  /** `mine`, `unassigned`, an agent id, or null for anyone. */
  agent: string | null;
  departmentId: string | null;
  datePreset: DatePreset | null;
  /** Custom range, local calendar days (`2025-06-18`), both inclusive. */
  fromDay: string | null;
  toDay: string | null;
  leadStatus: LeadStatus | null;
  tag: string | null;
  priority: Priority | null;
}

export const NO_FILTERS: ListFilters = {
  siteIds: [],
  agent: null,
  departmentId: null,
  datePreset: null,
  fromDay: null,
  toDay: null,
  leadStatus: null,
  tag: null,
  priority: null,
};

export const DATE_PRESET_LABEL: Record<DatePreset, string> = { today: 'Today', yesterday: 'Yesterday', '7d': 'Last 7 days', '30d': 'Last 30 days', custom: 'Custom range' };

/** How many filters are set (a custom range counts once). */
export function countFilters(f: ListFilters): number {
  return [f.siteIds.length > 0, f.agent, f.departmentId, f.datePreset, f.leadStatus, f.tag, f.priority].filter(Boolean).length;
}

export function hasFilters(f: ListFilters): boolean {
  return countFilters(f) > 0;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function startOfLocalDay(d: Date, plusDays = 0): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + plusDays);
}

function parseDay(day: string | null): Date | null {
  if (!day || !DAY_RE.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** `2025-06-18` for a local date. */
export function toDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The instants a date filter covers, in the agent's time zone: `from` inclusive, `to`
 * exclusive (the start of the day after the range). Missing ends are open.
 */
export function dateRange(f: Pick<ListFilters, 'datePreset' | 'fromDay' | 'toDay'>, now: Date): { from?: Date; to?: Date } {
  switch (f.datePreset) {
    case 'today':
      return { from: startOfLocalDay(now) };
    case 'yesterday':
      return { from: startOfLocalDay(now, -1), to: startOfLocalDay(now) };
    case '7d':
      return { from: startOfLocalDay(now, -6) };
    case '30d':
      return { from: startOfLocalDay(now, -29) };
    case 'custom': {
      const from = parseDay(f.fromDay);
      const to = parseDay(f.toDay);
      return { ...(from ? { from } : {}), ...(to ? { to: startOfLocalDay(to, 1) } : {}) };
    }
    default:
      return {};
  }
}

/** The list's status for a tab (the tab is the status filter). */
export function statusOf(tab: InboxTab): InboxStatus {
  return tab;
}

/** Query-string parameters for `GET /api/conversations` and the CSV export. */
export function toInboxQuery(tab: InboxTab, f: ListFilters, now: Date): Record<string, string> {
  const q: Record<string, string> = { status: statusOf(tab) };
  if (f.siteIds.length) q.siteIds = f.siteIds.join(',');
  if (f.agent) q.agent = f.agent;
  if (f.departmentId) q.departmentId = f.departmentId;
  const { from, to } = dateRange(f, now);
  if (from) q.from = from.toISOString();
  if (to) q.to = to.toISOString();
  if (f.leadStatus) q.leadStatus = f.leadStatus;
  if (f.tag) q.tag = f.tag;
  if (f.priority) q.priority = f.priority;
  return q;
}

export function exportCsvUrl(tab: InboxTab, f: ListFilters, now: Date): string {
  return `/api/conversations/export.csv?${new URLSearchParams(toInboxQuery(tab, f, now)).toString()}`;
}

/** What a saved view stores. A custom range is saved as instants; presets stay presets. */
export function toSavedFilters(tab: InboxTab, f: ListFilters): InboxFilters {
  const out: InboxFilters = { status: statusOf(tab) };
  if (f.siteIds.length) out.siteIds = [...f.siteIds];
  if (f.agent) out.agent = f.agent;
  if (f.departmentId) out.departmentId = f.departmentId;
  if (f.datePreset) out.datePreset = f.datePreset;
  if (f.datePreset === 'custom') {
    const { from, to } = dateRange(f, new Date());
    if (from) out.from = from.toISOString();
    if (to) out.to = to.toISOString();
  }
  if (f.leadStatus) out.leadStatus = f.leadStatus;
  if (f.tag) out.tag = f.tag;
  if (f.priority) out.priority = f.priority;
  return out;
}

/** A saved view back into a tab and list filters (an `all` view opens the Active tab). */
export function fromSavedFilters(saved: InboxFilters): { tab: InboxTab; filters: ListFilters } {
  const tab: InboxTab = saved.status === 'waiting' || saved.status === 'closed' ? saved.status : 'active';
  let fromDay: string | null = null;
  let toDayValue: string | null = null;
  let datePreset = saved.datePreset ?? null;
  if (saved.from || saved.to) {
    // `to` is exclusive: the range's last day is the day before it.
    if (saved.from) fromDay = toDay(new Date(saved.from));
    if (saved.to) toDayValue = toDay(new Date(Date.parse(saved.to) - 1));
    datePreset ??= 'custom';
  }
  return {
    tab,
    filters: {
      siteIds: saved.siteIds ?? [],
      agent: saved.agent ?? null,
      departmentId: saved.departmentId ?? null,
      datePreset,
      fromDay: datePreset === 'custom' ? fromDay : null,
      toDay: datePreset === 'custom' ? toDayValue : null,
      leadStatus: saved.leadStatus ?? null,
      tag: saved.tag ?? null,
      priority: saved.priority ?? null,
    },
  };
}

/** Two filter sets select the same rows (order of sites does not matter). */
export function sameFilters(a: ListFilters, b: ListFilters): boolean {
  const sites = (f: ListFilters) => [...f.siteIds].sort().join(',');
  return (
    sites(a) === sites(b) &&
    a.agent === b.agent &&
    a.departmentId === b.departmentId &&
    a.datePreset === b.datePreset &&
    (a.datePreset !== 'custom' || (a.fromDay === b.fromDay && a.toDay === b.toDay)) &&
    a.leadStatus === b.leadStatus &&
    a.tag === b.tag &&
    a.priority === b.priority
  );
}

/** Read filters kept in sessionStorage, tolerating anything malformed. */
export function parseStoredFilters(raw: string | null): ListFilters {
  if (!raw) return NO_FILTERS;
  try {
    const v = JSON.parse(raw) as Partial<Record<keyof ListFilters, unknown>>;
    const str = (x: unknown) => (typeof x === 'string' && x ? x : null);
    return {
      siteIds: Array.isArray(v.siteIds) ? v.siteIds.filter((s): s is string => typeof s === 'string') : [],
      agent: str(v.agent),
      departmentId: str(v.departmentId),
      datePreset: (['today', 'yesterday', '7d', '30d', 'custom'] as const).find((p) => p === v.datePreset) ?? null,
      fromDay: str(v.fromDay),
      toDay: str(v.toDay),
      leadStatus: v.leadStatus === 'filled' || v.leadStatus === 'pending' ? v.leadStatus : null,
      tag: str(v.tag),
      priority: (['low', 'normal', 'high', 'urgent'] as const).find((p) => p === v.priority) ?? null,
    };
  } catch {
    return NO_FILTERS;
  }
}

export interface FilterChip {
  key: string;
  label: string;
  /** The patch that removes this filter. */
  clear: Partial<ListFilters>;
}

interface ChipNames {
  site: (id: string) => string | undefined;
  agent: (id: string) => string | undefined;
  department: (id: string) => string | undefined;
}

function shortDay(day: string | null): string {
  if (!day) return '…';
  const d = new Date(`${day}T00:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** One removable chip per active filter, for the bar above the list. */
export function filterChips(f: ListFilters, names: ChipNames): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const id of f.siteIds) chips.push({ key: `site:${id}`, label: names.site(id) ?? 'Unknown site', clear: { siteIds: f.siteIds.filter((s) => s !== id) } });
  if (f.agent) {
    const label = f.agent === 'mine' ? 'Mine' : f.agent === 'unassigned' ? 'Unassigned' : (names.agent(f.agent) ?? 'An agent');
    chips.push({ key: 'agent', label, clear: { agent: null } });
  }
  if (f.departmentId) chips.push({ key: 'department', label: names.department(f.departmentId) ?? 'A department', clear: { departmentId: null } });
  if (f.datePreset) {
    const label = f.datePreset === 'custom' ? `${shortDay(f.fromDay)} – ${shortDay(f.toDay)}` : DATE_PRESET_LABEL[f.datePreset];
    chips.push({ key: 'date', label, clear: { datePreset: null, fromDay: null, toDay: null } });
  }
  if (f.leadStatus) chips.push({ key: 'lead', label: f.leadStatus === 'filled' ? 'Lead filled' : 'Lead pending', clear: { leadStatus: null } });
  if (f.tag) chips.push({ key: 'tag', label: `#${f.tag}`, clear: { tag: null } });
  if (f.priority) chips.push({ key: 'priority', label: `${f.priority[0]!.toUpperCase()}${f.priority.slice(1)} priority`, clear: { priority: null } });
  return chips;
}
