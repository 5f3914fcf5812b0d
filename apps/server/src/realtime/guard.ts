import { and, eq, inArray } from 'drizzle-orm';
import type { Ack } from '@parley/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../context';
import { conversations } from '../db/schema';
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
 *   minute, both keyed by visitor so reconnecting does not help, and new conversations per
 *   minute per IP address. Other visitors have their own buckets and go on as usual.
 * Typing has no ack: over the limit it is dropped silently.
 */
export function guardSocket(socket: IoSocket, ctx: Ctx, limiter: RateLimiter, log: FastifyBaseLogger) {
  const actor = socket.data.actor;
  const limits = ctx.config.limits;
  const messages: Rule = { name: 'visitor-messages', perMinute: limits.visitorMessagesPerMinute };
  const events: Rule = { name: 'visitor-events', perMinute: limits.visitorEventsPerMinute };
  const starts: Rule = { name: 'conversation-starts', perMinute: limits.conversationStartsPerMinute };
  const ip = handshakeIp(socket.handshake, ctx.config.trustProxy);

  socket.use((packet, next) => {
    const [event, ...args] = packet as [string, ...unknown[]];
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (a: Ack<never>) => void) : undefined;
    const refuse = (r: Refusal) => ack?.({ ok: false, error: r });
    // (A hostile frame can carry no event name at all: `listeners(undefined)` would throw.)
    if (typeof event !== 'string' || socket.listeners(event as 'message').length === 0) return refuse({ code: 'forbidden', message: 'This event is not available on this connection' });
    if (actor.kind !== 'visitor') return next();
    visitorCheck(actor, event, args[0]).then(
      (refusal) => (refusal ? refuse(refusal) : next()),
      (err) => {
        // A failed check must not cost the visitor their message.
        log.warn({ err }, 'socket rate limit check failed');
        next();
      },
    );
  });

  async function visitorCheck(v: VisitorActor, event: string, payload: unknown): Promise<Refusal | undefined> {
    if (event !== 'message') {
      return (await limiter.take(events, v.visitorId)) ? undefined : { code: 'rate_limited', message: 'Too many requests; wait a moment and try again' };
    }
    if (!(await limiter.take(messages, v.visitorId))) return { code: 'rate_limited', message: 'You are sending messages too fast; wait a moment and try again' };
    if ((await startsConversation(v, payload)) && !(await limiter.take(starts, ip))) {
      return { code: 'rate_limited', message: 'Too many new chats from your network; try again in a few minutes' };
    }
    return undefined;
  }

  /** Whether this message would start a conversation: the visitor has no open one (or names one that is not open). */
  async function startsConversation(v: VisitorActor, payload: unknown): Promise<boolean> {
    const named = (payload as { conversationId?: unknown } | undefined)?.conversationId;
    const open = inArray(conversations.status, ['queued', 'active']);
    const where = typeof named === 'string' && /^[0-9a-f-]{36}$/i.test(named) ? and(eq(conversations.id, named), eq(conversations.visitorId, v.visitorId), open) : and(eq(conversations.visitorId, v.visitorId), open);
    const [row] = await ctx.db.select({ id: conversations.id }).from(conversations).where(where).limit(1);
    return !row;
  }
}
