import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import type { AttachmentDto } from '@parley/protocol';
import { button, byAttr, byTag, fakeDom, findAll, fire, type FakeElement } from './fake-dom';

/**
 * What the visitor sees of files, rendered by Preact into a small fake DOM: thumbnails sized
 * before they load, the image viewer, file cards, expired and blocked files, uploads under
 * way and failed, and the composer's paperclip.
 */
const { Attachment, PendingUpload } = await import('../src/app/files/view');
const { Lightbox } = await import('../src/app/files/lightbox');
const { Composer } = await import('../src/app/components/Composer');

const host = { base: 'https://chat.test', siteKey: 'site_key_1', identity: { visitorId: 'v1', token: 'tok' } };
let answers: (() => Response)[];
let asked: string[];
let n = 0;
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
const link = (k: number) => json(200, { url: `https://chat.test/files/o?e=${k}`, thumbUrl: `https://chat.test/files/t?e=${k}`, expiresAt: new Date(Date.now() + 300_000).toISOString() });
const image = (over: Partial<AttachmentDto> = {}): AttachmentDto => ({ id: `img${++n}`, name: 'shoe.jpg', size: 312_000, mime: 'image/jpeg', type: 'jpg', width: 1200, height: 800, status: 'ready', ...over });
const pdf = (over: Partial<AttachmentDto> = {}): AttachmentDto => ({ id: `doc${++n}`, name: 'invoice-2026.pdf', size: 2048, mime: 'application/pdf', type: 'pdf', status: 'ready', ...over });
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 0)));

let root: FakeElement;
async function show(vnode: ComponentChild) {
  await act(() => render(vnode, root as never));
  await settle();
}

beforeEach(() => {
  root = fakeDom();
  answers = [];
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    asked.push(url);
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
});
afterEach(async () => {
  await act(() => render(null, root as never));
  vi.unstubAllGlobals();
});

describe('an image', () => {
  it('shows a thumbnail sized from the image before it loads, named by the file name', async () => {
    const a = image();
    answers.push(() => link(1));
    await act(() => render(h(Attachment, { a, host }), root as never));
    const box = byAttr(root, 'data-attachment-id', a.id)!;
    const thumb = byTag(box, 'button');
    // 1200×800 fits in 220×220 as 220×147, reserved before the link arrives.
    expect(thumb.style).toMatchObject({ width: '220px', aspectRatio: '220 / 147' });
    expect(byTag(box, 'img')).toBeUndefined();
    await settle();
    const img = byTag(box, 'img');
    expect([img.getAttribute('alt'), img.getAttribute('src')]).toEqual(['shoe.jpg', 'https://chat.test/files/t?e=1']);
    expect(asked).toEqual([`https://chat.test/api/widget/files/${a.id}/link`]);
  });

  it('asks for a new link when the thumbnail fails to load (an expired link)', async () => {
    const a = image();
    answers.push(() => link(1), () => link(2));
    await show(h(Attachment, { a, host }));
    fire(byTag(root, 'img'), 'error');
    await settle();
    expect(byTag(root, 'img').getAttribute('src')).toBe('https://chat.test/files/t?e=2');
  });

  it('opens in a viewer: a focus-trapped dialog that Escape closes, giving the focus back', async () => {
    const a = image();
    answers.push(() => link(1));
    const outside = vi.fn();
    await show(h('div', { onKeyDown: outside }, h(Attachment, { a, host }), h(Lightbox, {})));
    const thumb = byTag(byAttr(root, 'data-attachment-id', a.id)!, 'button');
    await act(() => void fire(thumb, 'click'));
    const dialog = byAttr(root, 'role', 'dialog')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(dialog.getAttribute('aria-label')).toBe('shoe.jpg');
    expect(byTag(dialog, 'img').getAttribute('src')).toBe('https://chat.test/files/o?e=1');
    const close = button(dialog, 'Close image');
    await settle();
    expect(document.activeElement).toBe(close);
    const tab = fire(close, 'keydown', { key: 'Tab' });
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);

    await act(() => void fire(close, 'keydown', { key: 'Escape' }));
    expect(byAttr(root, 'role', 'dialog')).toBeUndefined();
    // Escape closed the viewer only, not the chat window around it.
    expect(outside.mock.calls.filter(([e]) => e.key === 'Escape')).toHaveLength(0);
    expect(document.activeElement).toBe(thumb);
  });

  it('closes the viewer on a click', async () => {
    const a = image();
    answers.push(() => link(1));
    await show(h('div', null, h(Attachment, { a, host }), h(Lightbox, {})));
    await act(() => void fire(byTag(root, 'button'), 'click'));
    await act(() => void fire(byTag(byAttr(root, 'role', 'dialog')!, 'img'), 'click'));
    expect(byAttr(root, 'role', 'dialog')).toBeUndefined();
  });
});

describe('a file card', () => {
  it('names the file, its size and type, and links to a fresh signed URL', async () => {
    const a = pdf();
    answers.push(() => link(1));
    await show(h(Attachment, { a, host }));
    const card = byTag(byAttr(root, 'data-attachment-id', a.id)!, 'a');
    expect(byTag(card, 'b').textContent).toBe('invoice-2026.pdf');
    expect(byTag(card, 'small').textContent).toBe('2 KB · PDF');
    expect(card.getAttribute('href')).toBe('https://chat.test/files/o?e=1');
    expect(card.getAttribute('target')).toBe('_blank');
    const click = fire(card, 'click');
    expect(click.defaultPrevented).toBe(false);
  });

  it('without a usable link, opens a tab at once and sends it to the link once it arrives', async () => {
    const a = pdf();
    await show(h(Attachment, { a, host })); // the first request fails: no link yet
    const tab = { opener: {}, location: { href: '' }, close: vi.fn() };
    vi.stubGlobal('window', { open: vi.fn(() => tab) });
    answers.push(() => link(2));
    let click!: ReturnType<typeof fire>;
    await act(() => void (click = fire(byTag(root, 'a'), 'click')));
    await settle();
    expect(click.defaultPrevented).toBe(true);
    expect(window.open).toHaveBeenCalledWith('', '_blank');
    expect(tab).toMatchObject({ opener: null, location: { href: 'https://chat.test/files/o?e=2' } });
  });

  it('says so when the link cannot be had', async () => {
    const a = pdf();
    await show(h(Attachment, { a, host }));
    const tab = { close: vi.fn() };
    vi.stubGlobal('window', { open: () => tab });
    answers.push(() => json(404, { error: { code: 'not_found', message: 'File not found' } }));
    await act(() => void fire(byTag(root, 'a'), 'click'));
    await settle();
    expect(tab.close).toHaveBeenCalled();
    expect(byAttr(root, 'role', 'alert')!.textContent).toBe('File not found');
  });
});

describe('files that are gone', () => {
  it.each([
    ['expired', 'File expired'],
    ['infected', 'File blocked: a virus was found'],
  ] as const)('%s: says so, with the name and no link', async (status, text) => {
    const a = pdf({ status });
    await show(h(Attachment, { a, host }));
    const box = byAttr(root, 'data-attachment-id', a.id)!;
    expect(box.getAttribute('data-status')).toBe(status);
    expect(byTag(box, 'small').textContent).toBe(text);
    expect(byTag(box, 'b').textContent).toBe('invoice-2026.pdf');
    expect(findAll(box, (el) => el.localName === 'a' || el.localName === 'img')).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('an image whose link answers 410 shows as expired', async () => {
    const a = image();
    answers.push(() => json(410, { error: { code: 'file_expired', message: 'This file has expired.' } }));
    await show(h(Attachment, { a, host }));
    expect(byAttr(root, 'data-attachment-id', a.id)!.getAttribute('data-status')).toBe('expired');
    expect(root.textContent).toContain('File expired');
  });
});

describe('an upload', () => {
  const uploads = () => ({ cancel: vi.fn(), retry: vi.fn(), remove: vi.fn() });
  const base = { clientId: 'cid-1', name: 'shoe.jpg', size: 2_400_000, createdAt: '2026-03-01T10:00:00Z' };

  it('under way: name, size, progress and a cancel button', async () => {
    const u = uploads();
    await show(h(PendingUpload, { u: { ...base, state: 'uploading', progress: 0.5 }, uploads: u as never }));
    const row = byAttr(root, 'data-upload-state', 'uploading')!;
    expect(row.textContent).toContain('shoe.jpg');
    expect(row.textContent).toContain('2.3 MB');
    expect(byAttr(row, 'role', 'progressbar')!.getAttribute('aria-valuenow')).toBe('50');
    fire(button(row, 'Cancel upload'), 'click');
    expect(u.cancel).toHaveBeenCalledWith('cid-1');
  });

  it("failed: the error, Retry when it may work, and Remove", async () => {
    const u = uploads();
    await show(h(PendingUpload, { u: { ...base, state: 'failed', progress: 0, error: 'You can send 5 files a minute.', retryable: true }, uploads: u as never }));
    const row = byAttr(root, 'data-upload-state', 'failed')!;
    expect(byAttr(row, 'role', 'progressbar')).toBeUndefined();
    expect(byAttr(row, 'role', 'alert')!.textContent).toContain('You can send 5 files a minute.');
    fire(button(row, 'Retry'), 'click');
    fire(button(row, 'Remove'), 'click');
    expect(u.retry).toHaveBeenCalledWith('cid-1');
    expect(u.remove).toHaveBeenCalledWith('cid-1');

    await show(h(PendingUpload, { u: { ...base, state: 'failed', progress: 0, error: 'Files can be up to 10 MB.', retryable: false }, uploads: u as never }));
    expect(button(root, 'Retry')).toBeUndefined();
    expect(button(root, 'Remove')).toBeDefined();
  });
});

describe('the composer', () => {
  const props = { draft: '', onDraft() {}, onTyping() {}, onSend: () => true };

  it('has a paperclip and a file picker for the allowed types when the site takes files', async () => {
    const onFiles = vi.fn();
    await show(h(Composer, { ...props, files: { accept: 'image/*,.pdf,.png', onFiles } }));
    const clip = button(root, 'Attach a file')!;
    expect(clip.hasAttribute('disabled')).toBe(false);
    const input = byAttr(root, 'type', 'file') as FakeElement & { files?: File[]; value?: string; click?: () => void };
    expect(input.getAttribute('accept')).toBe('image/*,.pdf,.png');
    // No `capture`: phones offer the camera and the gallery both.
    expect(input.hasAttribute('capture')).toBe(false);
    input.click = vi.fn();
    fire(clip, 'click');
    expect(input.click).toHaveBeenCalled();
    const picked = new File(['x'], 'a.pdf');
    input.files = [picked];
    fire(input, 'change');
    expect(onFiles).toHaveBeenCalledWith([picked]);
    expect(input.value).toBe('');
  });

  it('sends an image pasted into the text box as a file (text pastes as text)', async () => {
    const onFiles = vi.fn();
    await show(h(Composer, { ...props, files: { onFiles } }));
    const area = byTag(root, 'textarea');
    const shot = new File(['x'], 'image.png', { type: 'image/png' });
    const paste = fire(area, 'paste', { clipboardData: { files: [shot] } });
    expect(paste.defaultPrevented).toBe(true);
    expect(onFiles).toHaveBeenCalledWith([shot]);
    const text = fire(area, 'paste', { clipboardData: { files: [] } });
    expect(text.defaultPrevented).toBe(false);
    expect(onFiles).toHaveBeenCalledTimes(1);
  });

  it('keeps the paperclip disabled until the files part is here (no picker without its types)', async () => {
    await show(h(Composer, { ...props, files: { onFiles() {} } }));
    expect(button(root, 'Attach a file')!.getAttribute('disabled')).toBe('true');
  });

  it('has no paperclip when the site takes no files', async () => {
    await show(h(Composer, props));
    expect(button(root, 'Attach a file')).toBeUndefined();
    expect(byAttr(root, 'type', 'file')).toBeUndefined();
  });
});
