/** An XMLHttpRequest the test answers by hand (for uploads): what was sent, progress, the answer. */
export class FakeXhr {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: FormData | null = null;
  aborted = false;
  status = 0;
  responseText = '';
  upload: { onprogress?: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {};
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  ontimeout: (() => void) | null = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  send(body: FormData) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
  }

  /** `loaded` of `total` bytes went out. */
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  /** The server answered (JSON unless a string is given). */
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.();
  }
  /** The connection broke. */
  fail() {
    this.onerror?.();
  }
  /** The text fields and the file's name, in the order they were sent. */
  fields(): [string, string][] {
    return [...(this.body?.entries() ?? [])].map(([k, v]) => [k, typeof v === 'string' ? v : `file:${v.name}`]);
  }
}
