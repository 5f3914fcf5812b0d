import type { z } from 'zod';
import { AppError } from './errors';
import { LIMITS } from '@parley/protocol';

/** Parses input with a zod schema; bad input becomes a 400 with a readable message. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
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
