/** Pure helpers of the canned responses settings page. */
import type { CannedResponseDto } from '@parley/protocol';

/** The variables a canned response may use; the composer fills them in when it is inserted. */
export const CANNED_VARIABLES = [
  { token: '{{visitor.name}}', label: 'Visitor name', hint: 'the visitor’s name, or “there”' },
  { token: '{{agent.name}}', label: 'Agent name', hint: 'the sender’s name as visitors see it' },
  { token: '{{site.name}}', label: 'Website name', hint: 'the chat’s website' },
] as const;

/** A category filter value: one category, every response, or those without a category. */
export const ALL = '';
export const NO_CATEGORY = '__none__';

/**
 * Puts `token` in place of the selection `[start, end)` and returns the caret after it.
 *
 * @example insertAt('Hi !', 3, 3, '{{visitor.name}}') // → { text: 'Hi {{visitor.name}}!', caret: 19 }
 */
export function insertAt(text: string, start: number, end: number, token: string): { text: string; caret: number } {
  const a = Math.max(0, Math.min(start, text.length));
  const b = Math.max(a, Math.min(end, text.length));
  return { text: text.slice(0, a) + token + text.slice(b), caret: a + token.length };
}

/** The categories in use, each once (first spelling wins), alphabetically. */
export function cannedCategories(list: readonly CannedResponseDto[]): string[] {
  const seen = new Map<string, string>();
  for (const r of list) {
    const c = r.category?.trim();
    if (c && !seen.has(c.toLowerCase())) seen.set(c.toLowerCase(), c);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** The rows the list shows: search over title, shortcut, text and category; then the category filter; by title. */
export function filterCannedList(list: readonly CannedResponseDto[], search: string, category: string): CannedResponseDto[] {
  const q = search.trim().toLowerCase().replace(/^\//, '');
  return list
    .filter((r) => {
      if (category === NO_CATEGORY ? r.category?.trim() : category !== ALL && r.category?.trim().toLowerCase() !== category.toLowerCase()) return false;
      if (!q) return true;
      return [r.title, r.shortcut, r.body, r.category ?? ''].some((f) => f.toLowerCase().includes(q));
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Who may change a response: its owner for a personal one; admins and managers for shared ones. */
export function canEditCanned(r: CannedResponseDto, me: { id: string }, canShare: boolean): boolean {
  return r.shared ? canShare : r.ownerAgentId === me.id;
}
