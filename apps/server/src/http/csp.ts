/** A source, or one computed per request (helmet calls it with the request; ours need nothing from it). */
type Source = string | (() => string);
export type CspDirectives = Record<string, Source[]>;

/**
 * Content-Security-Policy of the pages Parley serves, checked in Chromium (e2e/csp.test.ts):
 * - `app`: the dashboard, and the default for every other answer. Scripts and styles only
 *   from Parley's own files (the build has no inline ones; React and Preact set styles through
 *   the CSSOM, which style-src does not govern), no plugins, no <base>, forms post to Parley
 *   only, and only Parley may frame it. Images may come from any https host because avatars
 *   and site logos are URLs people paste (http too when Parley itself runs on http);
 *   `blob:` is the composer's preview of a file about to be sent.
 * - `embed`: pages that host the widget (the dashboard's live preview and /demo). The same,
 *   but inline styles are allowed (the preview's <body style>, the demo's <style>) and the
 *   widget may load from and connect to PUBLIC_URL when the page was reached another way.
 *
 * `publicUrl` is read on every request (tests learn their port after the app is built).
 */
export function cspDirectives(publicUrl: () => string, kind: 'app' | 'embed'): CspDirectives {
  const url = () => new URL(publicUrl());
  const https = () => url().protocol === 'https:';
  const origin: Source = () => url().origin;
  const socket: Source = () => `${https() ? 'wss' : 'ws'}://${url().host}`;
  // Only the plain-http deployment needs http: images; a source of 'self' keeps the list valid.
  const httpImages: Source = () => (https() ? "'self'" : 'http:');
  const directives: CspDirectives = {
    'default-src': ["'self'"],
    'script-src': kind === 'app' ? ["'self'"] : ["'self'", origin],
    'script-src-attr': ["'none'"],
    'style-src': kind === 'app' ? ["'self'"] : ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:', httpImages],
    'font-src': ["'self'", 'data:'],
    // 'self' covers same-origin WebSockets in current browsers; PUBLIC_URL's for the others.
    'connect-src': kind === 'app' ? ["'self'", socket] : ["'self'", origin, socket],
    'worker-src': ["'self'"],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
  };
  return directives;
}

/** The header value of a policy, for answers that set it themselves (static files). */
export function cspHeader(d: CspDirectives): string {
  return Object.entries(d)
    .map(([k, sources]) => `${k} ${sources.map((s) => (typeof s === 'function' ? s() : s)).join(' ')}`)
    .join('; ');
}
