import type { FastifyBaseLogger } from 'fastify';
import type { NotificationDto } from '@parley/protocol';
import type { Ctx } from '../../context';
import type { DomainEvent } from '../../events/bus';
import { pushToAgent, type PushMessage } from '../push/service';
import { vapidKeys } from '../push/vapid';
import { presentNotification } from './presenter';
import { storeNotice } from './service';
import { noticesFor, TRIGGERS } from './triggers';

const URGENT = new Set<NotificationDto['type']>(['waiting', 'transfer', 'mention']);

export function pushMessageFor(n: NotificationDto): PushMessage {
  return { title: n.title, body: n.body, url: n.conversationId ? `/conversations/${n.conversationId}` : '/', tag: n.conversationId ?? n.id, type: n.type };
}

/**
 * Turns domain events into per-agent notifications (stored, pushed live and by Web Push).
 * Work runs after the emitting service has returned; events of one chat are handled in
 * order (so `message` notifications collapse reliably). Returns a stop function that waits
 * for work in flight.
 */
export function startNotifications(ctx: Ctx, log: FastifyBaseLogger): () => Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  const chains = new Map<string, Promise<void>>();
  const track = (p: Promise<unknown>) => {
    inFlight.add(p);
    const done = () => inFlight.delete(p);
    p.then(done, done);
  };

  async function handle(event: DomainEvent) {
    for (const notice of await noticesFor(ctx.db, event)) {
      for (const row of await storeNotice(ctx.db, notice)) {
        const notification = presentNotification(row);
        ctx.bus.emit({ name: 'notification.created', workspaceId: row.workspaceId, agentId: row.agentId, notification });
        track(pushToAgent(ctx, log, row.agentId, pushMessageFor(notification), URGENT.has(notification.type) ? 'high' : 'normal'));
      }
    }
  }

  const off = ctx.bus.on((event) => {
    if (!TRIGGERS.has(event.name) || !('ref' in event)) return;
    const key = event.ref.conversationId;
    const next = (chains.get(key) ?? Promise.resolve()).then(() => handle(event)).catch((err: unknown) => log.error({ err, event: event.name }, 'notification failed'));
    chains.set(key, next);
    track(next.then(() => chains.get(key) === next && chains.delete(key)));
  });

  // Create the VAPID keys at boot rather than in the middle of the first notification.
  track(vapidKeys(ctx.db).catch((err: unknown) => log.error({ err }, 'could not load or create the VAPID keys')));

  return async () => {
    off();
    // Finished work can start more (a stored notification starts its pushes): drain until empty.
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };
}
