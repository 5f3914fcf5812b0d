import { describe, expect, it } from 'vitest';
import { isDatabaseDown } from './handler';

describe('isDatabaseDown', () => {
  it('recognises a pool timeout wrapped by drizzle (overload answers unavailable, not internal)', () => {
    const driver = new Error('timeout exceeded when trying to connect');
    const wrapped = Object.assign(new Error('Failed query: select 1\nparams: '), { cause: driver });
    expect(isDatabaseDown(driver)).toBe(true);
    expect(isDatabaseDown(wrapped)).toBe(true);
    expect(isDatabaseDown(Object.assign(new Error('Failed query'), { cause: { code: '57P01' } }))).toBe(true);
  });
  it('leaves other failures alone', () => {
    expect(isDatabaseDown(new Error('duplicate key value'))).toBe(false);
    expect(isDatabaseDown(Object.assign(new Error('Failed query'), { cause: new Error('syntax error') }))).toBe(false);
  });
});
