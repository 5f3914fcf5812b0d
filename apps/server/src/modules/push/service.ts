import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import webpush from 'web-push';
import type { NotificationType, PushSubscriptionBody } from '@parley/protocol';
import type { Ctx } from '../../context';
import { pushSubscriptions } from '../../db/schema';
import { AppError } from '../../errors';
import { newId } from '../../ids';
import type { AgentActor } from '../auth/actors';
import { originAllowed } from '../sites/origins';
import { vapidKeys } from './vapid';

/** What the dashboard's service worker receives (JSON, encrypted for the browser). */
export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
  type: NotificationType;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);
const MAX_PER_AGENT = 10;
const TTL_SECONDS = 3600;
const TIMEOUT_MS = 10_000;
const PARALLEL_SENDS = 8;

/**
 * The server POSTs to whatever endpoint a browser hands it, so only the push services' own
 * hosts are allowed (no SSRF into the private network), and only over https.
 * Returns why an endpoint is refused, or null.
 */
export function endpointProblem(endpoint: string, allowedHosts: string[]): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'The push endpoint is not a URL';
  }
  if (!originAllowed(endpoint, allowedHosts)) return `Push endpoints on ${url.hostname} are not allowed (see PUSH_ALLOWED_HOSTS)`;
  if (url.protocol !== 'https:' && !LOOPBACK.has(url.hostname)) return 'Push endpoints must use https';
  return null;
}

const isKey = (value: string, bytes: (n: number) => boolean) => /^[A-Za-z0-9_-]+=*$/.test(value) && bytes(Buffer.from(value, 'base64url').length);

/** `POST /api/push/subscriptions`: this browser now receives the signed-in agent's pushes. */
export async function subscribe(ctx: Ctx, actor: AgentActor, body: PushSubscriptionBody, userAgent: string | undefined) {
  const problem = endpointProblem(body.endpoint, ctx.config.pushAllowedHosts);
  if (problem) throw new AppError('bad_request', problem);
  // An uncompressed P-256 point and a 16-byte secret; anything else would only fail at send time.
  if (!isKey(body.keys.p256dh, (n) => n === 65) || !isKey(body.keys.auth, (n) => n >= 16)) throw new AppError('validation_failed', 'keys: not a valid push subscription key pair');
  const row = { workspaceId: actor.workspaceId, agentId: actor.agentId, p256dh: body.keys.p256dh, auth: body.keys.auth, userAgent: userAgent?.slice(0, 300) ?? null };
  // Upsert by endpoint: a browser shared by two agents belongs to whoever signed in last.
  await ctx.db
    .insert(pushSubscriptions)
    .values({ id: newId(), endpoint: body.endpoint, ...row })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: row });
  const keep = ctx.db.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(eq(pushSubscriptions.agentId, actor.agentId)).orderBy(desc(pushSubscriptions.createdAt)).limit(MAX_PER_AGENT);
  await ctx.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.agentId, actor.agentId), notInArray(pushSubscriptions.id, keep)));
}

/** `DELETE /api/push/subscriptions`: idempotent; only the agent's own subscription. */
export async function unsubscribe(ctx: Ctx, actor: AgentActor, endpoint: string) {
  await ctx.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.endpoint, endpoint), eq(pushSubscriptions.agentId, actor.agentId)));
}

// A small process-wide gate: a burst of notifications must not open hundreds of sockets at once.
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(job: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL_SENDS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Sends `message` to every browser the agent subscribed; gone subscriptions (404/410) are deleted. Never throws. */
export async function pushToAgent(ctx: Ctx, log: FastifyBaseLogger, agentId: string, message: PushMessage, urgency: 'normal' | 'high') {
  try {
    const subs = await ctx.db.select().from(pushSubscriptions).where(eq(pushSubscriptions.agentId, agentId));
    if (subs.length === 0) return;
    const keys = await vapidKeys(ctx.db);
    const payload = JSON.stringify(message);
    // Topic: an undelivered push for the same chat is replaced rather than queued (max 32 chars).
    const topic = message.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || undefined;
    await Promise.all(
      subs.map((sub) =>
        limited(async () => {
          const problem = endpointProblem(sub.endpoint, ctx.config.pushAllowedHosts);
          if (problem) return log.warn({ subscriptionId: sub.id }, `push skipped: ${problem}`);
          const req = webpush.generateRequestDetails({ endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } }, payload, {
            vapidDetails: { subject: ctx.config.vapidSubject, ...keys },
            TTL: TTL_SECONDS,
            urgency,
            topic,
          });
          const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
          try {
            // No redirects: the allow-list check above must hold for the host actually contacted.
            const res = await fetch(sub.endpoint, { method: 'POST', headers, body: new Uint8Array(req.body), redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
            await res.body?.cancel();
            if (res.status === 404 || res.status === 410) await ctx.db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, sub.id));
            else if (res.ok) await ctx.db.update(pushSubscriptions).set({ lastSuccessAt: new Date() }).where(eq(pushSubscriptions.id, sub.id));
            else log.warn({ subscriptionId: sub.id, status: res.status }, 'push service refused a notification');
          } catch (err) {
            log.warn({ subscriptionId: sub.id, err: (err as Error).message }, 'push delivery failed');
          }
        }),
      ),
    );
  } catch (err) {
    log.error({ err, agentId }, 'push failed');
  }
}
