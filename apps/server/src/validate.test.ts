import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { parse } from './validate';

const Body = z.object({ body: z.string(), extra: z.unknown().optional() });
const refusal = (input: unknown) => {
  try {
    parse(Body, input);
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : `not an AppError: ${String(err)}`;
  }
  return 'accepted';
};

describe('parse refuses what the database cannot store, whatever the schema allows', () => {
  it('NUL characters, in values and in keys', () => {
    expect(refusal({ body: 'a\u0000b' })).toBe('validation_failed: body: Text cannot contain NUL characters');
    expect(refusal({ body: 'ok', extra: { 'k\u0000': 1 } })).toMatch(/^validation_failed: extra\.k.*NUL/);
  });

  it('unpaired surrogates (jsonb rejects them) but not emoji', () => {
    expect(refusal({ body: 'lone \ud800' })).toBe('validation_failed: body: Text is not valid Unicode (an unpaired surrogate)');
    expect(refusal({ body: 'ok', extra: ['\udfff'] })).toMatch(/^validation_failed: extra\.0: /);
    expect(refusal({ body: '👩‍👩‍👧‍👦 \u202eevil' })).toBe('accepted');
  });

  it('nesting deeper than 32 levels, without overflowing the stack on absurd depth', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 31; i++) deep = [deep];
    expect(refusal({ body: 'ok', extra: deep })).toBe('accepted');
    let absurd: unknown = 'x';
    for (let i = 0; i < 200_000; i++) absurd = { a: absurd };
    expect(refusal({ body: 'ok', extra: absurd })).toMatch(/^validation_failed: extra(\.a)+: Nested more than 32 levels deep$/);
  });
});
