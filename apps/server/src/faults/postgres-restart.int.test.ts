import { describe, expect, it } from 'vitest';
import { missing } from './cluster';
import { postgresRestartDefaults, runPostgresRestart } from './postgres-restart';

const skip = missing({ postgresBinaries: true });
if (skip) console.warn(`[faults:postgres-restart] skipped: ${skip}`);

describe.skipIf(Boolean(skip))('fault: PostgreSQL restarts under a running node (private cluster)', () => {
  it('answers 503 unavailable while it is down (no crash, no hang), and everything resumes without restarting Parley', async () => {
    const r = await runPostgresRestart(postgresRestartDefaults);
    expect(r.nodeAlive).toBe(true);
    const by = Object.fromEntries(r.during.map((a) => [a.what, a]));
    expect(by['GET /healthz']!.status).toBe(200);
    expect(by['GET /readyz']).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { database: 'down' } } });
    for (const what of ['GET /api/widget/config', 'POST /api/widget/visitors', 'GET /api/conversations (agent)', 'GET /api/auth/me (agent)', 'POST /api/auth/login']) {
      expect(by[what], what).toMatchObject({ status: 503, body: { error: { code: 'unavailable' } } });
    }
    expect(r.visitorSendDuring.code).toBe('unavailable');
    expect(r.agentSendDuring.code).toBe('unavailable');
    expect(r.refusedHandshakes.unavailable).toBeGreaterThan(0);
    expect(r.readyAfterMs).toBeDefined();
    expect(r.drainedAfterMs).toBeDefined();
    expect(r.lateConnectedAfterMs).toBeDefined();
    expect(r.tally.refusedOnce).toBeGreaterThan(0);
    expect(r.tally).toMatchObject({ lost: 0, duplicated: 0, seqBroken: 0, refused: 0, missingInViews: 0, wrongInViews: 0 });
    expect(r.problems).toEqual([]);
  });
});
