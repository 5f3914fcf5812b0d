import type { FastifyBaseLogger } from 'fastify';
import type { Ctx } from '../../context';
import type { DomainEvent } from '../../events/bus';
import { queueOf, routeSite, sitesWithQueue } from './service';

/**
 * Runs routing and queue-position updates after anything that can change them: a chat
 * starting, ending or being transferred, an agent's status. Passes are coalesced per
 * workspace: while one runs, further triggers mark it dirty and one more pass follows.
 */
export class RoutingScheduler {
  private running = new Map<string, Promise<void>>();
  private dirty = new Map<string, Set<string>>();

  constructor(
    private ctx: Ctx,
    private log: FastifyBaseLogger,
  ) {}

  /** Route `siteIds` (and every site with a queue) of the workspace soon. */
  kick(workspaceId: string, siteIds: string[] = []): Promise<void> {
    const pending = this.dirty.get(workspaceId) ?? new Set<string>();
    for (const id of siteIds) pending.add(id);
    this.dirty.set(workspaceId, pending);
    const current = this.running.get(workspaceId);
    if (current) return current;
    const run = (async () => {
      try {
        while (this.dirty.has(workspaceId)) {
          const touched = this.dirty.get(workspaceId)!;
          this.dirty.delete(workspaceId);
          await this.pass(workspaceId, touched);
        }
      } catch (err) {
        this.log.error({ err, workspaceId }, 'routing pass failed');
      } finally {
        this.running.delete(workspaceId);
      }
    })();
    this.running.set(workspaceId, run);
    return run;
  }

  /** Waits for every running pass (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private async pass(workspaceId: string, touched: Set<string>) {
    const queued = await sitesWithQueue(this.ctx.db, workspaceId);
    for (const siteId of queued) await routeSite(this.ctx, workspaceId, siteId);
    for (const siteId of new Set([...queued, ...touched])) {
      const entries = await queueOf(this.ctx.db, workspaceId, siteId);
      if (entries.length) this.ctx.bus.emit({ name: 'queue.changed', entries });
    }
  }

  /** The bus listener: which events call for a pass. */
  onEvent = (e: DomainEvent) => {
    switch (e.name) {
      case 'conversation.created':
      case 'conversation.status_changed':
      case 'conversation.transferred':
        void this.kick(e.ref.workspaceId, [e.ref.siteId]);
        break;
      case 'conversation.assigned':
        // That visitor leaves the line and the others move up.
        this.ctx.bus.emit({ name: 'queue.changed', entries: [{ visitorId: e.ref.visitorId, conversationId: e.ref.conversationId, queue: null }] });
        void this.kick(e.ref.workspaceId, [e.ref.siteId]);
        break;
      case 'agent.status_changed':
      case 'agent.sites_changed':
        void this.kick(e.workspaceId);
        break;
      default:
    }
  };
}
