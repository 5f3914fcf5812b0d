import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@parley/protocol';
import type { AgentActor, VisitorActor } from '../modules/auth/actors';

export interface SocketData {
  /** Visitor: fixed for the connection. Agent: re-read from the session (see actorOf). */
  actor: AgentActor | VisitorActor;
  sessionToken?: string;
  actorLoadedAt: number;
  /** Visitors: takes one chat start from this address's bucket (realtime/guard.ts); false = over the limit. */
  takeChatStart?: () => Promise<boolean>;
}
export type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
