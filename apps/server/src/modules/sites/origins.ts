/**
 * Is a page at `origin` allowed to embed a site's widget? Domains are host names;
 * `*.example.com` also matches `example.com`'s subdomains. Ports are ignored.
 */
export function originAllowed(origin: string | undefined, domains: string[]): boolean {
  if (!origin) return false;
  let host: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    host = u.hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => {
    const domain = d.toLowerCase();
    if (domain.startsWith('*.')) {
      const base = domain.slice(2);
      return host === base || host.endsWith('.' + base);
    }
    return host === domain;
  });
}

/** The requesting page's origin: the Origin header, else the Referer's origin. */
export function requestOrigin(headers: Record<string, string | string[] | undefined>): string | undefined {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== 'null') return origin;
  const referer = headers.referer;
  if (typeof referer === 'string') {
    try {
      return new URL(referer).origin;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
