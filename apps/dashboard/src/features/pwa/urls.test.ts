import { describe, expect, it } from 'vitest';
import { base64UrlToBytes, localPath } from './urls';

describe('base64UrlToBytes', () => {
  it('decodes url-safe base64 without padding', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xbf, 0x00, 0x01]);
    const urlSafe = Buffer.from(bytes).toString('base64url');
    expect(urlSafe).not.toContain('=');
    expect(Array.from(base64UrlToBytes(urlSafe))).toEqual(Array.from(bytes));
  });
  it('gives the 65 bytes of an uncompressed P-256 key', () => {
    const key = Buffer.alloc(65, 7);
    key[0] = 4;
    const out = base64UrlToBytes(key.toString('base64url'));
    expect(out.length).toBe(65);
    expect(out[0]).toBe(4);
  });
});

describe('localPath', () => {
  it('keeps same-origin paths and refuses other origins', () => {
    expect(localPath('/inbox/waiting/abc', 'https://chat.example.com')).toBe('/inbox/waiting/abc');
    expect(localPath('https://chat.example.com/inbox/active/x?seq=2', 'https://chat.example.com')).toBe('/inbox/active/x?seq=2');
    expect(localPath('https://evil.example/inbox', 'https://chat.example.com')).toBeNull();
    expect(localPath(42, 'https://chat.example.com')).toBeNull();
  });
});
