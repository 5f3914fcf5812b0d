/**
 * Idle widget connections, held by one client process (child of the connections benchmark;
 * several run side by side). Parley: real Socket.IO clients with the visitor's credentials,
 * as the widget connects; the bare server: plain `ws` sockets. Both answer heartbeats and do
 * nothing else. Each socket binds one of `localAddresses` (127.0.0.x) as its source address,
 * so one machine can open more connections than one address has ephemeral ports.
 *
 * Calls: `connect { target, url, siteKey, siteId, visitors, localAddresses, parallel }`,
 * `status` (sockets open, dropped and why), `close` (all of them, waiting until they are closed).
 */
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import WebSocket from 'ws';
import { ready, serve } from './child';
import { VISITOR_ORIGIN } from './fixtures';
import { mapLimit } from './stats';

interface ConnectParams {
  target: 'parley' | 'ws';
  url: string;
  siteKey: string;
  siteId: string;
  visitors: { visitorId: string; token: string }[];
  localAddresses: string[];
  parallel: number;
}

const closers: (() => void)[] = [];
let open = 0;
const dropped: Record<string, number> = {};
const failed: Record<string, number> = {};
const count = (into: Record<string, number>, why: string) => (into[why] = (into[why] ?? 0) + 1);

function parley(p: ConnectParams, v: { visitorId: string; token: string }, localAddress: string): Promise<void> {
  // `localAddress` reaches the `ws` transport (engine.io-client passes it on) but is not in the types.
  const opts = { transports: ['websocket'], reconnection: false, forceNew: true, auth: { siteKey: p.siteKey, visitorId: v.visitorId, token: v.token }, extraHeaders: { origin: VISITOR_ORIGIN }, localAddress };
  const socket = io(p.url, opts as Partial<ManagerOptions & SocketOptions>);
  return new Promise((resolve) => {
    socket.once('connect', () => {
      open++;
      let closing = false;
      closers.push(() => ((closing = true), socket.disconnect()));
      socket.on('disconnect', (reason) => {
        open--;
        if (!closing) count(dropped, reason);
      });
      resolve();
    });
    socket.once('connect_error', (err) => {
      socket.disconnect();
      count(failed, err.message);
      resolve();
    });
  });
}

function bare(p: ConnectParams, v: { visitorId: string }, localAddress: string): Promise<void> {
  const ws = new WebSocket(`${p.url}/?role=visitor&id=${v.visitorId}&site=${p.siteId}`, { localAddress, headers: { origin: VISITOR_ORIGIN } });
  return new Promise((resolve) => {
    ws.once('open', () => {
      open++;
      let closing = false;
      closers.push(() => ((closing = true), ws.close()));
      ws.on('close', (code) => {
        open--;
        if (!closing) count(dropped, `close ${code}`);
      });
      resolve();
    });
    ws.once('error', (err) => {
      count(failed, err.message);
      resolve();
    });
  });
}

serve(
  {
    connect: async (p: ConnectParams) => {
      const t0 = performance.now();
      await mapLimit(p.visitors, p.parallel, (v, i) => (p.target === 'parley' ? parley : bare)(p, v, p.localAddresses[i % p.localAddresses.length]!));
      return { open, failed, seconds: (performance.now() - t0) / 1000 };
    },
    status: () => ({ open, dropped }),
    close: async () => {
      for (const c of closers.splice(0)) c();
      while (open > 0) await new Promise((r) => setTimeout(r, 50));
    },
  },
  () => {
    for (const c of closers.splice(0)) c();
  },
);
ready();
