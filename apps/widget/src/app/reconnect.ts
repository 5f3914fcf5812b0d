/**
 * Reconnection with our own schedule: immediately, then after 2 s, 5 s, 10 s and 30 s, then
 * every 30 s. Socket.IO's built-in reconnection is switched off (transport.ts) and this
 * drives `socket.connect()` instead, so the schedule is the one the visitor is promised and
 * a refused handshake can be retried on the same terms.
 */

/** Delay before each attempt, in ms; the last one repeats. */
const RECONNECT_DELAYS = [0, 2_000, 5_000, 10_000, 30_000] as const;

/** The delay before attempt `n` (0-based) of a run of failures. */
export function reconnectDelay(attempt: number): number {
  return RECONNECT_DELAYS[Math.min(Math.max(0, attempt), RECONNECT_DELAYS.length - 1)];
}

/** The part of a Socket.IO socket this needs. */
export interface Reconnectable {
  readonly connected: boolean;
  /** true while the socket wants to be connected (false after a refused handshake). */
  readonly active: boolean;
  connect(): unknown;
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  on(event: 'connect_error', fn: (err: Error) => void): unknown;
}

interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

/**
 * Keeps one socket connected. A lost connection and a failed attempt (network) schedule the
 * next attempt; a refused handshake (`socket.active` false) is left to the caller, who may
 * `retry()` it. A connect resets the schedule.
 *
 * @example
 *   const r = new Reconnector(socket);
 *   socket.on('connect_error', (e) => { if (!socket.active && refusedForNow(e)) r.retry(); });
 */
export class Reconnector {
  private attempt = 0;
  private timer: unknown = null;
  private stopped = false;

  constructor(
    private readonly socket: Reconnectable,
    private readonly timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>) },
  ) {
    socket.on('connect', () => {
      this.attempt = 0;
      this.cancel();
    });
    socket.on('disconnect', (reason) => {
      // Our own disconnect() means "stay away".
      if (reason !== 'io client disconnect') this.retry();
    });
    socket.on('connect_error', () => {
      if (socket.active) this.retry();
    });
  }

  /** Schedules the next attempt of the schedule (no-op when one is already scheduled). */
  retry(): void {
    if (this.stopped || this.timer !== null || this.socket.connected) return;
    const delay = reconnectDelay(this.attempt++);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (!this.stopped && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  /** The network is back: try now instead of waiting for the scheduled attempt. */
  now(): void {
    if (this.stopped || this.socket.connected) return;
    this.cancel();
    this.socket.connect();
  }

  /** For good (the visitor was forgotten or refused). */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
