import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';

export type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One Socket.IO connection to the same origin. The session cookie authenticates it (no
 * auth payload); Socket.IO reconnects with backoff on its own.
 */
export function createSocket(): AgentSocket {
  return io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
}
