/** Talking to the Parley server: the two widget REST calls and the visitor's socket. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, OfflineMessageBody, ServerToClientEvents, VisitorAuth, WidgetConfigDto } from '@parley/protocol';

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

/**
 * `POST /api/widget/visitors`: on the visitor's first interaction, or at page load when the
 * site tracks visitors. `persistent: false` = the widget keeps the credentials in memory only
 * (until the visitor interacts), so the server may hand back today's anonymous visitor.
 */
export function createVisitor(base: string, siteKey: string, persistent = true): Promise<{ visitorId: string; token: string }> {
  return request(`${base}/api/widget/visitors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ siteKey, persistent }),
  });
}

/**
 * `POST /api/widget/offline-messages`: a message left while nobody can chat. With the
 * visitor's credentials when the widget has them; answers the (possibly new) visitor's.
 */
export function postOfflineMessage(base: string, body: OfflineMessageBody): Promise<{ visitorId: string; token: string; conversationId: string }> {
  return request(`${base}/api/widget/offline-messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/**
 * Opens the visitor's socket. Socket.IO's own reconnection is off: `reconnect.ts` drives
 * `socket.connect()` on the promised schedule; the store resyncs on each connect.
 */
export function openSocket(base: string, auth: VisitorAuth): VisitorSocket {
  return io(base, {
    auth,
    // WebSocket first (no sticky sessions needed); long-polling when WebSockets are blocked.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnection: false,
  });
}
