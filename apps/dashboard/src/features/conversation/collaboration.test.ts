import { describe, expect, it } from 'vitest';
import type { AgentDto, ConversationDto } from '@parley/protocol';
import { addTag, canJoin, canLeave, canReply, canTransfer, chatMembers, departmentsForSite, removeTag, suggestTags, transferCandidates } from './collaboration';

const conv = (over: Partial<ConversationDto> = {}) =>
  ({ status: 'active', assignedAgentId: 'alice', assignedAgentName: 'Alice', participants: [], ...over }) as Pick<ConversationDto, 'status' | 'assignedAgentId' | 'assignedAgentName' | 'participants'>;
const me = (id: string, role: AgentDto['role'] = 'agent') => ({ id, role });
const bruno = { agentId: 'bruno', name: 'Bruno', avatarUrl: null };

describe('who may do what in a chat', () => {
  it.each([
    // [case, conversation, me, reply, join, leave, transfer]
    ['the assignee', conv(), me('alice'), true, false, false, true],
    ['another agent', conv(), me('bruno'), false, true, false, false],
    ['an agent who joined', conv({ participants: [bruno] }), me('bruno'), true, false, true, true],
    ['an admin who did not join', conv(), me('root', 'admin'), true, true, false, true],
    ['a manager', conv(), me('mia', 'manager'), false, false, false, false],
    ['anyone in a closed chat', conv({ status: 'closed', participants: [bruno] }), me('bruno'), false, false, false, false],
  ] as const)('%s', (_name, c, m, reply, join, leave, transfer) => {
    expect(canReply(c, m)).toBe(reply);
    expect(canJoin(c, m)).toBe(join);
    expect(canLeave(c, m)).toBe(leave);
    expect(canTransfer(c, m)).toBe(transfer);
  });

  it('lets anyone who chats transfer a waiting chat', () => {
    expect(canTransfer(conv({ status: 'queued', assignedAgentId: null }), me('bruno'))).toBe(true);
  });
});

describe('chatMembers', () => {
  it('puts the assignee first and does not repeat them', () => {
    const c = conv({ participants: [{ agentId: 'alice', name: 'Alice', avatarUrl: 'https://a/x.png' }, bruno] });
    expect(chatMembers(c).map((p) => p.agentId)).toEqual(['alice', 'bruno']);
    expect(chatMembers(c)[0]!.avatarUrl).toBe('https://a/x.png');
  });
  it('is empty for an unassigned chat without participants', () => {
    expect(chatMembers(conv({ assignedAgentId: null, assignedAgentName: null }))).toEqual([]);
  });
});

const agent = (id: string, over: Partial<AgentDto>): AgentDto =>
  ({ id, name: id, email: `${id}@x.io`, pseudoName: id, avatarUrl: null, role: 'agent', status: 'online', maxChats: 5, siteIds: ['s1'], departmentIds: [], createdAt: '' , ...over }) as AgentDto;

describe('transferCandidates', () => {
  it('keeps chat agents of the site other than me, online first then by name', () => {
    const agents = [
      agent('me', {}),
      agent('zed', { status: 'online' }),
      agent('amy', { status: 'away' }),
      agent('bob', { status: 'online' }),
      agent('far', { siteIds: ['s2'] }),
      agent('mgr', { role: 'manager', siteIds: [] }),
      agent('own', { role: 'owner', siteIds: [], status: 'offline' }),
    ];
    expect(transferCandidates(agents, 's1', 'me').map((a) => a.id)).toEqual(['bob', 'zed', 'amy', 'own']);
  });
});

describe('departmentsForSite', () => {
  it('keeps departments of the site and those of every site', () => {
    const d = (id: string, siteIds: string[]) => ({ id, name: id, siteIds, agentIds: [], createdAt: '' });
    expect(departmentsForSite([d('sales', ['s2']), d('billing', []), d('support', ['s1'])], 's1').map((x) => x.id)).toEqual(['billing', 'support']);
  });
});

describe('tags', () => {
  it('adds normalised tags once and removes them', () => {
    expect(addTag(['vip'], '  Refund  ')).toEqual(['vip', 'refund']);
    expect(addTag(['vip'], 'VIP')).toEqual(['vip']);
    expect(addTag(['vip'], '   ')).toEqual(['vip']);
    expect(removeTag(['vip', 'refund'], 'vip')).toEqual(['refund']);
  });
  it('suggests known tags not on the chat, prefix matches first', () => {
    expect(suggestTags(['billing', 'bug', 'debug', 'vip'], ['vip'], 'bu')).toEqual(['bug', 'debug']);
    expect(suggestTags(['b', 'a'], [], '')).toEqual(['a', 'b']);
  });
});
