import { describe, expect, it } from 'vitest';
import { findMentions } from './mentions';

const team = [
  { id: 'al', name: 'Al' },
  { id: 'alice', name: 'Alice' },
  { id: 'mj', name: 'Mary Jane' },
];

describe('findMentions', () => {
  it.each([
    ['no mention', 'hello team', []],
    ['one', 'can @alice look?', ['alice']],
    ['at the end of a sentence', 'thanks @alice.', ['alice']],
    ['case-insensitive', '@ALICE ping', ['alice']],
    ['prefix is not a mention', '@Alicia please', []],
    ['short name inside a longer one is not matched', 'ask @alice', ['alice']],
    ['names with spaces', 'cc @Mary Jane, thanks', ['mj']],
    ['several, once each', '@al and @alice and @al again', ['al', 'alice']],
    ['an email is not a mention', 'mail al@alice.com', []],
  ])('%s', (_name, body, expected) => {
    expect(findMentions(body, team).sort()).toEqual([...expected].sort());
  });
});
