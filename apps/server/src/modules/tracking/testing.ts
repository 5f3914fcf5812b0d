import { createHmac } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import { api, type ClientSocket, type TestVisitor } from '../../test/clients';

/** Test helpers of the tracking module (used by its unit and integration tests only). */

/** The committed GeoIP test database (regenerate with `node apps/server/scripts/make-geoip-fixture.mjs`). */
export const GEOIP_FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-fixtures/geoip-test.mmdb');

/** Real browsers' User-Agent headers. */
export const UA = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
};

/** A browser as the server sees it: address (through a trusted proxy's X-Forwarded-For) and User-Agent. */
export interface TestBrowser {
  ip: string;
  ua: string;
  origin?: string;
}

const DEFAULT_ORIGIN = 'http://127.0.0.1:5555';

/** `POST /api/widget/visitors` from `browser`; `persistent: false` is a tracked page load that stores nothing. */
export async function widgetVisitor(server: { url: string }, siteKey: string, browser: TestBrowser, persistent = true): Promise<TestVisitor> {
  const r = await api(server, 'POST', '/api/widget/visitors', {
    body: { siteKey, persistent },
    origin: browser.origin ?? DEFAULT_ORIGIN,
    headers: { 'user-agent': browser.ua, 'x-forwarded-for': browser.ip },
  });
  if (r.status !== 201) throw new Error(`visitor failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...r.body, siteKey };
}

/** A widget socket of `v` from `browser` (connected, or the connect error). */
export function widgetSocket(server: { url: string }, v: TestVisitor, browser: TestBrowser): Promise<ClientSocket> {
  const s: ClientSocket = connect(server.url, {
    transports: ['websocket'],
    auth: { siteKey: v.siteKey, visitorId: v.visitorId, token: v.token },
    extraHeaders: { origin: browser.origin ?? DEFAULT_ORIGIN, 'user-agent': browser.ua, 'x-forwarded-for': browser.ip },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => {
      s.close();
      reject(err);
    });
  });
}

/** The hex HMAC-SHA256 of `userId` with the site's secret, as the host's backend computes it. */
export const identityHash = (siteSecret: string, userId: string) => createHmac('sha256', siteSecret).update(userId).digest('hex');
