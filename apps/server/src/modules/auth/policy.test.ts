import { describe, expect, it } from 'vitest';
import type { Actor, AgentActor } from './actors';
import { canAccessSite, canChatAsAgent, canReadConversation, canReplyIn, canWriteNote, isAdmin } from './policy';

const agent = (role: AgentActor['role'], siteIds: string[] | 'all', workspaceId = 'w1', agentId = `${role}-id`): AgentActor => ({
  kind: 'agent',
  workspaceId,
  agentId,
  role,
  name: role,
  pseudoName: role,
  avatarUrl: null,
  siteIds,
  sessionId: 's',
  csrfToken: 'c',
});
const actors: Record<string, Actor> = {
  owner: agent('owner', 'all'),
  admin: agent('admin', 'all'),
  manager: agent('manager', 'all'),
  agentA: agent('agent', ['A']),
  agentB: agent('agent', ['B']),
  otherWorkspaceAdmin: agent('admin', 'all', 'w2'),
  visitor1: { kind: 'visitor', workspaceId: 'w1', siteId: 'A', visitorId: 'v1', name: null },
  visitor2: { kind: 'visitor', workspaceId: 'w1', siteId: 'A', visitorId: 'v2', name: null },
  api: { kind: 'api', workspaceId: 'w1', tokenId: 't' },
  otherApi: { kind: 'api', workspaceId: 'w2', tokenId: 't2' },
};
const conv = { workspaceId: 'w1', siteId: 'A', visitorId: 'v1', status: 'active', assignedAgentId: null as string | null };

describe('policy matrix', () => {
  it.each([
    ['owner', true],
    ['admin', true],
    ['manager', true],
    ['agentA', true],
    ['agentB', false],
    ['otherWorkspaceAdmin', false],
    ['visitor1', true],
    ['visitor2', false],
    ['api', true],
    ['otherApi', false],
  ])('%s reads a site-A conversation of visitor 1: %s', (who, expected) => {
    expect(canReadConversation(actors[who]!, conv)).toBe(expected);
  });

  it.each([
    ['owner', true],
    ['manager', false],
    ['agentA', true],
    ['agentB', false],
  ])('%s may chat as agent: %s', (who, expected) => {
    expect(canChatAsAgent(actors[who] as AgentActor, conv)).toBe(expected);
  });

  it('replying in a chat assigned to someone else needs joining it, or an admin', () => {
    const taken = { ...conv, assignedAgentId: 'someone-else' };
    expect(canReplyIn(actors.agentA as AgentActor, taken)).toBe(false);
    expect(canReplyIn(actors.agentA as AgentActor, taken, true)).toBe(true);
    expect(canReplyIn(actors.manager as AgentActor, taken, true)).toBe(false);
    expect(canReplyIn(actors.agentB as AgentActor, taken, true)).toBe(false);
    expect(canReplyIn(actors.agentA as AgentActor, { ...conv, assignedAgentId: 'agent-id' })).toBe(true);
    expect(canReplyIn(actors.admin as AgentActor, taken)).toBe(true);
  });

  it.each([
    ['manager', true],
    ['agentA', true],
    ['agentB', false],
    ['otherWorkspaceAdmin', false],
  ])('%s may write notes: %s', (who, expected) => {
    expect(canWriteNote(actors[who] as AgentActor, { ...conv, assignedAgentId: 'someone-else' })).toBe(expected);
  });

  it('site access and admin rights', () => {
    expect(canAccessSite(actors.agentA!, { id: 'A', workspaceId: 'w1' })).toBe(true);
    expect(canAccessSite(actors.agentA!, { id: 'B', workspaceId: 'w1' })).toBe(false);
    expect(canAccessSite(actors.otherWorkspaceAdmin!, { id: 'A', workspaceId: 'w1' })).toBe(false);
    expect(['owner', 'admin', 'manager', 'agentA', 'visitor1', 'api'].filter((k) => isAdmin(actors[k]!))).toEqual(['owner', 'admin']);
  });
});
