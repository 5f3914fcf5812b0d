import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import type { TestServer } from './server';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** fetch against the test server with JSON in and out. */
export async function api(server: { url: string }, method: string, path: string, opts: { body?: unknown; cookie?: string; csrf?: string; bearer?: string; origin?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.csrf) headers['x-csrf-token'] = opts.csrf;
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  if (opts.origin) headers.origin = opts.origin;
  const res = await fetch(server.url + path, { method, headers, body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body) });
  const text = await res.text();
  let json: any = undefined; // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json, headers: res.headers };
}

export interface Session {
  cookie: string;
  csrf: string;
  agentId: string;
}

export async function login(server: TestServer, agent: { email: string; password: string }): Promise<Session> {
  const r = await api(server, 'POST', '/api/auth/login', { body: { email: agent.email, password: agent.password } });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, csrf: r.body.csrfToken, agentId: r.body.agent.id };
}

/** Collects every event of the given names a socket receives, for assertions. */
export function record(socket: ClientSocket, names: (keyof ServerToClientEvents)[]) {
  const events: { name: string; e: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const name of names) socket.on(name, ((e: unknown) => events.push({ name, e })) as never);
  return events;
}

function connected(socket: ClientSocket): Promise<ClientSocket> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

export function agentSocket(server: { url: string; origin?: string }, session: Session, opts: { autoConnect?: boolean } = {}) {
  const s: ClientSocket = connect(server.url, { transports: ['websocket'], extraHeaders: { cookie: session.cookie, origin: server.origin ?? server.url }, reconnection: true, reconnectionDelay: 50, autoConnect: opts.autoConnect ?? true, forceNew: true });
  return s;
}

export async function connectAgent(server: TestServer, session: Session) {
  return connected(agentSocket(server, session));
}

export interface TestVisitor {
  visitorId: string;
  token: string;
  siteKey: string;
}

export async function createVisitor(server: { url: string }, siteKey: string, origin = 'http://127.0.0.1:5555'): Promise<TestVisitor> {
  const r = await api(server, 'POST', '/api/widget/visitors', { body: { siteKey }, origin });
  if (r.status !== 201) throw new Error(`visitor failed: ${r.status} ${JSON.stringify(r.body)}`);
  return { ...r.body, siteKey };
}

export function visitorSocket(server: { url: string }, v: TestVisitor, origin = 'http://127.0.0.1:5555') {
  const s: ClientSocket = connect(server.url, { transports: ['websocket'], auth: { siteKey: v.siteKey, visitorId: v.visitorId, token: v.token }, extraHeaders: { origin }, reconnectionDelay: 50, forceNew: true });
  return s;
}

export async function connectVisitor(server: { url: string }, v: TestVisitor, origin?: string) {
  return connected(visitorSocket(server, v, origin));
}

/** emit with ack as a promise. */
export function call<T>(socket: ClientSocket, event: keyof ClientToServerEvents, payload: unknown): Promise<Ack<T>> {
  return new Promise((resolve) => (socket.emit as (...a: unknown[]) => void)(event, payload, resolve));
}

/** Waits until `fn` (sync or async) returns something truthy, polling; fails with `what` after `ms`. */
export async function eventually<T>(fn: () => T | undefined | false | Promise<T | undefined | false>, what: string, ms = 3000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
