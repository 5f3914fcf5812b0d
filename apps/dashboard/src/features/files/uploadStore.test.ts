import { describe, expect, it } from 'vitest';
import type { ConversationDto, MessageDto } from '@parley/protocol';
import { ApiError } from '../../api/client';
import type { UploadAck, UploadHooks, UploadRequest } from './api';
import { createUploadStore } from './uploadStore';
import { pendingOf, trayOf } from './uploads';

const settings = { allowedTypes: ['pdf', 'png', 'jpg'] as const, maxSizeMb: 1 } as const;

/** A transport whose requests the test answers by hand. */
function fakeTransport() {
  const calls: { req: UploadRequest; hooks: UploadHooks; resolve: (ack: UploadAck) => void; reject: (err: unknown) => void }[] = [];
  const transport = (req: UploadRequest, hooks: UploadHooks) =>
    new Promise<UploadAck>((resolve, reject) => {
      hooks.signal.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
      calls.push({ req, hooks, resolve, reject });
    });
  return { calls, transport };
}

function setup() {
  const t = fakeTransport();
  let n = 0;
  const store = createUploadStore({ transport: t.transport, newId: () => `id-${String(++n).padStart(4, '0')}`, now: () => '2025-01-01T00:00:00.000Z' });
  const stored: MessageDto[] = [];
  const onStored = (m: MessageDto) => stored.push(m);
  return { ...t, store, stored, onStored };
}

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);
const ack = (clientId: string, seq: number): UploadAck => ({
  message: { id: `m${seq}`, conversationId: 'c1', seq, clientId, kind: 'file', body: '' } as MessageDto,
  conversation: { id: 'c1' } as ConversationDto,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

describe('upload queue', () => {
  it('refuses a too large or not allowed file early, with the server wording, and never sends it', async () => {
    const s = setup();
    s.store.add('c1', [file('big.pdf', 2 * 1024 * 1024), file('run.exe'), file('ok.pdf')], settings);
    const tray = trayOf(s.store.getSnapshot(), 'c1');
    expect(tray.map((i) => [i.name, i.state, i.error])).toEqual([
      ['big.pdf', 'refused', 'Files can be up to 1 MB.'],
      ['run.exe', 'refused', "This file type isn't allowed here. Allowed: PDF, PNG, JPEG."],
      ['ok.pdf', 'ready', undefined],
    ]);
    expect(s.store.send('c1', 'caption', 'text', s.onStored)).toBe(true);
    await flush();
    expect(s.calls.map((c) => c.req.name)).toEqual(['ok.pdf']);
    // Refused files leave the tray with the send; nothing else was uploaded.
    expect(trayOf(s.store.getSnapshot(), 'c1')).toEqual([]);
  });

  it('sends nothing when the tray only holds refused files', () => {
    const s = setup();
    s.store.add('c1', [file('x.exe')], settings);
    expect(s.store.send('c1', '', 'text', s.onStored)).toBe(false);
    expect(s.calls).toEqual([]);
  });

  it('uploads one file per message in the order picked, the caption with the first, as a note in note mode', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf'), file('b.png')], settings);
    s.store.send('c1', 'Here you go', 'note', s.onStored);
    await flush();
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]!.req).toMatchObject({ conversationId: 'c1', name: 'a.pdf', caption: 'Here you go', kind: 'note' });
    s.calls[0]!.resolve(ack(s.calls[0]!.req.clientId, 5));
    await flush();
    expect(s.calls).toHaveLength(2);
    expect(s.calls[1]!.req).toMatchObject({ name: 'b.png', caption: '', kind: 'note' });
    expect(s.calls[1]!.req.clientId).not.toBe(s.calls[0]!.req.clientId);
    s.calls[1]!.resolve(ack(s.calls[1]!.req.clientId, 6));
    await flush();
    expect(s.stored.map((m) => m.seq)).toEqual([5, 6]);
    expect(pendingOf(s.store.getSnapshot(), 'c1')).toEqual([]);
  });

  it('reports progress of the running attempt', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf')], settings);
    s.store.send('c1', '', 'text', s.onStored);
    await flush();
    s.calls[0]!.hooks.onProgress(250, 1000);
    expect(pendingOf(s.store.getSnapshot(), 'c1')[0]).toMatchObject({ state: 'uploading', progress: 0.25 });
    s.calls[0]!.hooks.onProgress(1000, 1000);
    expect(pendingOf(s.store.getSnapshot(), 'c1')[0]!.progress).toBe(1);
  });

  it('cancel aborts the request and removes the upload; the next one starts', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf'), file('b.pdf')], settings);
    s.store.send('c1', '', 'text', s.onStored);
    await flush();
    const [first] = pendingOf(s.store.getSnapshot(), 'c1');
    s.store.remove(first!.id);
    expect(s.calls[0]!.hooks.signal.aborted).toBe(true);
    await flush();
    const pending = pendingOf(s.store.getSnapshot(), 'c1');
    expect(pending.map((i) => [i.name, i.state])).toEqual([['b.pdf', 'uploading']]);
    expect(s.calls.map((c) => c.req.name)).toEqual(['a.pdf', 'b.pdf']);
    expect(s.stored).toEqual([]);
  });

  it("shows the server's message on failure and retries with the same clientId", async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf')], settings);
    s.store.send('c1', 'hi', 'text', s.onStored);
    await flush();
    const clientId = s.calls[0]!.req.clientId;
    s.calls[0]!.reject(new ApiError(429, 'rate_limited', 'You can send 5 files a minute. Try again in a moment.'));
    await flush();
    const [failed] = pendingOf(s.store.getSnapshot(), 'c1');
    expect(failed).toMatchObject({ state: 'failed', error: 'You can send 5 files a minute. Try again in a moment.', retryable: true });
    s.store.retry(failed!.id, s.onStored);
    await flush();
    expect(s.calls).toHaveLength(2);
    expect(s.calls[1]!.req).toMatchObject({ clientId, caption: 'hi' });
    s.calls[1]!.resolve(ack(clientId, 9));
    await flush();
    expect(s.stored.map((m) => m.clientId)).toEqual([clientId]);
    expect(pendingOf(s.store.getSnapshot(), 'c1')).toEqual([]);
  });

  it('a refusal offers no retry (trying again cannot fix it); a dropped connection does', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf'), file('b.pdf')], settings);
    s.store.send('c1', '', 'text', s.onStored);
    await flush();
    s.calls[0]!.reject(new ApiError(415, 'file_type_not_allowed', "This file isn't what its name says (it looks like an executable program)."));
    await flush();
    s.calls[1]!.reject(new ApiError(0, 'network_error', 'The connection was interrupted.'));
    await flush();
    expect(pendingOf(s.store.getSnapshot(), 'c1').map((i) => [i.name, i.state, i.retryable])).toEqual([
      ['a.pdf', 'failed', false],
      ['b.pdf', 'failed', true],
    ]);
  });

  it('a broadcast of the message hides the upload before its answer, and a late failure is not shown', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf')], settings);
    s.store.send('c1', '', 'text', s.onStored);
    await flush();
    s.store.settle(s.calls[0]!.req.clientId);
    expect(pendingOf(s.store.getSnapshot(), 'c1')).toEqual([]);
    s.calls[0]!.reject(new ApiError(0, 'network_error', 'x'));
    await flush();
    expect(s.store.getSnapshot()).toEqual([]);
  });

  it('keeps trays and uploads per conversation; each conversation uploads on its own', async () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf')], settings);
    s.store.add('c2', [file('b.pdf')], settings);
    expect(trayOf(s.store.getSnapshot(), 'c2').map((i) => i.name)).toEqual(['b.pdf']);
    s.store.send('c1', '', 'text', s.onStored);
    s.store.send('c2', '', 'text', s.onStored);
    await flush();
    expect(s.calls.map((c) => c.req.conversationId)).toEqual(['c1', 'c2']);
  });

  it('remove takes a file out of the tray without sending anything', () => {
    const s = setup();
    s.store.add('c1', [file('a.pdf'), file('b.pdf')], settings);
    const [a] = trayOf(s.store.getSnapshot(), 'c1');
    s.store.remove(a!.id);
    expect(trayOf(s.store.getSnapshot(), 'c1').map((i) => i.name)).toEqual(['b.pdf']);
    expect(s.calls).toEqual([]);
  });
});
