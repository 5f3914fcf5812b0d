/**
 * A stand-in for the visitor's Socket.IO socket: several listeners per event (the store, the
 * SDK, tracking and prompts all listen), every emit recorded with its ack.
 */
type Handler = (...args: unknown[]) => void;
type Ack = (answer: unknown) => void;

export class FakeSocket {
  connected = false;
  active = true;
  private handlers = new Map<string, Handler[]>();
  sent: { event: string; payload: Record<string, unknown>; ack?: Ack }[] = [];

  on(event: string, fn: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), fn]);
    return this;
  }
  emit(event: string, payload: Record<string, unknown>, ack?: Ack) {
    this.sent.push({ event, payload, ack });
    return this;
  }
  /** Acks through `timeout()` take (err, answer); ours answer without an error. */
  timeout() {
    return { emit: (event: string, payload: Record<string, unknown>, ack: (err: unknown, answer: unknown) => void) => this.emit(event, payload, (answer) => ack(null, answer)) };
  }
  fire(event: string, ...args: unknown[]) {
    for (const fn of this.handlers.get(event) ?? []) fn(...args);
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  disconnect() {
    this.connected = false;
  }
  /** Emits of one event, oldest first. */
  all(event: string) {
    return this.sent.filter((s) => s.event === event);
  }
  last(event: string) {
    return this.all(event).at(-1)!;
  }
}
