import type { ShortcutInfo } from '../../lib/shortcuts';

const ORDER = ['General', 'Navigation', 'Inbox', 'Conversation'];

/**
 * The overlay's sections: registered shortcuts grouped by heading, known headings first,
 * one line per distinct action (`/` and `Ctrl+K` both "Search chats" share a line).
 */
export function groupShortcuts(list: readonly ShortcutInfo[]): { group: string; items: { description: string; keys: string[] }[] }[] {
  const groups = new Map<string, Map<string, string[]>>();
  for (const s of list) {
    const group = s.group ?? 'Other';
    const items = groups.get(group) ?? new Map<string, string[]>();
    groups.set(group, items);
    const keys = items.get(s.description) ?? [];
    if (!keys.includes(s.keys)) keys.push(s.keys);
    items.set(s.description, keys);
  }
  const rank = (g: string) => (ORDER.includes(g) ? ORDER.indexOf(g) : ORDER.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([group, items]) => ({ group, items: [...items.entries()].map(([description, keys]) => ({ description, keys })) }));
}
