import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { openDatabase } from '../../db/client';
import { appSettings, pushSubscriptions } from '../../db/schema';
import { newId } from '../../ids';
import { api, call, connectVisitor, createVisitor, eventually, login, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { createTestDatabase, startTestServer, testDbKind, type TestServer } from '../../test/server';
import { vapidKeys } from './vapid';

// http_ece comes with web-push (which encrypts with it) and has no types.
const ece = createRequire(import.meta.url)('http_ece') as { decrypt(body: Buffer, params: { version: 'aes128gcm'; privateKey: ECDH; authSecret: string }): Buffer };

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}


/** A stand-in push service on 127.0.0.1 that records what it gets and answers `status`. */
async function startPushService() {
  const received: Received[] = [];
  const state = { status: 201 };
  const http: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { received, state, origin, close: () => new Promise<void>((resolve) => http.close(() => resolve())) };
}

/** What a browser does in PushManager.subscribe(): a P-256 key pair and a 16-byte auth secret. */
function browserKeys() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16).toString('base64url');
  return { ecdh, auth, keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth } };
}

/** Checks a VAPID JWT's ES256 signature against the raw (uncompressed point) public key; returns its claims. */
function verifyVapidJwt(jwt: string, publicKey: string) {
  const raw = Buffer.from(publicKey, 'base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') }, format: 'jwk' });
  const [header, claims, signature] = jwt.split('.') as [string, string, string];
  const ok = verify('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  expect(ok).toBe(true);
  expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
  return JSON.parse(Buffer.from(claims, 'base64url').toString()) as { aud: string; sub: string; exp: number };
}

describe('Web Push', () => {
  let server: TestServer;
  let push: Awaited<ReturnType<typeof startPushService>>;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session; // agent of site
  let bob: Session; // agent of another site
  const sockets: ClientSocket[] = [];

  beforeAll(async () => {
    push = await startPushService();
    server = await startTestServer({ env: { PUSH_ALLOWED_HOSTS: '127.0.0.1, *.push.example.com', VAPID_SUBJECT: 'mailto:ops@example.com' } });
    site = await buildSite(server.ctx, { name: 'Shop', domains: ['127.0.0.1'] });
    const other = await buildSite(server.ctx, { domains: ['127.0.0.1'] });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    bob = await login(server, await buildAgent(server.ctx, { siteIds: [other.id], pseudoName: 'Bob' }));
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
    await push.close();
  });

  const subscribe = (who: Session, body: unknown) => api(server, 'POST', '/api/push/subscriptions', { cookie: who.cookie, csrf: who.csrf, body });
  const unsubscribe = (who: Session, endpoint: string) => api(server, 'DELETE', '/api/push/subscriptions', { cookie: who.cookie, csrf: who.csrf, body: { endpoint } });
  const subscription = async (endpoint: string) => (await server.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, endpoint)))[0];

  async function visitorWrites(text: string) {
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    const sent = await call<{ message: MessageDto; conversation: ConversationDto }>(s, 'message', { clientId: `c-${newId().slice(-12)}`, body: text });
    if (!sent.ok) throw new Error(sent.error.message);
    return sent.data.conversation;
  }

  it('serves one VAPID public key, created once and stored', async () => {
    const a = await api(server, 'GET', '/api/push/public-key', { cookie: alice.cookie });
    expect(a.status).toBe(200);
    expect(Buffer.from(a.body.publicKey, 'base64url')).toHaveLength(65);
    const b = await api(server, 'GET', '/api/push/public-key', { cookie: bob.cookie });
    expect(b.body.publicKey).toBe(a.body.publicKey);
    const [row] = await server.ctx.db.select().from(appSettings).where(eq(appSettings.key, 'vapid'));
    expect((row!.value as { publicKey: string }).publicKey).toBe(a.body.publicKey);
    expect((await api(server, 'GET', '/api/push/public-key')).status).toBe(401);
  });

  it('encrypts each notification for the subscribed browser, signs it with VAPID, and drops a subscription the service says is gone', async () => {
    const { publicKey } = (await api(server, 'GET', '/api/push/public-key', { cookie: alice.cookie })).body as { publicKey: string };
    const browser = browserKeys();
    const endpoint = `${push.origin}/send/alice-1`;
    expect((await subscribe(alice, { endpoint, keys: browser.keys })).status).toBe(201);
    expect((await subscribe(alice, { endpoint, keys: browser.keys })).body).toEqual({ ok: true }); // upsert, not a second row
    expect(await server.ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.agentId, alice.agentId))).toHaveLength(1);

    const conversation = await visitorWrites('Do you ship to Norway?');
    const got = await eventually(() => push.received.find((r) => r.path === '/send/alice-1'), 'push request', 5000);
    expect(got.headers['content-encoding']).toBe('aes128gcm');
    expect(got.headers.ttl).toBe('3600');
    expect(got.headers.urgency).toBe('high'); // a waiting visitor
    const payload = JSON.parse(ece.decrypt(got.body, { version: 'aes128gcm', privateKey: browser.ecdh, authSecret: browser.auth }).toString('utf8'));
    expect(payload).toEqual({ title: 'New visitor waiting', body: 'A visitor on Shop: Do you ship to Norway?', url: `/conversations/${conversation.id}`, tag: conversation.id, type: 'waiting' });

    const m = /^vapid t=([^,]+), k=(.+)$/.exec(String(got.headers.authorization));
    expect(m, String(got.headers.authorization)).not.toBeNull();
    expect(m![2]).toBe(publicKey);
    const claims = verifyVapidJwt(m![1]!, publicKey);
    expect(claims.aud).toBe(push.origin);
    expect(claims.sub).toBe('mailto:ops@example.com');
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    await eventually(async () => (await subscription(endpoint))?.lastSuccessAt, 'success recorded');

    // The push service says the browser unsubscribed: the subscription goes.
    push.state.status = 410;
    const before = push.received.length;
    await visitorWrites('Hello again');
    await eventually(() => push.received.length > before, 'second push', 5000);
    await eventually(async () => !(await subscription(endpoint)), 'subscription deleted');
    push.state.status = 201;
  });

  it('refuses endpoints outside the push services (SSRF) and plain http', async () => {
    const keys = browserKeys().keys;
    for (const endpoint of ['https://169.254.169.254/latest/meta-data', 'https://evil.example.com/push', 'https://fcm.googleapis.com.evil.com/x', 'http://10.0.0.1:8080/x', 'http://fcm.googleapis.com/fcm/send/x', 'http://eu.push.example.com/x']) {
      const r = await subscribe(bob, { endpoint, keys });
      expect(r.status, endpoint).toBe(400);
      expect(r.body.error.message, endpoint).toMatch(/not allowed|must use https/);
      expect(await subscription(endpoint)).toBeUndefined();
    }
    expect((await subscribe(bob, { endpoint: 'https://evil.example.com/push', keys })).body.error.message).toBe('Push endpoints on evil.example.com are not allowed (see PUSH_ALLOWED_HOSTS)');
    // Known push services and configured `*.suffix` hosts are fine (bob gets no notifications here, so nothing is sent).
    for (const endpoint of ['https://fcm.googleapis.com/fcm/send/abc', 'https://wns2-par02p.notify.windows.com/w/?token=x', 'https://eu.push.example.com/x']) {
      expect((await subscribe(bob, { endpoint, keys })).status, endpoint).toBe(201);
      expect((await unsubscribe(bob, endpoint)).status).toBe(204);
    }
  });

  it('rejects malformed subscriptions and strangers', async () => {
    const keys = browserKeys().keys;
    const endpoint = `${push.origin}/send/bad`;
    for (const body of [{}, { endpoint }, { endpoint: 'not a url', keys }, { endpoint: 'ftp://127.0.0.1/x', keys }, { endpoint, keys: { ...keys, p256dh: Buffer.alloc(40).toString('base64url') } }, { endpoint, keys: { ...keys, auth: 'short' } }]) {
      const r = await subscribe(alice, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect((await api(server, 'POST', '/api/push/subscriptions', { body: { endpoint, keys } })).status).toBe(401);
    expect((await api(server, 'POST', '/api/push/subscriptions', { cookie: alice.cookie, body: { endpoint, keys } })).status).toBe(403); // no CSRF token
    expect((await api(server, 'DELETE', '/api/push/subscriptions', { cookie: alice.cookie, csrf: alice.csrf, body: {} })).status).toBe(400);
  });

  it("unsubscribes only the caller's own browser; a browser re-subscribed by another agent moves to them", async () => {
    const keys = browserKeys().keys;
    const endpoint = `${push.origin}/send/shared`;
    await subscribe(alice, { endpoint, keys });
    expect((await unsubscribe(bob, endpoint)).status).toBe(204);
    expect((await subscription(endpoint))?.agentId).toBe(alice.agentId);
    await subscribe(bob, { endpoint, keys });
    expect((await subscription(endpoint))?.agentId).toBe(bob.agentId);
    expect((await unsubscribe(bob, endpoint)).status).toBe(204);
    expect(await subscription(endpoint)).toBeUndefined();
  });

  it.runIf(testDbKind() === 'postgres')('two nodes starting at once agree on one VAPID key pair', async () => {
    const fresh = await createTestDatabase();
    const [a, b] = await Promise.all([openDatabase({ url: fresh.url, poolSize: 2 }), openDatabase({ url: fresh.url, poolSize: 2 })]);
    try {
      const [ka, kb] = await Promise.all([vapidKeys(a.db), vapidKeys(b.db)]);
      expect(ka).toEqual(kb);
    } finally {
      await a.close();
      await b.close();
      await fresh.drop();
    }
  });
});
