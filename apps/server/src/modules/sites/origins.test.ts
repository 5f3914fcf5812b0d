import { describe, expect, it } from 'vitest';
import { originAllowed, requestOrigin } from './origins';

describe('allowed origins', () => {
  it.each([
    ['https://shop.example.com', ['shop.example.com'], true],
    ['https://shop.example.com:8443', ['shop.example.com'], true],
    ['https://evil.com', ['shop.example.com'], false],
    ['https://shop.example.com.evil.com', ['shop.example.com'], false],
    ['https://a.b.example.org', ['*.example.org'], true],
    ['https://example.org', ['*.example.org'], true],
    ['https://notexample.org', ['*.example.org'], false],
    ['file:///etc/passwd', ['localhost'], false],
    ['null', ['localhost'], false],
    [undefined, ['localhost'], false],
    ['http://localhost:3000', [], false],
  ])('%s with %j → %s', (origin, domains, expected) => {
    expect(originAllowed(origin as string | undefined, domains)).toBe(expected);
  });

  it('falls back from Origin to the Referer origin', () => {
    expect(requestOrigin({ origin: 'https://a.com' })).toBe('https://a.com');
    expect(requestOrigin({ referer: 'https://b.com/path?q=1' })).toBe('https://b.com');
    expect(requestOrigin({ origin: 'null', referer: 'https://c.com/' })).toBe('https://c.com');
    expect(requestOrigin({})).toBeUndefined();
  });
});
