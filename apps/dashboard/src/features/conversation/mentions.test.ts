import { describe, expect, it } from 'vitest';
import type { AgentDto } from '@parley/protocol';
import { mentionCandidates, splitMentions } from './mentions';

const people = [
  { id: 'a', name: 'Ana' },
  { id: 'am', name: 'Ana Maria' },
  { id: 'b', name: 'Bruno' },
];

describe('splitMentions', () => {
  it('marks known names after @ and keeps the rest as text', () => {
    expect(splitMentions('hey @Bruno, look', people)).toEqual([
      { kind: 'text', text: 'hey ' },
      { kind: 'mention', text: '@Bruno', agentId: 'b' },
      { kind: 'text', text: ', look' },
    ]);
  });

  it('prefers the longest name and matches case-insensitively', () => {
    expect(splitMentions('@ana maria please', people)).toEqual([
      { kind: 'mention', text: '@ana maria', agentId: 'am' },
      { kind: 'text', text: ' please' },
    ]);
  });

  it('ignores e-mail addresses, unknown names and names that run on', () => {
    expect(splitMentions('write bruno@Bruno.com', people)).toEqual([{ kind: 'text', text: 'write bruno@Bruno.com' }]);
    expect(splitMentions('@Zed and @Brunos', people)).toEqual([{ kind: 'text', text: '@Zed and @Brunos' }]);
  });

  it('handles several mentions and an empty body', () => {
    expect(splitMentions('@Ana @Bruno', people).filter((p) => p.kind === 'mention').map((p) => p.text)).toEqual(['@Ana', '@Bruno']);
    expect(splitMentions('', people)).toEqual([]);
  });
});

const agent = (id: string, pseudoName: string, over: Partial<AgentDto> = {}): AgentDto => ({
  id,
  name: `${pseudoName} Full`,
  email: `${id}@x.io`,
  pseudoName,
  avatarUrl: null,
  role: 'agent',
  status: 'online',
  maxChats: 5,
  siteIds: ['s1'],
  departmentIds: [],
  createdAt: '2025-01-01T00:00:00.000Z',
  ...over,
});

describe('mentionCandidates', () => {
  const agents = [agent('me', 'Me'), agent('a', 'Ana'), agent('b', 'Bruno'), agent('o', 'Other site', { siteIds: ['s2'] }), agent('adm', 'Boss', { role: 'admin', siteIds: [] })];

  it('lists agents of the site (admins see every site), never me', () => {
    expect(mentionCandidates(agents, 's1', 'me', '').map((a) => a.id)).toEqual(['a', 'adm', 'b']);
  });

  it('filters by the typed prefix, prefix matches first', () => {
    expect(mentionCandidates(agents, 's1', 'me', 'b').map((a) => a.id)).toEqual(['adm', 'b']);
    expect(mentionCandidates(agents, 's1', 'me', 'run').map((a) => a.id)).toEqual(['b']);
    expect(mentionCandidates(agents, 's1', 'me', 'zz')).toEqual([]);
  });
});
