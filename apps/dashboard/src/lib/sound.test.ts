import { describe, expect, it } from 'vitest';
import { shouldPlay } from './sound';

const never = { ring: -Infinity, soft: -Infinity };

describe('shouldPlay', () => {
  it('plays each kind the first time', () => {
    expect(shouldPlay('ring', 1000, never)).toBe(true);
    expect(shouldPlay('soft', 1000, never)).toBe(true);
  });
  it('plays a burst of the same kind once', () => {
    expect(shouldPlay('soft', 1500, { ...never, soft: 1000 })).toBe(false);
    expect(shouldPlay('soft', 1900, { ...never, soft: 1000 })).toBe(true);
    expect(shouldPlay('ring', 2000, { ...never, ring: 1000 })).toBe(false);
  });
  it('drops a soft tone right after a ring, but rings right after a soft tone', () => {
    expect(shouldPlay('soft', 1200, { ...never, ring: 1000 })).toBe(false);
    expect(shouldPlay('ring', 1200, { ...never, soft: 1000 })).toBe(true);
  });
});
