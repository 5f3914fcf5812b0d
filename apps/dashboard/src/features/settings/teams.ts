/** Pure helpers of the departments and agents settings pages. */
import type { DepartmentDto, RoutingMode } from '@parley/protocol';

/** The routing modes as the site form offers them, with what each one does. */
export const ROUTING_MODES: readonly { mode: RoutingMode; label: string; hint: string }[] = [
  { mode: 'manual', label: 'Manual', hint: 'New chats wait in Waiting until an agent accepts one.' },
  { mode: 'round_robin', label: 'Round robin', hint: 'Each new chat goes to the next online agent in turn.' },
  { mode: 'least_loaded', label: 'Least loaded', hint: 'Each new chat goes to the online agent with the fewest open chats.' },
];

/** Adds or removes one id, keeping the order of the others. */
export function toggleId(ids: readonly string[], id: string, on: boolean): string[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

/** "All websites" for a department without sites, else their names (unknown ids left out). */
export function sitesSummary(siteIds: readonly string[], siteName: (id: string) => string | undefined): string {
  if (!siteIds.length) return 'All websites';
  const names = siteIds.map(siteName).filter((n): n is string => !!n);
  return names.length ? names.join(', ') : 'All websites';
}

/** The names of an agent's departments, alphabetically. */
export function departmentNames(ids: readonly string[], departments: readonly DepartmentDto[] | undefined): string[] {
  const byId = new Map((departments ?? []).map((d) => [d.id, d.name]));
  return ids
    .map((id) => byId.get(id))
    .filter((n): n is string => !!n)
    .sort((a, b) => a.localeCompare(b));
}

/** A whole number typed in a form field; empty or not a number is `undefined` (the schema says "Required"). */
export function intField(text: string): number | undefined {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}
