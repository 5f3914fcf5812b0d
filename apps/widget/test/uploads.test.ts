import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WidgetSettings, type ConversationDto, type MessageDto, type WidgetConfigDto } from '@parley/protocol';
import { buildMessage } from '@parley/protocol/testing';
import { FakeSocket } from './fake-socket';
import { FakeXhr } from './fake-xhr';

/**
 * The visitor's uploads: what goes over the wire, progress, cancel, failures and retries with
 * the same clientId, early refusals in the server's words, and the answer merged into the
 * store like a `message` ack (with the real store for the conversation rules).
 */
let socket: FakeSocket;
const config: WidgetConfigDto = {
  siteId: 's1',
  name: 'Shop',
  settings: WidgetSettings.parse({ color: '#2563eb', title: 'Chat' }),
  agentsOnline: 1,
  departments: [
    { id: '11111111-1111-4111-8111-111111111111', name: 'Sales' },
    { id: '22222222-2222-4222-8222-222222222222', name: 'Support' },
  ],
  availability: { available: true, reason: 'open', nextOpenAt: null },
  triggers: [],
};

vi.mock('../src/app/transport', () => ({
  HttpError: class extends Error {},
  fetchConfig: async () => config,
  createVisitor: async () => ({ visitorId: 'v1', token: 't1' }),
  openSocket: () => socket,
}));

const { Store } = await import('../src/app/store');
const { Uploads } = await import('../src/app/files/uploads');

const MB = 1024 * 1024;
const limits = { allowedTypes: ['pdf', 'doc', 'docx', 'jpg', 'png'] as const, maxSizeMb: 10 };
const allowed = { ...limits, allowedTypes: [...limits.allowedTypes] };
const file = (name: string, size = 2048, type = '') => new File([new Uint8Array(size)], name, { type });
const conversation = (over: Partial<ConversationDto> = {}) => ({ id: 'c1', status: 'queued', agentReadSeq: 0, visitorReadSeq: 0, ...over }) as ConversationDto;
const fileMessage = (seq: number, clientId: string, over: Partial<MessageDto> = {}) =>
  buildMessage(seq, { kind: 'file', body: '', clientId, attachments: [{ id: `f${seq}`, name: 'invoice.pdf', size: 2048, mime: 'application/pdf', type: 'pdf', status: 'ready' }], ...over });
const flush = () => new Promise((r) => setTimeout(r, 0));

/** A store stand-in: a visitor who is ready, in conversation c1. */
function stubHost(over: { ready?: () => Promise<unknown> } = {}) {
  const host = {
    base: 'https://chat.test',
    siteKey: 'site_key_1',
    identity: { visitorId: 'v1', token: 'tok' } as { visitorId: string; token: string } | null,
    state: { messages: [] as MessageDto[] },
    ready: vi.fn(over.ready ?? (async () => ({}))),
    startFields: vi.fn(() => ({ conversationId: 'c1' }) as Record<string, string>),
    acked: vi.fn((m: MessageDto) => void host.state.messages.push(m)),
  };
  return host;
}

function setup(host = stubHost()) {
  const requests: FakeXhr[] = [];
  const uploads = new Uploads(host as never, () => {
    const x = new FakeXhr();
    requests.push(x);
    return x as unknown as XMLHttpRequest;
  });
  return { host, uploads, requests };
}

beforeEach(() => {
  socket = new FakeSocket();
  const storage = new Map<string, string>();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('document', { visibilityState: 'visible', addEventListener() {} });
  vi.stubGlobal('addEventListener', () => {});
  vi.stubGlobal('localStorage', { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) });
  vi.stubGlobal('window', globalThis);
});
afterEach(() => vi.unstubAllGlobals());

describe('uploading a file', () => {
  it("posts multipart to /api/widget/files with the visitor's headers, the text fields before the file", async () => {
    const { uploads, requests, host } = setup();
    const u = uploads.add(file('invoice.pdf'), allowed);
    await flush();
    expect(host.ready).toHaveBeenCalled();
    const [x] = requests;
    expect([x.method, x.url]).toEqual(['POST', 'https://chat.test/api/widget/files']);
    expect(x.headers).toEqual({ 'x-parley-site': 'site_key_1', 'x-parley-visitor': 'v1', authorization: 'Bearer tok' });
    expect(x.fields()).toEqual([
      ['clientId', u.clientId],
      ['conversationId', 'c1'],
      ['file', 'file:invoice.pdf'],
    ]);
    expect(uploads.list).toMatchObject([{ clientId: u.clientId, name: 'invoice.pdf', size: 2048, state: 'uploading', progress: 0 }]);
  });

  it('follows the progress, then merges the answer like an ack and leaves the list', async () => {
    const { uploads, requests, host } = setup();
    const u = uploads.add(file('invoice.pdf'), allowed);
    await flush();
    const seen: number[] = [];
    uploads.subscribe(() => seen.push(uploads.list[0]?.progress ?? -1));
    requests[0].progress(512, 2048);
    requests[0].progress(2048, 2048);
    expect(seen).toEqual([0.25, 1]);
    const message = fileMessage(3, u.clientId);
    requests[0].respond(201, { message, conversation: conversation() });
    expect(host.acked).toHaveBeenCalledWith(message, conversation());
    expect(uploads.list).toEqual([]);
  });

  it('cancel aborts the request and forgets the upload; a late answer is ignored', async () => {
    const { uploads, requests, host } = setup();
    const u = uploads.add(file('photo.png'), allowed);
    await flush();
    uploads.cancel(u.clientId);
    expect(requests[0].aborted).toBe(true);
    expect(uploads.list).toEqual([]);
    requests[0].respond(201, { message: fileMessage(3, u.clientId), conversation: conversation() });
    expect(host.acked).not.toHaveBeenCalled();
  });

  it("a cancel while the visitor is being created sends nothing", async () => {
    let go!: () => void;
    const { uploads, requests } = setup(stubHost({ ready: () => new Promise<void>((r) => (go = r)) }));
    const u = uploads.add(file('photo.png'), allowed);
    uploads.cancel(u.clientId);
    go();
    await flush();
    expect(requests).toHaveLength(0);
  });

  it("shows the server's refusal; Retry sends again with the same clientId and the answer is merged", async () => {
    const { uploads, requests, host } = setup();
    const u = uploads.add(file('invoice.pdf'), allowed);
    await flush();
    requests[0].respond(429, { error: { code: 'rate_limited', message: 'You can send 5 files a minute. Try again in a moment.' } });
    expect(uploads.list).toMatchObject([{ state: 'failed', error: 'You can send 5 files a minute. Try again in a moment.', retryable: true }]);

    uploads.retry(u.clientId);
    expect(uploads.list).toMatchObject([{ state: 'uploading', progress: 0 }]);
    expect(uploads.list[0].error).toBeUndefined();
    await flush();
    expect(requests).toHaveLength(2);
    expect(requests[1].fields()[0]).toEqual(['clientId', u.clientId]);
    // The first attempt was stored after all: the server answers 200 with the stored message.
    requests[1].respond(200, { message: fileMessage(3, u.clientId), conversation: conversation() });
    expect(host.acked).toHaveBeenCalledTimes(1);
    expect(uploads.list).toEqual([]);
  });

  it('a refusal that trying again cannot fix offers no retry', async () => {
    const { uploads, requests } = setup();
    uploads.add(file('fake.png'), allowed);
    await flush();
    const message = "This file isn't what its name says (it looks like an executable program).";
    requests[0].respond(415, { error: { code: 'file_type_not_allowed', message } });
    expect(uploads.list).toMatchObject([{ state: 'failed', error: message, retryable: false }]);
  });

  it('a broken connection or a proxy error page says so and can be retried', async () => {
    const { uploads, requests } = setup();
    uploads.add(file('a.pdf'), allowed);
    uploads.add(file('b.pdf'), allowed);
    uploads.add(file('c.pdf'), allowed);
    await flush();
    requests[0].fail();
    requests[1].respond(502, '<html>Bad gateway</html>');
    // A proxy's own size limit (no JSON): the site's limit in the server's words.
    requests[2].respond(413, '<html>Request Entity Too Large</html>');
    expect(uploads.list.map((u) => [u.name, u.error, u.retryable])).toEqual([
      ['a.pdf', 'Couldn’t reach us — check your connection and try again', true],
      ['b.pdf', 'Couldn’t reach us — check your connection and try again', true],
      ['c.pdf', 'Files can be up to 10 MB.', true],
    ]);
  });

  it('no visitor could be created: fails with that reason, retryable', async () => {
    const { uploads, requests } = setup(stubHost({ ready: () => Promise.reject(new Error('Can’t reach the chat — retrying…')) }));
    uploads.add(file('a.pdf'), allowed);
    await flush();
    expect(requests).toHaveLength(0);
    expect(uploads.list).toMatchObject([{ state: 'failed', error: 'Can’t reach the chat — retrying…', retryable: true }]);
  });

  it('Remove forgets a failed upload', async () => {
    const { uploads, requests } = setup();
    const u = uploads.add(file('a.pdf'), allowed);
    await flush();
    requests[0].fail();
    uploads.remove(u.clientId);
    expect(uploads.list).toEqual([]);
  });
});

describe('refused before uploading, in the server’s words', () => {
  it('a file over the site’s size limit', async () => {
    const { uploads, requests } = setup();
    uploads.add(file('big.pdf', 10 * MB + 1), allowed);
    uploads.add(file('edge.pdf', 10 * MB), allowed);
    await flush();
    expect(uploads.list.map((u) => [u.name, u.state, u.error])).toEqual([
      ['big.pdf', 'failed', 'Files can be up to 10 MB.'],
      ['edge.pdf', 'uploading', undefined],
    ]);
    expect(uploads.list[0].retryable).toBeFalsy();
    expect(requests.map((r) => r.fields().at(-1))).toEqual([['file', 'file:edge.pdf']]);
  });

  it('a type the site does not take (by its extension), listing the allowed ones once each', async () => {
    const { uploads, requests } = setup();
    for (const name of ['setup.exe', 'sheet.xlsx', 'noextension']) uploads.add(file(name), allowed);
    await flush();
    const words = "This file type isn't allowed here. Allowed: PDF, Word, JPEG, PNG.";
    expect(uploads.list.map((u) => [u.name, u.error])).toEqual([
      ['setup.exe', words],
      ['sheet.xlsx', words],
      ['noextension', words],
    ]);
    expect(requests).toHaveLength(0);
  });

  it('a pasted image without an extension is named after its type', async () => {
    const { uploads, requests } = setup();
    uploads.add(file('image', 100, 'image/png'), allowed);
    await flush();
    expect(uploads.list[0]).toMatchObject({ name: 'image.png', state: 'uploading' });
    expect(requests[0].fields().at(-1)).toEqual(['file', 'file:image.png']);
  });
});

describe('uploads with the real store', () => {
  /** A new visitor's store; the socket connects and syncs when asked. */
  async function fresh() {
    const store = new Store('http://parley.test', 'site-key-1');
    store.start();
    await flush();
    const { uploads, requests } = setup(store as never);
    return { store, uploads, requests };
  }
  /** The visitor was created (the store opened its socket): connect, and sync with no conversation. */
  async function connectAndSync(store: InstanceType<typeof Store>) {
    await vi.waitFor(() => expect(store.visitorSocket).toBe(socket));
    socket.connect();
    socket.last('visitor:state').ack!({ ok: true, data: { conversation: null, messages: [], agent: null, queue: null } });
  }

  it('the first file of a new chat creates the visitor, carries the picked team, and starts the conversation', async () => {
    const { store, uploads, requests } = await fresh();
    store.chooseDepartment(config.departments[1].id);
    const u = uploads.add(file('invoice.pdf'), allowed);
    await flush();
    await connectAndSync(store);
    await vi.waitFor(() => expect(requests).toHaveLength(1), { timeout: 2000 });
    expect(requests[0].fields().slice(0, 2)).toEqual([
      ['clientId', u.clientId],
      ['departmentId', config.departments[1].id],
    ]);
    expect(requests[0].headers).toMatchObject({ 'x-parley-visitor': 'v1', authorization: 'Bearer t1' });

    requests[0].respond(201, { message: fileMessage(1, u.clientId, { conversationId: 'c9' }), conversation: conversation({ id: 'c9' }) });
    expect(store.state.conversationId).toBe('c9');
    expect(store.state.messages.map((m) => [m.seq, m.kind, m.clientId])).toEqual([[1, 'file', u.clientId]]);
    expect(uploads.pending(store.state.messages)).toEqual([]);
    // The next file goes to that conversation.
    uploads.add(file('second.pdf'), allowed);
    await flush();
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1].fields()[1]).toEqual(['conversationId', 'c9']);
  });

  it('a first file after an accepted prompt carries the trigger, like a first text message', async () => {
    const { store, uploads, requests } = await fresh();
    const triggerId = '33333333-3333-4333-8333-333333333333';
    store.acceptTrigger({ id: triggerId, message: 'Need a hand?' });
    uploads.add(file('photo.jpg'), allowed);
    await flush();
    await connectAndSync(store);
    await vi.waitFor(() => expect(requests).toHaveLength(1), { timeout: 2000 });
    expect(requests[0].fields().map(([k]) => k)).toEqual(['clientId', 'triggerId', 'file']);
    expect(requests[0].fields()[1][1]).toBe(triggerId);
  });

  it('the message arriving through the socket first is shown once, with no pending upload left', async () => {
    const { store, uploads, requests } = await fresh();
    const u = uploads.add(file('invoice.pdf'), allowed);
    await flush();
    await connectAndSync(store);
    await vi.waitFor(() => expect(requests).toHaveLength(1), { timeout: 2000 });
    const stored = fileMessage(1, u.clientId);
    socket.fire('message', { type: 'message', conversationId: 'c1', data: stored, timestamp: new Date().toISOString() });
    expect(uploads.pending(store.state.messages)).toEqual([]);
    requests[0].respond(201, { message: stored, conversation: conversation() });
    expect(store.state.messages).toHaveLength(1);
    expect(uploads.list).toEqual([]);
  });
});
