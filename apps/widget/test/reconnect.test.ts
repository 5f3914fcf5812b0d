import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector, reconnectDelay, type Reconnectable } from '../src/app/reconnect';

/** A socket whose connection attempts fail until told otherwise; records when each attempt happened. */
class FlakySocket {
  connected = false;
  active = true;
  up = false;
  attempts: number[] = [];
  private handlers = new Map<string, ((arg?: unknown) => void)[]>();
  on(event: string, fn: (arg?: unknown) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  fire(event: string, arg?: unknown) {
    for (const fn of this.handlers.get(event) ?? []) fn(arg);
  }
  connect() {
    this.attempts.push(Date.now());
    // The attempt's outcome arrives asynchronously, like a real handshake.
    queueMicrotask(() => {
      if (this.up) {
        this.connected = true;
        this.fire('connect');
      } else this.fire('connect_error', new Error('xhr poll error'));
    });
  }
  drop(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }
}

let socket: FlakySocket;
let start: number;
const since = () => socket.attempts.map((t) => t - start);

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  socket = new FlakySocket();
  socket.connected = true;
  new Reconnector(socket as Reconnectable);
  start = Date.now();
});
afterEach(() => vi.useRealTimers());

describe('widget reconnection schedule', () => {
  it('is immediate, 2 s, 5 s, 10 s, 30 s, then every 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 12].map(reconnectDelay)).toEqual([0, 2_000, 5_000, 10_000, 30_000, 30_000, 30_000]);
  });

  it('retries a lost connection on that schedule, each delay counted from the failed attempt', async () => {
    socket.drop();
    await vi.advanceTimersByTimeAsync(0 + 2_000 + 5_000 + 10_000 + 30_000 + 30_000 + 30_000);
    expect(since()).toEqual([0, 2_000, 7_000, 17_000, 47_000, 77_000, 107_000]);
  });

  it('a successful attempt resets the schedule', async () => {
    socket.drop();
    await vi.advanceTimersByTimeAsync(7_000); // attempts at 0, 2 s, 7 s
    socket.up = true;
    await vi.advanceTimersByTimeAsync(10_000); // the 17 s attempt connects
    expect(socket.connected).toBe(true);
    expect(since()).toEqual([0, 2_000, 7_000, 17_000]);

    socket.up = false;
    const again = Date.now();
    socket.drop('ping timeout');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(socket.attempts.slice(4).map((t) => t - again)).toEqual([0, 2_000]);
  });

  it('does not come back after our own disconnect(), nor after a refused handshake', async () => {
    socket.drop('io client disconnect');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.attempts).toEqual([]);

    socket.active = false;
    socket.fire('connect_error', new Error('unauthenticated'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(socket.attempts).toEqual([]);
  });

  it('now() tries at once instead of waiting for the scheduled attempt; stop() ends it all', async () => {
    const s = new FlakySocket();
    const r = new Reconnector(s as Reconnectable);
    s.fire('disconnect', 'transport close');
    await vi.advanceTimersByTimeAsync(3_000); // attempts at 0 and 2 s; the next is due at 7 s
    r.now();
    expect(s.attempts.length).toBe(3);
    r.stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(s.attempts.length).toBe(3);
  });
});
