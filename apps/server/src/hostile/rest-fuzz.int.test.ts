import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type ClientSocket, type Session, type TestVisitor } from '../test/clients';
import { storedFiles, widgetUpload } from '../modules/files/testing';
import { buildAgent, buildSite } from '../test/factories';
import { FUZZ_RUNS, FUZZ_SEED, encodeLoose, hostileString, nearValid, payloadFor, queryFor } from './arbitraries';
import { buildWorld, changedTables, fingerprint, sleep, visitorWithChat, VISITOR_ORIGIN, type World } from './world';

/**
 * Property-based fuzzing of every HTTP route (DESIGN.md §5: "Every input crosses a zod
 * schema; bad input gets a 4xx with a clear {error} and changes nothing"): random and
 * near-valid bodies, queries and path params. For every case the server answers below 500,
 * a 4xx carries `{ error: { code, message } }`, and a refused request leaves every table as
 * it was. Routes come from the Fastify instance itself: a new route without an entry here
 * (or in NO_INPUT) fails the suite. FUZZ_SEED / FUZZ_RUNS change the seed and run count.
 */

/** Routes that read nothing from the request (no body, query or params) besides credentials. */
const NO_INPUT = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/setup',
  'GET /api/sites',
  'POST /api/auth/logout',
  'GET /api/auth/me',
  'GET /api/agents',
  'GET /api/tokens',
  'GET /api/tags',
  'POST /api/conversations/next',
  'GET /api/chat/queue',
  'GET /api/canned-responses',
  'GET /api/workspace/settings',
  'GET /api/views',
  'GET /api/push/public-key',
  'GET /api/departments',
  'OPTIONS /api/widget/*',
  'GET /widget.js',
  'GET /demo',
]);

type As = 'owner' | 'api' | 'public' | 'visitor';
interface Entry {
  as: As;
  /** Valid values of the path params (the fuzzer also sends hostile ones). */
  params?: Record<string, () => string>;
  query?: Record<string, string>;
  body?: unknown;
  /** Valid text fields of a multipart upload (a `file` part follows them). */
  multipart?: Record<string, string>;
  /** Static-file routes: present only when the dashboard/widget are built. */
  optional?: boolean;
  runs?: number;
}

describe('fuzzing every HTTP route', () => {
  let w: World;
  let fx: { siteId: string; agentId: string; triggerId: string; convId: string; visitorId: string; cannedId: string; deptId: string; fileId: string; fileQuery: Record<string, string>; visitor: TestVisitor };
  let sockets: ClientSocket[] = [];
  let entries: Record<string, Entry>;

  beforeAll(async () => {
    w = await buildWorld();
    const { server, owner } = w;
    const site = await buildSite(server.ctx, { name: 'Fuzz site' });
    const agent = await buildAgent(server.ctx, { siteIds: [site.id, w.siteA.id] });
    const as = { cookie: owner.cookie, csrf: owner.csrf };
    const trigger = await api(server, 'POST', `/api/sites/${site.id}/triggers`, { ...as, body: { name: 'T', conditions: [{ type: 'exit_intent' }], message: 'Hi' } });
    const chat = await visitorWithChat(server, w.siteA.widgetKey);
    sockets.push(chat.socket);
    const canned = await api(server, 'POST', '/api/canned-responses', { ...as, body: { title: 'Hello', shortcut: 'hello', body: 'Hello!', shared: true } });
    const dept = await api(server, 'POST', '/api/departments', { ...as, body: { name: 'Sales' } });
    const upload = await widgetUpload(server, chat.visitor, { name: 'notes.txt', bytes: Buffer.from('some notes') }, { conversationId: chat.conversationId });
    if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${JSON.stringify(upload.body)}`);
    const fileId = upload.body.message.attachments[0].id as string;
    const link = await api(server, 'GET', `/api/files/${fileId}/link`, { cookie: owner.cookie });
    const fileQuery = Object.fromEntries(new URL(link.body.url).searchParams);
    fx = { siteId: site.id, agentId: agent.id, triggerId: trigger.body.trigger.id, convId: chat.conversationId, visitorId: chat.visitor.visitorId, cannedId: canned.body.response.id, deptId: dept.body.department.id, fileId, fileQuery, visitor: chat.visitor };

    const id = (v: () => string) => ({ id: v });
    const missing = () => randomUUID();
    const conv = () => fx.convId;
    const inbox = { status: 'all', siteIds: w.siteA.id, agent: 'mine', tag: 'vip', priority: 'high', from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z', leadStatus: 'filled', limit: '10' };
    const trig = { name: 'Pricing', conditions: [{ type: 'url', op: 'contains', value: '/pricing' }, { type: 'time_on_page', seconds: 5 }], message: 'Need help?', frequency: { max: 1, per: 'session' } };
    entries = {
      'POST /api/setup': { as: 'public', body: { workspaceName: 'W', name: 'Owner', email: 'o@example.com', password: 'long enough', siteName: 'S', siteDomains: ['example.com'] } },
      'POST /api/auth/login': { as: 'public', body: { email: 'nobody@example.com', password: 'not the password' }, runs: 15 },
      'PUT /api/me/status': { as: 'owner', body: { status: 'online' } },
      'GET /api/search': { as: 'owner', query: { q: 'hello', limit: '5' } },
      'POST /api/sites': { as: 'owner', body: { name: 'New', domains: ['example.com'], settings: { color: '#112233', title: 'Hi', avatarUrl: 'https://example.com/a.png' }, routing: { mode: 'manual' } } },
      'GET /api/sites/:id': { as: 'owner', params: id(() => fx.siteId) },
      'PUT /api/sites/:id': {
        as: 'owner',
        params: id(() => fx.siteId),
        body: { name: 'Fuzz site', domains: ['127.0.0.1'], settings: { welcomeText: 'Hello', preChatForm: { enabled: true, fields: [{ key: 'name', type: 'name', label: 'Name' }] }, businessHours: { enabled: false, timezone: 'Europe/Paris' } }, routing: { unansweredAlertSeconds: 60 } },
      },
      'GET /api/sites/:siteId/triggers': { as: 'owner', params: { siteId: () => fx.siteId } },
      'POST /api/sites/:siteId/triggers': { as: 'owner', params: { siteId: () => fx.siteId }, body: trig },
      'GET /api/sites/:siteId/triggers/stats': { as: 'owner', params: { siteId: () => fx.siteId }, query: { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00+02:00' } },
      'PATCH /api/triggers/:id': { as: 'owner', params: id(() => fx.triggerId), body: { ...trig, enabled: false, priority: 3, delaySeconds: 1 } },
      'DELETE /api/triggers/:id': { as: 'owner', params: id(missing) },
      'POST /api/agents': { as: 'owner', body: { name: 'Fuzzy', email: 'fuzzy@example.com', password: 'long enough', role: 'agent', maxChats: 3, siteIds: [w.siteA.id] }, runs: 15 },
      'PUT /api/agents/:id': { as: 'owner', params: id(() => fx.agentId), body: { name: 'Fuzzy', pseudoName: 'Fz', avatarUrl: null, role: 'agent', maxChats: 4, siteIds: [w.siteA.id] } },
      'DELETE /api/agents/:id': { as: 'owner', params: id(missing) },
      'POST /api/tokens': { as: 'owner', body: { name: 'ci' } },
      'DELETE /api/tokens/:id': { as: 'owner', params: id(missing) },
      'GET /api/conversations': { as: 'owner', query: inbox },
      'GET /api/conversations/export.csv': { as: 'owner', query: inbox, runs: 18 },
      'GET /api/conversations/:id': { as: 'owner', params: id(conv) },
      'PATCH /api/conversations/:id': { as: 'owner', params: id(conv), body: { tags: ['vip', 'billing'], priority: 'high', subject: 'Order', status: 'active' } },
      'GET /api/conversations/:id/messages': { as: 'owner', params: id(conv), query: { afterSeq: '0', limit: '10' } },
      'POST /api/conversations/:id/accept': { as: 'owner', params: id(conv) },
      'POST /api/conversations/:id/close': { as: 'owner', params: id(conv) },
      'POST /api/conversations/:id/join': { as: 'owner', params: id(conv) },
      'POST /api/conversations/:id/leave': { as: 'owner', params: id(conv) },
      'POST /api/conversations/:id/transfer': { as: 'owner', params: id(conv), body: { toDepartmentId: fx.deptId, reason: 'billing', mode: 'stay' } },
      'GET /api/conversations/:id/transfers': { as: 'owner', params: id(conv) },
      'POST /api/chat/start': { as: 'api', body: { customerId: 'cust-1', customerName: 'Carla', customerEmail: 'c@example.com', channel: 'api', subject: 'Hi', siteId: w.siteA.id } },
      'GET /api/chat/:conversationId': { as: 'api', params: { conversationId: conv } },
      'PUT /api/chat/:conversationId': { as: 'api', params: { conversationId: conv }, body: { status: 'active', subject: 'S', tags: ['a'], priority: 'low' } },
      'POST /api/chat/:conversationId/message': { as: 'api', params: { conversationId: conv }, body: { senderId: 'bot-1', senderName: 'Bot', senderType: 'system', content: 'Hello', clientId: 'fuzz-client-1' } },
      'GET /api/chat/:conversationId/messages': { as: 'api', params: { conversationId: conv }, query: { afterSeq: '1', limit: '5' } },
      'POST /api/canned-responses': { as: 'owner', body: { title: 'Bye', shortcut: 'bye', category: 'General', body: 'Bye!', shared: false } },
      'PATCH /api/canned-responses/:id': { as: 'owner', params: id(() => fx.cannedId), body: { title: 'Hello', shortcut: 'hello', category: null, body: 'Hello!', shared: true } },
      'DELETE /api/canned-responses/:id': { as: 'owner', params: id(missing) },
      'POST /api/canned-responses/:id/use': { as: 'owner', params: id(() => fx.cannedId) },
      'GET /api/widget/config': { as: 'public', query: { siteKey: w.siteA.widgetKey } },
      'POST /api/widget/visitors': { as: 'public', body: { siteKey: w.siteA.widgetKey, persistent: false } },
      'POST /api/widget/offline-messages': {
        as: 'public',
        body: { siteKey: w.siteA.widgetKey, name: 'Val', email: 'val@example.com', message: 'Call me', fields: { company: 'ACME' }, clientId: 'offline-fuzz-1', visitorId: w.visitorA.visitorId, token: w.visitorA.token },
      },
      'PUT /api/workspace/settings': { as: 'owner', body: { autoAwayMinutes: 10, requeueOnOffline: false, offlineGraceSeconds: 30 } },
      'POST /api/views': { as: 'owner', body: { name: 'Mine', filters: { status: 'active', agent: 'mine', datePreset: '7d', tag: 'vip' } } },
      'DELETE /api/views/:id': { as: 'owner', params: id(missing) },
      'GET /api/visitors/live': { as: 'owner', query: { siteId: w.siteA.id } },
      'GET /api/visitors/:id': { as: 'owner', params: id(() => fx.visitorId) },
      'POST /api/visitors/:id/conversations': { as: 'owner', params: id(() => fx.visitorId), body: { body: 'Can I help?', clientId: 'start-fuzz-1' } },
      'GET /api/notifications': { as: 'owner', query: { limit: '5', unreadOnly: 'true' } },
      'POST /api/notifications/read': { as: 'owner', body: { ids: [randomUUID()] } },
      'POST /api/push/subscriptions': { as: 'owner', body: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc', keys: { p256dh: 'B'.repeat(20), auth: 'a'.repeat(10) } }, runs: 25 },
      'DELETE /api/push/subscriptions': { as: 'owner', body: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc' } },
      'POST /api/departments': { as: 'owner', body: { name: 'Support', siteIds: [w.siteA.id], agentIds: [] } },
      'PATCH /api/departments/:id': { as: 'owner', params: id(() => fx.deptId), body: { name: 'Sales', siteIds: [], agentIds: [fx.agentId] } },
      'DELETE /api/departments/:id': { as: 'owner', params: id(missing) },
      'POST /api/widget/files': { as: 'visitor', multipart: { clientId: 'upload-fuzz-1', caption: 'my file', conversationId: chat.conversationId } },
      'POST /api/conversations/:id/files': { as: 'owner', params: id(conv), multipart: { clientId: 'upload-fuzz-2', caption: 'for you', kind: 'note' } },
      'GET /api/files/:id/link': { as: 'owner', params: id(() => fx.fileId) },
      'GET /api/widget/files/:id/link': { as: 'visitor', params: id(() => fx.fileId) },
      'GET /files/:id/:variant': { as: 'public', params: { id: () => fx.fileId, variant: () => 'original' }, query: fx.fileQuery },
      'GET /api/conversations/:id/files': { as: 'owner', params: id(conv) },
      'GET /api/sites/:id/files/report': { as: 'owner', params: id(() => fx.siteId) },
      'GET /*': { as: 'public', params: { '*': () => 'index.html' }, optional: true },
      'GET /widget/*': { as: 'public', params: { '*': () => 'app.js' }, optional: true },
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    sockets = [];
    await w?.server.close();
  });

  it('every route is fuzzed, or listed as taking no input', () => {
    const registered = [...new Set(w.server.routes.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`))];
    expect(registered.filter((k) => !entries[k] && !NO_INPUT.has(k)), 'routes without a fuzz entry').toEqual([]);
    expect(Object.keys(entries).filter((k) => !registered.includes(k) && !entries[k]!.optional), 'fuzz entries for routes that do not exist').toEqual([]);
    expect([...NO_INPUT].filter((k) => !registered.includes(k)), 'NO_INPUT routes that do not exist').toEqual([]);
  });

  function headersFor(as: As, session: Session): Record<string, string> {
    if (as === 'owner') return { cookie: session.cookie, 'x-csrf-token': session.csrf };
    if (as === 'api') return { authorization: `Bearer ${w.apiSame}` };
    if (as === 'visitor') return { origin: VISITOR_ORIGIN, 'x-parley-site': fx.visitor.siteKey, 'x-parley-visitor': fx.visitor.visitorId, authorization: `Bearer ${fx.visitor.token}` };
    return { origin: VISITOR_ORIGIN };
  }

  type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; payload: string | Buffer; contentType: string };
  const rawBodies: fc.Arbitrary<Body> = fc.constantFrom<Body>(
    { kind: 'raw', payload: '{', contentType: 'application/json' },
    { kind: 'raw', payload: '[1,', contentType: 'application/json' },
    { kind: 'raw', payload: '{"a":1}garbage', contentType: 'application/json' },
    { kind: 'raw', payload: '"\\ud800"', contentType: 'application/json' },
    { kind: 'raw', payload: '{"body":"\\u0000"}', contentType: 'application/json' },
    { kind: 'raw', payload: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
    { kind: 'raw', payload: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json' },
    { kind: 'raw', payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc0, 0x80, 0x22, 0x7d]), contentType: 'application/json' },
    { kind: 'raw', payload: '{"a":"b"}', contentType: 'text/plain' },
    { kind: 'raw', payload: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'raw', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--', contentType: 'multipart/form-data; boundary=x' },
    { kind: 'raw', payload: `{"a":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' },
    { kind: 'raw', payload: `${'['.repeat(100_000)}${']'.repeat(100_000)}`, contentType: 'application/json' },
    { kind: 'raw', payload: '', contentType: 'application/json' },
  );

  /** A multipart upload near a valid one: hostile field values, file names, contents and framing. */
  function multipartFor(fields: Record<string, string>): fc.Arbitrary<Body> {
    const b = 'fuzzBoundary7MA4YWxk';
    const file = fc.record({
      name: fc.oneof(fc.constantFrom('notes.txt', 'a.csv', 'photo.jpg', 'x.exe', '.txt', 'a"b.txt', 'a\r\nContent-Type: text/html.txt', '../../etc/passwd.txt'), hostileString),
      bytes: fc.constantFrom(Buffer.from('hello world'), Buffer.alloc(0), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]), Buffer.from('MZ\x90\x00PE\x00\x00'), Buffer.from('a\u0000b'), Buffer.from('<svg onload=alert(1)>')),
      type: fc.constantFrom('text/plain', 'image/jpeg', 'text/html', 'application/x-msdownload', ''),
    });
    return fc
      .record({ fields: nearValid(fields), file: fc.option(file, { freq: 5 }), fileFirst: fc.boolean(), truncate: fc.boolean() })
      .map(({ fields: f, file: fl, fileFirst, truncate }): Body => {
        const parts: Buffer[] = [];
        const fieldParts = f && typeof f === 'object' ? Object.entries(f as Record<string, unknown>).map(([k, v]) => Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof v === 'string' ? v : JSON.stringify(v)}\r\n`)) : [Buffer.from(String(f))];
        const filePart = fl ? [Buffer.concat([Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="file"; filename="${fl.name}"\r\nContent-Type: ${fl.type}\r\n\r\n`), fl.bytes, Buffer.from('\r\n')])] : [];
        parts.push(...(fileFirst ? [...filePart, ...fieldParts] : [...fieldParts, ...filePart]));
        if (!truncate) parts.push(Buffer.from(`--${b}--\r\n`));
        return { kind: 'raw', payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${b}` };
      });
  }

  function caseFor(key: string, e: Entry) {
    const method = key.split(' ')[0]!;
    const paramNames = Object.keys(e.params ?? {});
    const params = fc.record(
      Object.fromEntries(paramNames.map((n) => [n, fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: hostileString })])) as Record<string, fc.Arbitrary<string | null>>,
    );
    // Routes without a query still get stray ones now and then.
    const query = e.query ? queryFor(e.query) : fc.oneof({ weight: 4, arbitrary: fc.constant('') }, { weight: 1, arbitrary: queryFor({}) });
    const takesBody = e.body !== undefined || (method !== 'GET' && method !== 'DELETE');
    const body: fc.Arbitrary<Body> = e.multipart
      ? fc.oneof({ weight: 8, arbitrary: multipartFor(e.multipart) }, { weight: 2, arbitrary: rawBodies })
      : takesBody
      ? fc.oneof({ weight: 8, arbitrary: payloadFor(e.body ?? {}).map((value): Body => ({ kind: 'json', value })) }, { weight: 2, arbitrary: rawBodies }, { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) })
      : fc.constant<Body>({ kind: 'none' });
    return fc.record({ params, query, body });
  }

  /** A failing input, short enough to read (Buffers as text). */
  const show = (v: unknown) => JSON.stringify(v, (_k, x) => (x && x.type === 'Buffer' && Array.isArray(x.data) ? Buffer.from(x.data).toString('latin1') : x))?.slice(0, 800);

  const quiesce = async () => {
    await w.server.routing.idle();
    await sleep(15);
  };

  it('answers every hostile request below 500, with a coded error, and changes nothing when it refuses', async () => {
    const failures: string[] = [];
    // The digest after the previous case is the one before the next.
    let last = await fingerprint(w.server);
    for (const [key, e] of Object.entries(entries)) {
      if (e.optional && !w.server.routes.some((r) => `${r.method} ${r.url}` === key)) continue;
      const [method, template] = key.split(' ') as [string, string];
      const r = await fc.check(
        fc.asyncProperty(caseFor(key, e), async (c) => {
          let url = template;
          for (const [name, valid] of Object.entries(e.params ?? {})) {
            const v = c.params[name] ?? valid();
            url = url.replace(name === '*' ? '*' : `:${name}`, name === '*' ? v.split('/').map(encodeLoose).join('/') : encodeLoose(v));
          }
          if (c.query) url += `?${c.query}`;
          const headers = headersFor(e.as, w.owner);
          let payload: string | Buffer | undefined;
          if (c.body.kind === 'json') {
            payload = JSON.stringify(c.body.value);
            if (payload !== undefined) headers['content-type'] = 'application/json';
          } else if (c.body.kind === 'raw') {
            payload = c.body.payload;
            headers['content-type'] = c.body.contentType;
          }
          const before = last;
          const filesBefore = e.multipart ? storedFiles(w.server.ctx.config.files.localDir).length : 0;
          const res = await w.server.app.inject({ method: method as 'GET', url, headers, ...(payload !== undefined ? { payload } : {}) });
          const what = `${method} ${url.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          if (res.statusCode >= 500) last = await fingerprint(w.server);
          expect(res.statusCode, what).toBeLessThan(500);
          if (res.statusCode >= 400) {
            const json = (() => {
              try {
                return JSON.parse(res.body);
              } catch {
                return undefined;
              }
            })();
            expect(typeof json?.error?.code, `coded error: ${what}`).toBe('string');
            expect(typeof json?.error?.message, `error message: ${what}`).toBe('string');
            last = await fingerprint(w.server);
            expect(changedTables(before, last), `refused but changed: ${what}`).toEqual([]);
            // No stored bytes left behind either (a cut-off or refused upload is deleted).
            if (e.multipart) expect(storedFiles(w.server.ctx.config.files.localDir).length, `refused upload left bytes: ${what}`).toBe(filesBefore);
          } else {
            await quiesce();
            last = await fingerprint(w.server);
          }
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS ?? e.runs ?? 25, endOnFailure: true },
      );
      if (r.failed) failures.push(`${key} — FUZZ_SEED=${r.seed} (case ${r.counterexamplePath}): ${String((r.errorInstance as Error | undefined)?.message ?? r.errorInstance).slice(0, 600)}\n  input: ${show(r.counterexample?.[0])}`);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);

    // Still standing: health, a normal request, a visitor's socket.
    expect((await api(w.server, 'GET', '/healthz')).status).toBe(200);
    const me = await api(w.server, 'GET', '/api/auth/me', { cookie: w.owner.cookie });
    expect(me.status).toBe(200);
    expect(sockets[0]!.connected).toBe(true);
  }, 240_000);
});
