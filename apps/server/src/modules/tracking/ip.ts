import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client address of a socket handshake, the way Fastify computes `req.ip`: with
 * TRUST_PROXY on (trust every proxy) it is the first address of X-Forwarded-For, else the
 * TCP peer. The header is never read when TRUST_PROXY is off, so visitors cannot spoof it.
 */
export function handshakeIp(handshake: { address: string; headers: IncomingHttpHeaders }, trustProxy: boolean): string {
  if (trustProxy) {
    const header = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',')[0]?.trim();
    if (first) return first;
  }
  return handshake.address;
}
