import type { Ack } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../context';
import type { VisitorActor } from '../modules/auth/actors';
import { handshakeIp } from '../modules/tracking/ip';
import type { RateLimiter, Rule } from './limits';
import type { IoSocket } from './types';

type Refusal = { code: 'forbidden' | 'rate_limited'; message: string };

/**
 * Runs before every event a socket sends, ahead of its handler:
 * - an event this connection has no handler for (a visitor sending an agent's event, a
 *   made-up name) is answered `forbidden` at once, instead of leaving the client waiting;
 * - a visitor over their flood limits is answered `rate_limited` and the event is dropped
 *   (nothing stored, nothing fanned out): chat messages per minute, other events per
 *   minute, both keyed by visitor so reconnecting does not help. Other visitors have their
 *   own buckets and go on as usual.
 * New conversations per minute per IP address are counted where a send decides to start one
 * (`sendMessage`, through `socket.data.takeChatStart`): no guess here, no extra query.
 * Typing has no ack: over the limit it is dropped silently.
 */
export function guardSocket(socket: IoSocket, ctx: Ctx, limiter: RateLimiter, log: FastifyBaseLogger) {
  const actor = socket.data.actor;
  const limits = ctx.config.limits;
  const messages: Rule = { name: 'visitor-messages', perMinute: limits.visitorMessagesPerMinute };
  const events: Rule = { name: 'visitor-events', perMinute: limits.visitorEventsPerMinute };
  const starts: Rule = { name: 'conversation-starts', perMinute: limits.conversationStartsPerMinute };
  const ip = handshakeIp(socket.handshake, ctx.config.trustProxy);
  if (actor.kind === 'visitor') socket.data.takeChatStart = () => limiter.take(starts, ip);

  socket.use((packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]];
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (a: Ack<never>) => void) : undefined;
    const refuse = (r: Refusal) => ack?.({ ok: false, error: r });
    // (A hostile frame can carry no event name at all: `listeners(undefined)` would throw.)
    if (typeof event !== 'string' || socket.listeners(event as 'message').length === 0) return refuse({ code: 'forbidden', message: 'This event is not available on this connection' });
    if (actor.kind !== 'visitor') return next();
    visitorCheck(actor, event).then(
      (refusal) => (refusal ? refuse(refusal) : next()),
      (err) => {
        // A failed check must not cost the visitor their message.
        log.warn({ err }, 'socket rate limit check failed');
        next();
      },
    );
  });

  async function visitorCheck(v: VisitorActor, event: string): Promise<Refusal | undefined> {
    if (event !== 'message') {
      return (await limiter.take(events, v.visitorId)) ? undefined : { code: 'rate_limited', message: 'Too many requests; wait a moment and try again' };
    }
    return (await limiter.take(messages, v.visitorId)) ? undefined : { code: 'rate_limited', message: 'You are sending messages too fast; wait a moment and try again' };
  }
}
