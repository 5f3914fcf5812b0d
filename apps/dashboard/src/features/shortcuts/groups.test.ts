import { describe, expect, it } from 'vitest';
import { groupShortcuts } from './groups';

describe('groupShortcuts', () => {
  it('groups by heading in a fixed order and merges keys of the same action', () => {
    const out = groupShortcuts([
      { id: 'c', keys: 'Alt+C', description: 'Close this chat', group: 'Conversation' },
      { id: 's1', keys: '/', description: 'Search chats', group: 'General' },
      { id: 's2', keys: 'Mod+K', description: 'Search chats', group: 'General' },
      { id: 'x', keys: 'Alt+X', description: 'Something', group: undefined },
      { id: 'w', keys: 'G W', description: 'Go to Waiting', group: 'Navigation' },
    ]);
    expect(out.map((g) => g.group)).toEqual(['General', 'Navigation', 'Conversation', 'Other']);
    expect(out[0]!.items).toEqual([{ description: 'Search chats', keys: ['/', 'Mod+K'] }]);
  });
});
