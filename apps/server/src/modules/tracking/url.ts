/** The five UTM parameters of a landing page URL (null when absent or empty). */
export interface Utm {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
}

const UTM_MAX = 200;

/** UTM parameters of `url` (`utm_source`, …); a URL that does not parse has none. */
export function parseUtm(url: string): Utm {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    params = new URLSearchParams();
  }
  const get = (k: string) => params.get(`utm_${k}`)?.trim().slice(0, UTM_MAX) || null;
  return { source: get('source'), medium: get('medium'), campaign: get('campaign'), term: get('term'), content: get('content') };
}

/** A referrer worth keeping: an http(s) URL (empty strings and other schemes are dropped). */
export function cleanReferrer(referrer: string | null | undefined): string | null {
  if (!referrer) return null;
  try {
    const u = new URL(referrer);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString().slice(0, 2000) : null;
  } catch {
    return null;
  }
}
