import { describe, expect, it } from 'vitest';
import { env, missing } from './cluster';
import { networkDropDefaults, runNetworkDrop } from './network-drop';

const skip = missing({ database: true });
if (skip) console.warn(`[faults:network-drop] skipped: ${skip}`);

describe.skipIf(Boolean(skip))('fault: 10% of the clients lose their network for 5 s mid-conversation', () => {
  it('each recovers within 5 s of reconnecting, and every message is held once, in seq order, by everyone', async () => {
    const r = await runNetworkDrop(env.databaseUrl!, networkDropDefaults);
    expect(r.dropped).toBeGreaterThanOrEqual(Math.ceil(r.clients * 0.1));
    expect(r.notRecovered).toEqual([]);
    expect(r.recoveries).toHaveLength(r.dropped);
    // The bound: recovery within 5 s of reconnecting.
    for (const rec of r.recoveries) expect(rec.recoveredMs, rec.name).toBeLessThanOrEqual(5000);
    expect(r.recoveries.some((rec) => rec.wroteWhileDown > 0)).toBe(true);
    expect(r.bystandersReconnected).toBe(0);
    expect(r.tally).toMatchObject({ lost: 0, duplicated: 0, seqBroken: 0, refused: 0, missingInViews: 0, wrongInViews: 0 });
    expect(r.problems).toEqual([]);
  });
});
