import UAParser from 'ua-parser-js';
import type { DeviceDto } from '@parley/protocol';

const DEVICE_TYPES = new Set(['mobile', 'tablet']);

/**
 * Browser, OS and device class from a User-Agent header (ua-parser-js 1.x, MIT):
 * `Chrome 120`, `Windows 10`, `desktop | mobile | tablet` (anything that is neither a phone
 * nor a tablet counts as desktop). Unknown parts are null.
 */
export function parseUserAgent(ua: string | null | undefined): DeviceDto {
  if (!ua) return { browser: null, os: null, device: null };
  const r = new UAParser(ua.slice(0, 500)).getResult();
  const join = (name?: string, version?: string) => (name ? (version ? `${name} ${version}` : name) : null);
  const recognised = !!(r.browser.name || r.os.name);
  return {
    browser: join(r.browser.name, r.browser.major),
    os: join(r.os.name, r.os.version),
    device: r.device.type && DEVICE_TYPES.has(r.device.type) ? r.device.type : recognised ? 'desktop' : null,
  };
}
