import { describe, expect, it } from 'vitest';
import { env, missing } from './cluster';
import { redisOutageDefaults, runRedisOutage } from './redis-outage';

const skip = missing({ database: true, redisServer: true });
if (skip) console.warn(`[faults:redis-outage] skipped: ${skip}`);

describe.skipIf(Boolean(skip))('fault: Redis stops for 10 s and comes back (two nodes, private redis-server)', () => {
  it('local delivery goes on, /readyz turns red, cross-node delivery resumes, every client resyncs what it missed, nothing crashes', async () => {
    const r = await runRedisOutage(env.databaseUrl!, redisOutageDefaults);
    expect(r.nodesAlive).toBe(true);
    // Same-node delivery never stopped.
    expect(r.sameNode.total).toBeGreaterThan(0);
    expect(r.sameNode.live).toBe(r.sameNode.total);
    // Readiness followed Redis both ways.
    expect(r.readyRed.every((t) => t !== undefined)).toBe(true);
    expect(r.readyGreen.every((t) => t !== undefined)).toBe(true);
    // Widgets kept working: config, a new visitor, a new connection and its send (no hang).
    expect(r.duringOutage.widgetConfig.status).toBe(200);
    expect(r.duringOutage.createVisitor.status).toBe(201);
    expect(r.duringOutage.handshakeMs).toBeDefined();
    expect(r.duringOutage.sendAck.status).toBe(200);
    expect(r.crossNodeResumedMs).toBeDefined();
    expect(r.tally).toMatchObject({ lost: 0, duplicated: 0, seqBroken: 0, refused: 0, missingInViews: 0, wrongInViews: 0 });
    expect(r.problems).toEqual([]);
  });
});
