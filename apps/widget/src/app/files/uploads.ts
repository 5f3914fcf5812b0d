/**
 * The visitor's uploads while they are not messages yet. Each file is one `POST
 * /api/widget/files` sent with XMLHttpRequest (fetch reports no upload progress), carrying a
 * clientId for life: a retry after a lost answer returns the stored message instead of a
 * second one (the server dedupes like a `message` send). The answer is merged like a
 * `message` ack (`store.acked`); the message may also come first through the socket, so the
 * list hides uploads whose message is already shown (`pending`).
 *
 *   uploading ──201/200──▶ (gone: the message shows)
 *       │ ╲──refused / network──▶ failed ──retry──▶ uploading
 *       └─ cancel (abort) ──▶ (gone)        └─ remove ──▶ (gone)
 *
 * Files too big or of a type the site does not take fail at once, in the server's words.
 */
import type { ConversationDto, FileSettings, MessageDto } from '@parley/protocol';
import { W } from '../i18n/window';
import { newClientId } from '../state';
import type { Store } from '../store';
import { named, refusal } from './check';
import { visitorHeaders } from './links';

export interface Upload {
  clientId: string;
  name: string;
  size: number;
  createdAt: string;
  state: 'uploading' | 'failed';
  /** Share of the bytes sent, 0 to 1. */
  progress: number;
  /** Why it failed (the server's message, or ours). */
  error?: string;
  /** Trying again may work (network, server trouble, too many at once); refused files only offer Remove. */
  retryable?: boolean;
}

/** What uploads need from the store. */
export type UploadHost = Pick<Store, 'base' | 'siteKey' | 'identity' | 'ready' | 'startFields' | 'acked'> & { state: { messages: MessageDto[] } };

type Limits = Pick<FileSettings, 'allowedTypes' | 'maxSizeMb'>;
type Answer = { message?: MessageDto; conversation?: ConversationDto; error?: { code?: string; message?: string } };

export class Uploads {
  list: Upload[] = [];
  private files = new Map<string, { file: File; limits: Limits; xhr?: XMLHttpRequest }>();
  private listeners = new Set<() => void>();

  constructor(
    private readonly host: UploadHost,
    private readonly newRequest: () => XMLHttpRequest = () => new XMLHttpRequest(),
  ) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The uploads to show: those whose message has not arrived yet. */
  pending(messages: readonly MessageDto[]): Upload[] {
    return this.list.filter((u) => !messages.some((m) => m.clientId === u.clientId));
  }

  /** Starts sending a file; one this site would refuse fails at once with the server's words. */
  add(picked: File, limits: Limits): Upload {
    const file = named(picked);
    const clientId = newClientId();
    const error = refusal(file, limits);
    const upload: Upload = { clientId, name: file.name, size: file.size, createdAt: new Date().toISOString(), state: error ? 'failed' : 'uploading', progress: 0, ...(error && { error }) };
    this.files.set(clientId, { file, limits });
    this.set([...this.list, upload]);
    if (!error) void this.send(clientId);
    return upload;
  }

  /** The visitor stops an upload under way (× button): it is aborted and forgotten. */
  cancel(clientId: string): void {
    this.remove(clientId);
  }

  /** Sends a failed upload again, with the same clientId. */
  retry(clientId: string): void {
    const u = this.list.find((x) => x.clientId === clientId);
    if (u?.state !== 'failed') return;
    this.patch(clientId, { state: 'uploading', progress: 0, error: undefined, retryable: undefined });
    void this.send(clientId);
  }

  /** Forgets an upload (aborting it if it is under way). */
  remove(clientId: string): void {
    const held = this.files.get(clientId);
    this.files.delete(clientId);
    held?.xhr?.abort();
    this.set(this.list.filter((u) => u.clientId !== clientId));
  }

  private async send(clientId: string): Promise<void> {
    try {
      // Creates the visitor on a first interaction, and makes sure the conversation is known.
      await this.host.ready();
    } catch (e) {
      return this.fail(clientId, (e as Error).message || W().errNetwork, true);
    }
    const held = this.files.get(clientId);
    if (!held) return; // cancelled meanwhile
    const { file, limits } = held;
    const form = new FormData();
    // Text fields first: the server reads them before the file's bytes stream in.
    form.append('clientId', clientId);
    for (const [k, v] of Object.entries(this.host.startFields())) if (v) form.append(k, v);
    form.append('file', file, file.name);

    const xhr = (held.xhr = this.newRequest());
    xhr.open('POST', `${this.host.base}/api/widget/files`);
    try {
      for (const [k, v] of Object.entries(visitorHeaders(this.host))) xhr.setRequestHeader(k, v);
    } catch (e) {
      return this.fail(clientId, (e as Error).message, true);
    }
    xhr.upload.onprogress = (e) => e.lengthComputable && this.patch(clientId, { progress: e.loaded / e.total });
    xhr.onload = () => {
      if (this.files.get(clientId)?.xhr !== xhr) return;
      let answer: Answer | null = null;
      try {
        answer = JSON.parse(xhr.responseText) as Answer;
      } catch {
        // a proxy's HTML error page
      }
      if (xhr.status < 300 && answer?.message && answer.conversation) {
        this.host.acked(answer.message, answer.conversation);
        this.forget(clientId);
      } else {
        const error = answer?.error?.message || (xhr.status === 413 ? W().fileTooLarge(limits.maxSizeMb) : W().errNetwork);
        this.fail(clientId, error, !answer?.error || xhr.status >= 500 || xhr.status === 429 || xhr.status === 408);
      }
    };
    xhr.onerror = xhr.ontimeout = () => this.files.get(clientId)?.xhr === xhr && this.fail(clientId, W().errNetwork, true);
    xhr.send(form);
  }

  private fail(clientId: string, error: string, retryable: boolean): void {
    const held = this.files.get(clientId);
    if (!held) return;
    held.xhr = undefined;
    // Stored after all (its message came through the socket): nothing failed.
    if (this.host.state.messages.some((m) => m.clientId === clientId)) return this.forget(clientId);
    this.patch(clientId, { state: 'failed', error, retryable });
  }

  private forget(clientId: string): void {
    this.files.delete(clientId);
    this.set(this.list.filter((u) => u.clientId !== clientId));
  }

  private patch(clientId: string, change: Partial<Upload>): void {
    this.set(this.list.map((u) => (u.clientId === clientId ? { ...u, ...change } : u)));
  }

  private set(list: Upload[]): void {
    this.list = list;
    this.listeners.forEach((fn) => fn());
  }
}

const byStore = new WeakMap<object, Uploads>();

/** The uploads of a store (kept while the window closes and opens again). */
export function uploadsFor(host: UploadHost): Uploads {
  let u = byStore.get(host);
  if (!u) byStore.set(host, (u = new Uploads(host)));
  return u;
}
