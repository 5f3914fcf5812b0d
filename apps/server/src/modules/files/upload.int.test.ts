import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { files, messages } from '../../db/schema';
import { api, call, connectAgent, connectVisitor, createVisitor, eventually, login, record, type ClientSocket, type Session } from '../../test/clients';
import { buildAgent, buildSite } from '../../test/factories';
import { startTestServer, type TestServer } from '../../test/server';
import { agentUpload, docx, png, storedFiles, widgetUpload, windowsExe, zip } from './testing';

type SendAck = { message: MessageDto; conversation: ConversationDto };

describe('file uploads: both sides, one message path', () => {
  let server: TestServer;
  let site: Awaited<ReturnType<typeof buildSite>>;
  let alice: Session;
  let aliceSocket: ClientSocket;
  const sockets: ClientSocket[] = [];
  const filesDir = () => server.ctx.config.files.localDir;

  beforeAll(async () => {
    server = await startTestServer();
    site = await buildSite(server.ctx, { settings: { files: { uploadsPerMinute: 100 } } as never });
    alice = await login(server, await buildAgent(server.ctx, { siteIds: [site.id], pseudoName: 'Alice' }));
    aliceSocket = await connectAgent(server, alice);
    sockets.push(aliceSocket);
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await server.close();
  });

  async function visitor() {
    const v = await createVisitor(server, site.widgetKey);
    const s = await connectVisitor(server, v);
    sockets.push(s);
    return { v, s };
  }

  /** Nothing about this upload reached the database or the disk. */
  async function expectNothingStored(before: { files: number; disk: number }) {
    expect((await server.ctx.db.select().from(files)).length).toBe(before.files);
    expect(storedFiles(filesDir())).toHaveLength(before.disk);
  }
  const snapshot = async () => ({ files: (await server.ctx.db.select().from(files)).length, disk: storedFiles(filesDir()).length });

  it('a visitor upload starts the conversation as a file message the agent receives live', async () => {
    const agentEvents = record(aliceSocket, ['message', 'conversation']);
    const { v } = await visitor();
    const bytes = await png(80, 40);
    const r = await widgetUpload(server, v, { name: 'screenshot.png', bytes, type: 'image/png' }, { caption: 'This is the error' });
    expect(r.status).toBe(201);
    const m: MessageDto = r.body.message;
    expect(m).toMatchObject({ kind: 'file', senderType: 'visitor', seq: 1, body: 'This is the error' });
    expect(m.attachments).toEqual([{ id: expect.any(String), name: 'screenshot.png', size: expect.any(Number), mime: 'image/png', type: 'png', width: 80, height: 40, status: 'ready' }]);
    expect(r.body.conversation.status).toBe('queued');
    const got = await eventually(() => agentEvents.find((e) => e.name === 'message' && e.e.data.id === m.id), 'agent receives the file message');
    expect(got.e.data.attachments[0].id).toBe(m.attachments![0]!.id);
    // stored under <workspace>/<conversation>/ with a random name (plus its thumbnail)
    const [row] = await server.ctx.db.select().from(files).where(eq(files.id, m.attachments![0]!.id));
    expect(row).toMatchObject({ conversationId: r.body.conversation.id, messageId: m.id, uploaderType: 'visitor', uploaderId: v.visitorId, siteId: site.id, status: 'ready', scan: 'skipped' });
    expect(row!.storageKey).toMatch(new RegExp(`^${site.workspaceId}/${r.body.conversation.id}/[0-9a-f]{32}$`));
    expect(row!.thumbKey).toBe(`${row!.storageKey}.thumb.webp`);
    // the inbox shows the caption as the preview
    const list = await api(server, 'GET', `/api/conversations/${r.body.conversation.id}`, { cookie: alice.cookie });
    expect(list.body.conversation.lastMessagePreview).toBe('This is the error');
  });

  it('a file without caption previews as 📎 name; the agent answers with a file the visitor receives', async () => {
    const { v, s } = await visitor();
    const visitorEvents = record(s, ['message']);
    const up = await widgetUpload(server, v, { name: 'report.pdf', bytes: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    expect(up.status).toBe(201);
    expect(up.body.message.body).toBe('');
    expect(up.body.message.attachments[0]).toMatchObject({ type: 'pdf', mime: 'application/pdf', name: 'report.pdf' });
    const convId = up.body.conversation.id;
    const row = await api(server, 'GET', `/api/conversations/${convId}`, { cookie: alice.cookie });
    expect(row.body.conversation.lastMessagePreview).toBe('📎 report.pdf');

    expect((await api(server, 'POST', `/api/conversations/${convId}/accept`, { cookie: alice.cookie, csrf: alice.csrf })).status).toBe(200);
    const reply = await agentUpload(server, alice, convId, { name: 'invoice.png', bytes: await png() }, { caption: 'Here you go' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ kind: 'file', senderType: 'agent', body: 'Here you go' });
    const got = await eventually(() => visitorEvents.find((e) => e.e.data.id === reply.body.message.id), 'visitor receives the agent file');
    expect(got.e.data.attachments[0]).toMatchObject({ type: 'png', status: 'ready' });

    // a note with a file stays with the agents
    const note = await agentUpload(server, alice, convId, { name: 'internal.png', bytes: await png() }, { kind: 'note', caption: 'for us' });
    expect(note.status).toBe(201);
    expect(note.body.message.kind).toBe('note');
    const link = await api(server, 'GET', `/api/widget/files/${note.body.message.attachments[0].id}/link`, { headers: { 'x-parley-site': v.siteKey, 'x-parley-visitor': v.visitorId, authorization: `Bearer ${v.token}`, origin: 'http://127.0.0.1:5555' } });
    expect(link.status).toBe(404);
    await new Promise((r) => setTimeout(r, 100));
    expect(visitorEvents.some((e) => e.e.data.id === note.body.message.id)).toBe(false);
    // the agent's file list has all three, newest first
    const list = await api(server, 'GET', `/api/conversations/${convId}/files`, { cookie: alice.cookie });
    expect(list.body.files.map((f: { name: string }) => f.name)).toEqual(['internal.png', 'invoice.png', 'report.pdf']);
    expect(list.body.files[2]).toMatchObject({ uploaderType: 'visitor', seq: 1, messageId: up.body.message.id });
  });

  it("a visitor's first upload opens the chat like a first message: greeting before it, away message after", async () => {
    const welcoming = await buildSite(server.ctx, { settings: { greeting: { enabled: true, message: 'Hi! How can we help?' }, away: { enabled: true, message: 'We are away.' } } as never });
    const v = await createVisitor(server, welcoming.widgetKey);
    const r = await widgetUpload(server, v, { name: 'order.png', bytes: await png() });
    expect(r.status).toBe(201);
    expect(r.body.message.seq).toBe(2);
    const rows = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, r.body.conversation.id));
    expect(rows.sort((a, b) => a.seq - b.seq).map((m) => [m.seq, m.senderType, m.kind, m.body])).toEqual([
      [1, 'bot', 'text', 'Hi! How can we help?'],
      [2, 'visitor', 'file', ''],
      [3, 'bot', 'text', 'We are away.'],
    ]);
  });

  it('a retry with the same clientId returns the stored message and stores nothing new', async () => {
    const { v } = await visitor();
    const bytes = await png();
    const first = await widgetUpload(server, v, { name: 'a.png', bytes }, { clientId: 'retry-00000001' });
    expect(first.status).toBe(201);
    const before = await snapshot();
    const again = await widgetUpload(server, v, { name: 'a.png', bytes }, { clientId: 'retry-00000001' });
    expect(again.status).toBe(200);
    expect(again.body.message.id).toBe(first.body.message.id);
    expect(again.body.conversation.id).toBe(first.body.conversation.id);
    await expectNothingStored(before);
    const rows = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, first.body.conversation.id));
    expect(rows).toHaveLength(1);
  });

  it('an upload continues the open conversation and follows the same seq as text messages', async () => {
    const { v, s } = await visitor();
    const sent = await call<SendAck>(s, 'message', { clientId: 'txt-00000001', body: 'Hello' });
    if (!sent.ok) throw new Error('send failed');
    const up = await widgetUpload(server, v, { name: 'x.png', bytes: await png() }, { conversationId: sent.data.conversation.id });
    expect(up.status).toBe(201);
    expect(up.body.conversation.id).toBe(sent.data.conversation.id);
    expect(up.body.message.seq).toBe(2);
    // another visitor's conversation: 404, nothing stored
    const other = await visitor();
    const before = await snapshot();
    const stolen = await widgetUpload(server, other.v, { name: 'x.png', bytes: await png() }, { conversationId: sent.data.conversation.id });
    expect(stolen.status).toBe(404);
    await expectNothingStored(before);
  });

  it('the bytes decide the type: an executable named .png is refused as a spoof, a PNG named .pdf is a PNG', async () => {
    const { v } = await visitor();
    const before = await snapshot();
    const exe = await widgetUpload(server, v, { name: 'cute-cat.png', bytes: windowsExe(), type: 'image/png' });
    expect(exe.status).toBe(415);
    expect(exe.body.error).toEqual({ code: 'file_type_not_allowed', message: "This file isn't what its name says (it looks like an executable program)." });
    await expectNothingStored(before);
    expect((await server.ctx.db.select().from(messages)).some((m) => m.body.includes('cute-cat'))).toBe(false);

    const renamed = await widgetUpload(server, v, { name: 'contract.pdf', bytes: await png(), type: 'application/pdf' });
    expect(renamed.status).toBe(201);
    expect(renamed.body.message.attachments[0]).toMatchObject({ type: 'png', mime: 'image/png', name: 'contract.png' });

    const plainExe = await widgetUpload(server, v, { name: 'setup.exe', bytes: windowsExe() });
    expect(plainExe.status).toBe(415);
    expect(plainExe.body.error.message).toMatch(/^This file type isn't allowed here\. Allowed: PDF, Word, JPEG, PNG, GIF, WebP, Text, CSV, Excel\.$/);
  });

  it('TXT and CSV need their extension and text bytes', async () => {
    const { v } = await visitor();
    const csv = await widgetUpload(server, v, { name: 'orders.csv', bytes: Buffer.from('id,total\n1,9.99\n2,€12\n') });
    expect(csv.status).toBe(201);
    expect(csv.body.message.attachments[0]).toMatchObject({ type: 'csv', mime: 'text/csv' });
    const txt = await widgetUpload(server, v, { name: 'notes.txt', bytes: Buffer.from('plain words\n') });
    expect(txt.body.message.attachments[0]).toMatchObject({ type: 'txt', mime: 'text/plain' });
    const before = await snapshot();
    const binary = await widgetUpload(server, v, { name: 'notes.txt', bytes: Buffer.from([0x41, 0x00, 0x42, 0xff, 0xfe, 0x00]) });
    expect(binary.status).toBe(415);
    expect(binary.body.error.message).toBe("This file isn't what its name says (it doesn't look like text).");
    const noName = await widgetUpload(server, v, { name: 'README', bytes: Buffer.from('just text') });
    expect(noName.status).toBe(415);
    const fakePdf = await widgetUpload(server, v, { name: 'invoice.pdf', bytes: Buffer.from('not a pdf at all') });
    expect(fakePdf.status).toBe(415);
    expect(fakePdf.body.error.message).toBe("This file isn't what its name says (it doesn't look like a PDF file).");
    await expectNothingStored(before);
  });

  it('DOCX is told from a plain ZIP by its entries, even when they come 200 KB into the file', async () => {
    const { v } = await visitor();
    for (const bytes of [docx(), docx({ contentTypesLast: true })]) {
      const r = await widgetUpload(server, v, { name: 'letter.docx', bytes });
      expect(r.status).toBe(201);
      expect(r.body.message.attachments[0]).toMatchObject({ type: 'docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: bytes.length });
    }
    const before = await snapshot();
    const archive = await widgetUpload(server, v, { name: 'letter.docx', bytes: zip([['a.txt', 'hello'.repeat(2000)], ['b.bin', Buffer.alloc(9000, 7)]]) });
    expect(archive.status).toBe(415);
    expect(archive.body.error.message).toBe("This file isn't what its name says (it looks like a ZIP archive).");
    await expectNothingStored(before);
  });

  it('refuses bad requests with a readable 4xx and stores nothing', async () => {
    const { v } = await visitor();
    const before = await snapshot();
    const noClientId = await widgetUpload(server, v, { name: 'a.png', bytes: await png() }, { clientId: '' });
    expect(noClientId.status).toBe(400);
    expect(noClientId.body.error.code).toBe('validation_failed');
    const noFile = await widgetUpload(server, v, undefined, { caption: 'hi' });
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.message).toMatch(/file/);
    const empty = await widgetUpload(server, v, { name: 'a.txt', bytes: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    const notMultipart = await api(server, 'POST', '/api/widget/files', { body: { clientId: 'x' }, headers: { 'x-parley-site': v.siteKey, 'x-parley-visitor': v.visitorId, authorization: `Bearer ${v.token}`, origin: 'http://127.0.0.1:5555' } });
    expect(notMultipart.status).toBe(400);
    const badToken = await widgetUpload(server, { ...v, token: 'wrong' }, { name: 'a.png', bytes: await png() });
    expect(badToken.status).toBe(401);
    const foreignOrigin = await fetch(`${server.url}/api/widget/files`, { method: 'POST', headers: { origin: 'https://evil.example', 'x-parley-site': v.siteKey, 'x-parley-visitor': v.visitorId, authorization: `Bearer ${v.token}` }, body: new FormData() });
    expect(foreignOrigin.status).toBe(403);
    await expectNothingStored(before);
    expect((await server.ctx.db.select().from(messages).where(eq(messages.senderId, v.visitorId))).length).toBe(0);
  });

  it('a site with files turned off refuses visitors (403 files_disabled) but not agents', async () => {
    const closed = await buildSite(server.ctx, { settings: { files: { enabled: false } } as never });
    const v = await createVisitor(server, closed.widgetKey);
    const r = await widgetUpload(server, v, { name: 'a.png', bytes: await png() });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('files_disabled');
    const pre = await api(server, 'OPTIONS', '/api/widget/files', { headers: { origin: 'http://127.0.0.1:5555', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-parley-site, x-parley-visitor' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/x-parley-visitor/);
  });
});
