import { isIP } from 'node:net';
import maxmind, { type CityResponse, type Reader } from 'maxmind';
import type { GeoDto } from '@parley/protocol';

/** Country and city of an IP address, or null when unknown (no database, private address…). */
export type GeoLookup = (ip: string | null | undefined) => GeoDto | null;

export const noGeo: GeoLookup = () => null;

/** `::ffff:81.2.69.1` (IPv4 on a dual-stack socket) → `81.2.69.1`; anything unparsable → null. */
export function normalizeIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const v = ip.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return isIP(v) ? v : null;
}

/** Reads English names out of a GeoIP2/GeoLite2 City (or Country) record. */
export function geoFromRecord(r: CityResponse | null): GeoDto | null {
  if (!r) return null;
  const country = r.country ?? r.registered_country;
  const geo: GeoDto = { country: country?.names?.en ?? null, countryCode: country?.iso_code ?? null, city: r.city?.names?.en ?? null };
  return geo.country || geo.countryCode || geo.city ? geo : null;
}

/** A lookup over an opened database; a lookup that throws (bad address) answers null. */
export function lookupWith(reader: Pick<Reader<CityResponse>, 'get'>): GeoLookup {
  return (ip) => {
    const v = normalizeIp(ip);
    if (!v) return null;
    try {
      return geoFromRecord(reader.get(v));
    } catch {
      return null;
    }
  };
}

/**
 * Opens the MaxMind-format database at `path` once (at startup). No path: no geo. A missing
 * or corrupt file is not fatal: it is logged as a warning and every lookup answers null.
 */
export async function openGeoIp(path: string | undefined, log: { warn: (obj: object, msg: string) => void }): Promise<GeoLookup> {
  if (!path) return noGeo;
  try {
    return lookupWith(await maxmind.open<CityResponse>(path));
  } catch (err) {
    log.warn({ err: (err as Error).message, path }, 'GEOIP_DB_PATH could not be opened; visitor country/city stay empty');
    return noGeo;
  }
}
