import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './device';
import { handshakeIp } from './ip';
import { UA } from './testing';
import { cleanReferrer, parseUtm } from './url';

describe('user agent parsing (ua-parser-js 1.x)', () => {
  it('names browser with major version, OS with version, and the device class', () => {
    expect(parseUserAgent(UA.chromeWindows)).toEqual({ browser: 'Chrome 120', os: 'Windows 10', device: 'desktop' });
    expect(parseUserAgent(UA.iphone)).toEqual({ browser: 'Mobile Safari 17', os: 'iOS 17.1', device: 'mobile' });
    expect(parseUserAgent(UA.ipad)).toEqual({ browser: 'Mobile Safari 16', os: 'iOS 16.0', device: 'tablet' });
    expect(parseUserAgent(UA.firefoxLinux)).toEqual({ browser: 'Firefox 128', os: 'Linux', device: 'desktop' });
  });

  it('leaves unknown agents empty rather than guessing', () => {
    expect(parseUserAgent('curl/8.0')).toEqual({ browser: null, os: null, device: null });
    expect(parseUserAgent(null)).toEqual({ browser: null, os: null, device: null });
  });
});

describe('landing page URL', () => {
  it('reads the five UTM parameters', () => {
    expect(parseUtm('https://shop.example/?utm_source=Newsletter&utm_medium=email&utm_campaign=spring&utm_term=boots&utm_content=hero')).toEqual({
      source: 'Newsletter',
      medium: 'email',
      campaign: 'spring',
      term: 'boots',
      content: 'hero',
    });
    expect(parseUtm('https://shop.example/boots?utm_source=')).toEqual({ source: null, medium: null, campaign: null, term: null, content: null });
    expect(parseUtm('not a url').source).toBeNull();
  });

  it('keeps http(s) referrers only', () => {
    expect(cleanReferrer('https://www.google.com/')).toBe('https://www.google.com/');
    expect(cleanReferrer('')).toBeNull();
    expect(cleanReferrer('android-app://com.google.android.gm/')).toBeNull();
    expect(cleanReferrer('javascript:alert(1)')).toBeNull();
  });
});

describe('socket client address', () => {
  const handshake = { address: '10.0.0.5', headers: { 'x-forwarded-for': '81.2.69.160, 10.0.0.1' } };
  it('reads X-Forwarded-For (first hop) only when TRUST_PROXY is on, like req.ip', () => {
    expect(handshakeIp(handshake, true)).toBe('81.2.69.160');
    expect(handshakeIp(handshake, false)).toBe('10.0.0.5');
    expect(handshakeIp({ address: '10.0.0.5', headers: {} }, true)).toBe('10.0.0.5');
  });
});
