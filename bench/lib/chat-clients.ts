/**
 * The two kinds of chat client a load generator drives through one interface: real
 * Socket.IO clients of Parley (what the widget and the dashboard do: `message` with an ack),
 * and plain `ws` clients of the bare relay (ws-server.ts).
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import WebSocket from 'ws';
import type { Ack as ParleyAck, ClientToServerEvents, MessageEvent, ServerToClientEvents } from '@parley/protocol';
import { VISITOR_ORIGIN, type Chat } from './fixtures';

export type Side = 'visitor' | 'agent';

export interface SendArgs {
  chat: Chat;
  siteId: string;
  from: Side;
  clientId: string;
  body: string;
}

export interface SendResult {
  ok: boolean;
  /** The error code of a refused send (`timeout` when no ack came within 30 s). */
  code?: string;
}

export interface Endpoint {
  send(a: SendArgs): Promise<SendResult>;
  close(): void;
}

/** Called with the `clientId` of every `message` event the socket receives. */
export type OnMessage = (clientId: string | null) => void;

export interface Transport {
  visitor(chat: Chat, site: { id: string; key: string }, onMessage: OnMessage): Promise<Endpoint>;
  agent(agent: { id: string; cookie: string }, siteId: string, onMessage: OnMessage): Promise<Endpoint>;
}

const ACK_TIMEOUT_MS = 30_000;

type ParleySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

function parleyEndpoint(socket: ParleySocket, onMessage: OnMessage): Promise<Endpoint> {
  socket.on('message', (e: MessageEvent) => onMessage(e.data.clientId));
  return new Promise((resolve, reject) => {
    socket.once('connect', () =>
      resolve({
        send: (a) =>
          new Promise((done) => {
            const payload = { conversationId: a.chat.conversationId, clientId: a.clientId, body: a.body };
            socket.timeout(ACK_TIMEOUT_MS).emit('message', payload, (err: Error | null, ack?: ParleyAck<unknown>) => {
              if (err || !ack) done({ ok: false, code: 'timeout' });
              else done(ack.ok ? { ok: true } : { ok: false, code: ack.error.code });
            });
          }),
        close: () => void socket.disconnect(),
      }),
    );
    socket.once('connect_error', (err) => {
      socket.disconnect();
      const code = (err as Error & { data?: { code?: string } }).data?.code;
      reject(new Error(`socket refused: ${code ?? ''} ${err.message}`));
    });
  });
}

/** Parley: visitors on `visitorUrl`, agents on `agentUrl` (two nodes in the multi-node benchmark). */
export function parleyTransport(visitorUrl: string, agentUrl: string): Transport {
  const common: Partial<ManagerOptions & SocketOptions> = { transports: ['websocket'], reconnection: false, forceNew: true };
  return {
    visitor: (chat, site, onMessage) =>
      parleyEndpoint(io(visitorUrl, { ...common, auth: { siteKey: site.key, visitorId: chat.visitorId, token: chat.token }, extraHeaders: { origin: VISITOR_ORIGIN } }), onMessage),
    agent: (agent, _siteId, onMessage) => parleyEndpoint(io(agentUrl, { ...common, extraHeaders: { cookie: agent.cookie } }), onMessage),
  };
}

interface RelayFrame {
  t: 'a' | 'e';
  n?: number;
  ok?: boolean;
  e?: { data: { clientId: string | null } };
}

function relayEndpoint(url: string, onMessage: OnMessage): Promise<Endpoint> {
  const ws = new WebSocket(url);
  const acks = new Map<number, (r: SendResult) => void>();
  let next = 1;
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString()) as RelayFrame;
    if (f.t === 'e') onMessage(f.e!.data.clientId);
    else {
      const done = acks.get(f.n!);
      acks.delete(f.n!);
      done?.({ ok: f.ok === true });
    }
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        send: (a) =>
          new Promise((done) => {
            const n = next++;
            const timer = setTimeout(() => acks.delete(n) && done({ ok: false, code: 'timeout' }), ACK_TIMEOUT_MS);
            acks.set(n, (r) => (clearTimeout(timer), done(r)));
            ws.send(JSON.stringify({ t: 'm', n, s: a.siteId, v: a.chat.visitorId, c: a.chat.conversationId, k: a.clientId, b: a.body, f: a.from }));
          }),
        close: () => ws.close(),
      }),
    );
    ws.once('error', reject);
  });
}

/** The bare relay: the same rooms, fed from the same fixture (no credentials checked). */
export function relayTransport(url: string): Transport {
  return {
    visitor: (chat, site, onMessage) => relayEndpoint(`${url}/?role=visitor&id=${chat.visitorId}&site=${site.id}`, onMessage),
    agent: (agent, siteId, onMessage) => relayEndpoint(`${url}/?role=agent&id=${agent.id}&site=${siteId}`, onMessage),
  };
}
