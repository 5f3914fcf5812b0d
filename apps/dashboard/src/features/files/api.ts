import type { ConversationDto, ConversationFileDto, FileLinkDto, FilesReportDto, MessageDto } from '@parley/protocol';
import { api, apiErrorFrom, ApiError, csrfHeaders } from '../../api/client';

export async function fetchFileLink(id: string): Promise<FileLinkDto> {
  return api<FileLinkDto>(`/api/files/${encodeURIComponent(id)}/link`);
}

export async function fetchConversationFiles(conversationId: string): Promise<ConversationFileDto[]> {
  return (await api<{ files: ConversationFileDto[] }>(`/api/conversations/${encodeURIComponent(conversationId)}/files`)).files;
}

export async function fetchFilesReport(siteId: string): Promise<FilesReportDto> {
  return api<FilesReportDto>(`/api/sites/${encodeURIComponent(siteId)}/files/report`);
}

export interface UploadRequest {
  conversationId: string;
  /** Idempotency key of the message: a retry sends the same one. */
  clientId: string;
  caption: string;
  kind: 'text' | 'note';
  file: Blob;
  name: string;
}

export interface UploadAck {
  message: MessageDto;
  conversation: ConversationDto;
}

export interface UploadHooks {
  /** Bytes of the request body sent so far, of `total`. */
  onProgress(loaded: number, total: number): void;
  signal: AbortSignal;
}

/** How an upload is carried out (XHR in the app, a fake in tests). */
export type UploadTransport = (req: UploadRequest, hooks: UploadHooks) => Promise<UploadAck>;

/** The smallest part of XMLHttpRequest the upload uses (so tests can stand in for it). */
export interface XhrLike {
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  send(body: FormData): void;
  abort(): void;
  readonly status: number;
  readonly responseText: string;
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null };
  onload: (() => void) | null;
  onerror: (() => void) | null;
  onabort: (() => void) | null;
}

export const INTERRUPTED = 'The upload was interrupted. Check your connection and try again.';

/**
 * `POST /api/conversations/:id/files` as multipart: the text fields first (the server reads
 * them before the bytes), then the file. XHR rather than fetch because only XHR reports
 * upload progress. Rejects with the server's `ApiError`, or an `AbortError` when cancelled.
 */
export function xhrUpload(req: UploadRequest, hooks: UploadHooks, createXhr: () => XhrLike = () => new XMLHttpRequest() as unknown as XhrLike): Promise<UploadAck> {
  return new Promise<UploadAck>((resolve, reject) => {
    if (hooks.signal.aborted) {
      reject(new DOMException('Upload cancelled', 'AbortError'));
      return;
    }
    const form = new FormData();
    form.append('clientId', req.clientId);
    form.append('caption', req.caption);
    form.append('kind', req.kind);
    form.append('file', req.file, req.name);

    const xhr = createXhr();
    const onAbort = () => xhr.abort();
    const done = () => hooks.signal.removeEventListener('abort', onAbort);
    xhr.open('POST', `/api/conversations/${encodeURIComponent(req.conversationId)}/files`);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) hooks.onProgress(e.loaded, e.total);
    };
    xhr.onload = () => {
      done();
      let data: unknown = undefined;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data && typeof data === 'object' && 'message' in data) resolve(data as UploadAck);
      else reject(xhr.status >= 200 && xhr.status < 300 ? new ApiError(xhr.status, 'bad_response', 'The server sent an unexpected answer. Please try again.') : apiErrorFrom(xhr.status, data));
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'network_error', INTERRUPTED));
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException('Upload cancelled', 'AbortError'));
    };
    hooks.signal.addEventListener('abort', onAbort);
    xhr.send(form);
  });
}
