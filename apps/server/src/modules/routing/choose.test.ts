import { describe, expect, it } from 'vitest';
import { chooseAgent, estimateWaitSeconds, type Candidate } from './choose';

const t = (min: number) => new Date(Date.UTC(2026, 0, 1, 12, min));
const agent = (agentId: string, over: Partial<Candidate> = {}): Candidate => ({ agentId, status: 'online', maxChats: 3, activeChats: 0, departmentIds: [], lastAssignedAt: null, ...over });

describe('chooseAgent', () => {
  const cases: { name: string; mode: Parameters<typeof chooseAgent>[0]; dept?: string; agents: Candidate[]; expected: string | null }[] = [
    { name: 'manual never assigns', mode: 'manual', agents: [agent('a')], expected: null },
    { name: 'nobody online', mode: 'round_robin', agents: [agent('a', { status: 'away' }), agent('b', { status: 'offline' }), agent('c', { status: 'busy' })], expected: null },
    { name: 'only online agents', mode: 'least_loaded', agents: [agent('a', { status: 'away' }), agent('b', { activeChats: 2 })], expected: 'b' },
    { name: 'full agents are skipped', mode: 'round_robin', agents: [agent('a', { activeChats: 3 }), agent('b', { lastAssignedAt: t(5) })], expected: 'b' },
    { name: 'everyone full', mode: 'least_loaded', agents: [agent('a', { activeChats: 3 }), agent('b', { maxChats: 1, activeChats: 1 })], expected: null },
    { name: 'round robin: never assigned first', mode: 'round_robin', agents: [agent('a', { lastAssignedAt: t(1) }), agent('b')], expected: 'b' },
    { name: 'round robin: oldest assignment next', mode: 'round_robin', agents: [agent('a', { lastAssignedAt: t(9) }), agent('b', { lastAssignedAt: t(2) }), agent('c', { lastAssignedAt: t(5) })], expected: 'b' },
    { name: 'round robin ignores load', mode: 'round_robin', agents: [agent('a', { activeChats: 2, lastAssignedAt: t(1) }), agent('b', { lastAssignedAt: t(2) })], expected: 'a' },
    { name: 'round robin ties break by id', mode: 'round_robin', agents: [agent('b'), agent('a')], expected: 'a' },
    { name: 'least loaded: fewest chats', mode: 'least_loaded', agents: [agent('a', { activeChats: 2 }), agent('b', { activeChats: 1 }), agent('c', { activeChats: 2 })], expected: 'b' },
    { name: 'least loaded is relative to capacity', mode: 'least_loaded', agents: [agent('a', { maxChats: 2, activeChats: 1 }), agent('b', { maxChats: 10, activeChats: 2 })], expected: 'b' },
    { name: 'least loaded ties go round robin', mode: 'least_loaded', agents: [agent('a', { activeChats: 1, lastAssignedAt: t(8) }), agent('b', { activeChats: 1, lastAssignedAt: t(3) })], expected: 'b' },
    { name: 'department agents preferred', mode: 'least_loaded', dept: 'sales', agents: [agent('a'), agent('b', { activeChats: 2, departmentIds: ['sales'] })], expected: 'b' },
    { name: 'department full: anyone else', mode: 'least_loaded', dept: 'sales', agents: [agent('a'), agent('b', { activeChats: 3, departmentIds: ['sales'] })], expected: 'a' },
    { name: 'department offline: anyone else', mode: 'round_robin', dept: 'sales', agents: [agent('a'), agent('b', { status: 'away', departmentIds: ['sales'] })], expected: 'a' },
    { name: 'no department: whole pool', mode: 'round_robin', agents: [agent('a', { departmentIds: ['sales'], lastAssignedAt: t(1) }), agent('b', { lastAssignedAt: t(4) })], expected: 'a' },
  ];
  it.each(cases)('$name', ({ mode, dept, agents, expected }) => {
    expect(chooseAgent(mode, { departmentId: dept ?? null }, agents)?.agentId ?? null).toBe(expected);
  });
});

describe('estimateWaitSeconds', () => {
  it.each([
    { position: 1, avg: null, online: 2, expected: null },
    { position: 1, avg: 120, online: 1, expected: 120 },
    { position: 3, avg: 120, online: 2, expected: 180 },
    { position: 2, avg: 60, online: 0, expected: 120 },
    { position: 1, avg: 2, online: 4, expected: 15 },
  ])('position $position, avg $avg s, $online online → $expected', ({ position, avg, online, expected }) => {
    expect(estimateWaitSeconds(position, avg, online)).toBe(expected);
  });
});
