import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeIp, openGeoIp } from './geoip';
import { GEOIP_FIXTURE } from './testing';

function quietLog() {
  const warnings: string[] = [];
  return { warnings, log: { warn: (_obj: object, msg: string) => void warnings.push(msg) } };
}

describe('GeoIP lookup', () => {
  it('answers English country, ISO code and city from a MaxMind-format database', async () => {
    const { log, warnings } = quietLog();
    const geo = await openGeoIp(GEOIP_FIXTURE, log);
    expect(geo('81.2.69.160')).toEqual({ country: 'United Kingdom', countryCode: 'GB', city: 'London' });
    expect(geo('89.160.20.128')).toEqual({ country: 'Sweden', countryCode: 'SE', city: 'Linköping' });
    expect(geo('2001:db8::1')).toEqual({ country: 'Germany', countryCode: 'DE', city: 'Berlin' });
    // IPv4 seen on a dual-stack socket.
    expect(geo('::ffff:81.2.69.1')?.city).toBe('London');
    expect(geo('8.8.8.8')).toBeNull();
    expect(geo('not-an-ip')).toBeNull();
    expect(geo(null)).toBeNull();
    expect(warnings).toEqual([]);
  });

  it('a missing or corrupt file logs a warning and geo stays null', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parley-geo-'));
    const corrupt = path.join(dir, 'corrupt.mmdb');
    writeFileSync(corrupt, Buffer.from('this is not a MaxMind database at all'));
    for (const file of [path.join(dir, 'missing.mmdb'), corrupt]) {
      const { log, warnings } = quietLog();
      const geo = await openGeoIp(file, log);
      expect(geo('81.2.69.160')).toBeNull();
      expect(warnings).toHaveLength(1);
    }
    const none = quietLog();
    expect((await openGeoIp(undefined, none.log))('81.2.69.160')).toBeNull();
    expect(none.warnings).toEqual([]);
  });

  it('normalizes IPv4-mapped addresses and rejects junk', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp(' 2001:db8::1 ')).toBe('2001:db8::1');
    expect(normalizeIp('x')).toBeNull();
  });
});
