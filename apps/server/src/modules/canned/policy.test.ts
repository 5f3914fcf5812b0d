import { describe, expect, it } from 'vitest';
import type { AgentRole } from '@parley/protocol';
import type { AgentActor } from '../auth/actors';
import { canEditCanned, canManageSharedCanned, canSeeCanned } from './policy';

const actor = (role: AgentRole, agentId = 'me'): AgentActor => ({ kind: 'agent', workspaceId: 'w', agentId, role, name: 'A', pseudoName: 'A', avatarUrl: null, siteIds: 'all', sessionId: 's', csrfToken: 'c' });
const shared = { ownerAgentId: null };
const mine = { ownerAgentId: 'me' };
const theirs = { ownerAgentId: 'other' };

describe('canned response policy', () => {
  it.each([
    // role, manage shared, edit shared, edit mine, edit theirs, see theirs
    ['owner', true, true, true, false, false],
    ['admin', true, true, true, false, false],
    ['manager', true, true, true, false, false],
    ['agent', false, false, true, false, false],
  ] as const)('%s', (role, manage, editShared, editMine, editTheirs, seeTheirs) => {
    const a = actor(role);
    expect(canManageSharedCanned(a)).toBe(manage);
    expect(canEditCanned(a, shared)).toBe(editShared);
    expect(canEditCanned(a, mine)).toBe(editMine);
    expect(canEditCanned(a, theirs)).toBe(editTheirs);
    expect(canSeeCanned(a, shared)).toBe(true);
    expect(canSeeCanned(a, mine)).toBe(true);
    expect(canSeeCanned(a, theirs)).toBe(seeTheirs);
  });
});
