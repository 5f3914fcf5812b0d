import { describe, expect, it } from 'vitest';
import { ApiError, setCsrfToken } from '../../api/client';
import { INTERRUPTED, xhrUpload, type UploadRequest, type XhrLike } from './api';

/** Records what the upload does with the request and lets the test answer it. */
class FakeXhr implements XhrLike {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  aborted = false;
  status = 0;
  responseText = '';
  upload: XhrLike['upload'] = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.();
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
}

const req: UploadRequest = { conversationId: 'c 1', clientId: 'client-123', caption: 'Look', kind: 'note', file: new Blob(['%PDF-1.4']), name: 'invoice.pdf' };

function start(signal = new AbortController().signal) {
  const xhr = new FakeXhr();
  const progress: number[][] = [];
  const promise = xhrUpload(req, { signal, onProgress: (l, t) => progress.push([l, t]) }, () => xhr);
  return { xhr, progress, promise };
}

describe('xhrUpload', () => {
  it('posts the text fields before the file, with the CSRF header', async () => {
    setCsrfToken('tok-1');
    const { xhr, promise } = start();
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/conversations/c%201/files']);
    expect(xhr.headers['x-csrf-token']).toBe('tok-1');
    const entries = [...xhr.body!.entries()];
    expect(entries.map(([k]) => k)).toEqual(['clientId', 'caption', 'kind', 'file']);
    expect(entries.slice(0, 3).map(([, v]) => v)).toEqual(['client-123', 'Look', 'note']);
    expect((entries[3]![1] as File).name).toBe('invoice.pdf');
    xhr.answer(201, { message: { id: 'm1', seq: 3 }, conversation: { id: 'c 1' } });
    await expect(promise).resolves.toMatchObject({ message: { id: 'm1' } });
    setCsrfToken(null);
  });

  it('reports upload progress', async () => {
    const { xhr, progress, promise } = start();
    xhr.upload.onprogress?.({ loaded: 10, total: 100, lengthComputable: true });
    xhr.upload.onprogress?.({ loaded: 0, total: 0, lengthComputable: false });
    xhr.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
    expect(progress).toEqual([
      [10, 100],
      [100, 100],
    ]);
    xhr.answer(200, { message: {}, conversation: {} });
    await promise;
  });

  it("rejects with the server's error code and message", async () => {
    const { xhr, promise } = start();
    xhr.answer(415, { error: { code: 'file_type_not_allowed', message: "This file isn't what its name says (it looks like an executable program)." } });
    const err = await promise.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 415, code: 'file_type_not_allowed', message: "This file isn't what its name says (it looks like an executable program)." });
  });

  it('a cut connection is a readable network error, a non-JSON failure a plain one', async () => {
    const a = start();
    a.xhr.onerror?.();
    await expect(a.promise).rejects.toMatchObject({ status: 0, code: 'network_error', message: INTERRUPTED });
    const b = start();
    b.xhr.answer(413, '<html>Request Entity Too Large</html>');
    await expect(b.promise).rejects.toMatchObject({ status: 413, code: 'http_413', message: 'This file is too large.' });
  });

  it('Cancel aborts the request and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const { xhr, promise } = start(controller.signal);
    controller.abort();
    expect(xhr.aborted).toBe(true);
    await expect(promise).rejects.toMatchObject({ name: 'AbortError' });
  });
});
