/**
 * Composer pickers (`/` canned responses, `@` mentions) start from a trigger character at the
 * start of a word. These helpers find the word under the caret and replace it (pure, tested).
 */
export type TriggerChar = '/' | '@';

export interface Trigger {
  char: TriggerChar;
  /** Index of the trigger character. */
  start: number;
  /** End of the word being replaced (exclusive). */
  end: number;
  /** What follows the trigger up to the caret. */
  query: string;
}

const QUERY_RE: Record<TriggerChar, RegExp> = {
  '/': /^[a-z0-9_-]*$/i,
  '@': /^[^\s@]*$/,
};

/**
 * The trigger the caret is in, if any: `/ship` in "hi /ship|" → `{ char: '/', query: 'ship' }`.
 * The trigger must start a word (start of text or after whitespace), so URLs and "a/b" don't open a picker.
 *
 * @example findTrigger('see /ret', 8, ['/']) // → { char: '/', start: 4, end: 8, query: 'ret' }
 */
export function findTrigger(text: string, caret: number, chars: readonly TriggerChar[]): Trigger | null {
  if (caret < 0 || caret > text.length) return null;
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1]!)) start--;
  const char = text[start] as TriggerChar | undefined;
  if (char === undefined || start >= caret || !chars.includes(char)) return null;
  const query = text.slice(start + 1, caret);
  if (!QUERY_RE[char].test(query)) return null;
  let end = caret;
  while (end < text.length && !/\s/.test(text[end]!)) end++;
  return { char, start, end, query };
}

/**
 * Replace the trigger's word with `insertion`; returns the new text and where the caret goes.
 * `space` adds one space after the insertion unless whitespace already follows.
 */
export function replaceTrigger(text: string, trigger: Pick<Trigger, 'start' | 'end'>, insertion: string, space = false): { text: string; caret: number } {
  const after = text.slice(trigger.end);
  const pad = space && !/^\s/.test(after) ? ' ' : '';
  const next = text.slice(0, trigger.start) + insertion + pad + after;
  return { text: next, caret: trigger.start + insertion.length + pad.length };
}
