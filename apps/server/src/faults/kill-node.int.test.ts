import { describe, expect, it } from 'vitest';
import { env, missing } from './cluster';
import { killNodeDefaults, runKillNode } from './kill-node';

const skip = missing({ database: true, redis: true });
if (skip) console.warn(`[faults:kill-node] skipped: ${skip}`);

describe.skipIf(Boolean(skip))('fault: a node is killed with SIGKILL while 200 visitors write', () => {
  it('acked messages are stored once, unacknowledged sends are retried and stored once, and every agent gets them all', async () => {
    const r = await runKillNode({ database: env.databaseUrl!, redis: env.redisUrl! }, killNodeDefaults);
    expect(r.killedBy).toBe('SIGKILL');
    expect(r.survivorAlive).toBe(true);
    expect(r.ackedBeforeKill.count).toBeGreaterThan(0);
    expect(r.ackedBeforeKill).toMatchObject({ lost: 0, duplicated: 0 });
    expect(r.unackedAtKill.count).toBeGreaterThan(0);
    expect(r.conversations).toBe(200);
    expect(r.visitorsWithTwoConversations).toBe(0);
    expect(r.unackedAtKill).toMatchObject({ lost: 0, duplicated: 0 });
    expect(r.tally).toMatchObject({ lost: 0, duplicated: 0, seqBroken: 0, refused: 0, missingInViews: 0, wrongInViews: 0 });
    // Every message was confirmed to its sender: by its ack, or by a resync that returned it.
    expect(r.tally.acked + r.tally.reconciled).toBe(r.tally.sent);
    expect(r.problems).toEqual([]);
  });
});
