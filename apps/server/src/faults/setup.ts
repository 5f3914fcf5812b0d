/** Shared set-up of the fault scenarios: a site, agents signed in, visitors, and their chatter. */
import type { Ctx } from '../context';
import { buildAgent, buildSite, type BuiltAgent } from '../test/factories';
import { createVisitor } from '../modules/visitors/service';
import type { AgentClient, VisitorCredentials, WidgetClient } from './clients';
import { waitFor } from './cluster';

/** The page the widgets run on (one of the site's domains). */
export const VISITOR_ORIGIN = 'http://127.0.0.1:5555';

export interface Fixture {
  site: Awaited<ReturnType<typeof buildSite>>;
  agents: (BuiltAgent & { cookie: string; csrf: string })[];
  visitors: VisitorCredentials[];
}

/** A site with manual routing (chats stay queued unless a scenario accepts them), agents and visitors. */
export async function buildFixture(ctx: Ctx, loginUrl: (i: number) => string, counts: { agents: number; visitors: number }): Promise<Fixture> {
  const site = await buildSite(ctx, { domains: ['127.0.0.1'] });
  const agents: Fixture['agents'] = [];
  for (let i = 0; i < counts.agents; i++) {
    const a = await buildAgent(ctx, { siteIds: [site.id], pseudoName: `Agent${i}`, maxChats: 1000 });
    agents.push({ ...a, ...(await login(loginUrl(i), a)) });
  }
  const visitors: VisitorCredentials[] = [];
  for (let i = 0; i < counts.visitors; i++) {
    const v = await createVisitor(ctx, site, { persistent: true, ip: '127.0.0.1', userAgent: 'parley-fault-test' });
    visitors.push({ ...v, siteKey: site.widgetKey });
  }
  return { site, agents, visitors };
}

export async function login(url: string, agent: { email: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: agent.email, password: agent.password }) });
  const body = (await res.json()) as { csrfToken: string };
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(body)}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrfToken };
}

/** `POST /api/conversations/:id/accept` as that agent. */
export async function accept(url: string, agent: { cookie: string; csrf: string }, conversationId: string): Promise<void> {
  const res = await fetch(`${url}/api/conversations/${conversationId}/accept`, { method: 'POST', headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf } });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
}

export async function settled(clients: (WidgetClient | AgentClient)[], what: string, ms: number): Promise<void> {
  await waitFor(() => clients.every((c) => c.settled), `${what}: ${clients.filter((c) => !c.settled).length} of ${clients.length} not connected, synced and drained`, ms, 100);
}

/**
 * Each client writes a message every `everyMs` (± 20 %, first one at a random offset) until
 * `stop()`: continuous, evenly spread traffic.
 */
export class Chatter {
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(private readonly everyMs: number) {}

  add(write: (n: number) => void): void {
    let n = 0;
    const next = (delay: number) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (this.stopped) return;
        write(++n);
        next(this.everyMs * (0.8 + Math.random() * 0.4));
      }, delay);
      this.timers.add(t);
    };
    next(Math.random() * this.everyMs);
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
