import type { z } from 'zod';
import { AppError } from './errors';
import { LIMITS } from '@parley/protocol';

/** Deeper input is refused before zod sees it: nothing we accept nests this far. */
const MAX_DEPTH = 32;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function badText(s: string): string | undefined {
  if (s.includes('\u0000')) return 'Text cannot contain NUL characters';
  if (LONE_SURROGATE.test(s)) return 'Text is not valid Unicode (an unpaired surrogate)';
  return undefined;
}

/**
 * What no schema can express for every field at once: PostgreSQL cannot store NUL in text
 * or jsonb, nor an unpaired UTF-16 surrogate in jsonb (either insert fails with a 500), and
 * deeply nested JSON overflows the database's parser (PGlite crashes outright). Iterative, so
 * hostile depth cannot overflow this check either. Returns the path of the first offending value.
 */
function unstorable(input: unknown): { path: string; message: string } | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: input, path: '', depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const bad = badText(v);
      if (bad) return { path, message: bad };
    } else if (v && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return { path, message: `Nested more than ${MAX_DEPTH} levels deep` };
      for (const [k, child] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const bad = badText(k);
        if (bad) return { path: p, message: bad };
        stack.push({ v: child, path: p, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Parses input with a zod schema; bad input becomes a 400 with a readable message. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const bad = unstorable(input);
  if (bad) throw new AppError('validation_failed', bad.path ? `${bad.path}: ${bad.message}` : bad.message, { issues: [bad] });
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const tooLong = r.error.issues.some(
    (i) => i.code === 'too_big' && (i.path.at(-1) === 'body' || i.path.at(-1) === 'content') && Number(i.maximum) === LIMITS.messageMaxChars,
  );
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
  throw new AppError(tooLong ? 'message_too_long' : 'validation_failed', message, { issues });
}
