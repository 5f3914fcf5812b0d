/** Talking to the Parley server: the two widget REST calls and the visitor's socket. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, VisitorAuth, WidgetConfigDto } from '@parley/protocol';

export type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A refusal from the server (`{ error: { code, message } }`) or a network failure (status 0). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, credentials: 'omit', mode: 'cors' });
  } catch {
    throw new HttpError(0, 'network', 'Could not reach the chat server');
  }
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!res.ok) throw new HttpError(res.status, body?.error?.code ?? 'http_' + res.status, body?.error?.message ?? 'The chat server refused the request');
  return body as T;
}

/** `GET /api/widget/config` (tolerates a `{ config }` wrapper). */
export async function fetchConfig(base: string, siteKey: string): Promise<WidgetConfigDto> {
  const body = await request<WidgetConfigDto | { config: WidgetConfigDto }>(`${base}/api/widget/config?siteKey=${encodeURIComponent(siteKey)}`);
  return 'config' in body ? body.config : body;
}

/** `POST /api/widget/visitors`: only on the visitor's first real interaction. */
export function createVisitor(base: string, siteKey: string): Promise<{ visitorId: string; token: string }> {
  return request(`${base}/api/widget/visitors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteKey }),
  });
}

/** Opens the visitor's socket; Socket.IO reconnects by itself, the store resyncs on each connect. */
export function openSocket(base: string, auth: VisitorAuth): VisitorSocket {
  return io(base, {
    auth,
    // WebSocket first (no sticky sessions needed); long-polling when WebSockets are blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
}
