import { describe, expect, it } from 'vitest';
import type { CannedResponseDto } from '@parley/protocol';
import { ALL, NO_CATEGORY, canEditCanned, cannedCategories, filterCannedList, insertAt } from './canned';

const canned = (over: Partial<CannedResponseDto>): CannedResponseDto => ({
  id: over.shortcut ?? 'x',
  title: 'Untitled',
  shortcut: 'x',
  category: null,
  body: '',
  shared: false,
  ownerAgentId: 'me',
  usageCount: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

const list = [
  canned({ title: 'Return policy', shortcut: 'returns', category: 'Shipping', body: 'You can return items within 30 days.' }),
  canned({ title: 'Opening hours', shortcut: 'hours', category: 'General', body: 'We are open 9 to 18, {{visitor.name}}.' }),
  canned({ title: 'Delivery time', shortcut: 'delivery', category: 'shipping ', body: 'Parcels arrive in 2 days.' }),
  canned({ title: 'Goodbye', shortcut: 'bye', body: 'Thanks for chatting with {{site.name}}!' }),
];
const titles = (rows: CannedResponseDto[]) => rows.map((r) => r.title);

describe('canned responses list', () => {
  it('lists each category once, whatever its case or spaces', () => {
    expect(cannedCategories(list)).toEqual(['General', 'Shipping']);
  });

  it('searches title, shortcut (with or without /), text and category, sorted by title', () => {
    expect(titles(filterCannedList(list, '', ALL))).toEqual(['Delivery time', 'Goodbye', 'Opening hours', 'Return policy']);
    expect(titles(filterCannedList(list, '/hour', ALL))).toEqual(['Opening hours']);
    expect(titles(filterCannedList(list, 'PARCELS', ALL))).toEqual(['Delivery time']);
    expect(titles(filterCannedList(list, 'ship', ALL))).toEqual(['Delivery time', 'Return policy']);
    expect(filterCannedList(list, 'nothing like this', ALL)).toEqual([]);
  });

  it('filters by one category, or by none', () => {
    expect(titles(filterCannedList(list, '', 'Shipping'))).toEqual(['Delivery time', 'Return policy']);
    expect(titles(filterCannedList(list, 'return', 'Shipping'))).toEqual(['Return policy']);
    expect(titles(filterCannedList(list, '', NO_CATEGORY))).toEqual(['Goodbye']);
  });
});

describe('canned response editor', () => {
  it('inserts a variable at the caret or over the selection, and puts the caret after it', () => {
    expect(insertAt('Hi !', 3, 3, '{{visitor.name}}')).toEqual({ text: 'Hi {{visitor.name}}!', caret: 19 });
    expect(insertAt('Hi NAME!', 3, 7, '{{visitor.name}}')).toEqual({ text: 'Hi {{visitor.name}}!', caret: 19 });
    expect(insertAt('', 0, 0, '{{site.name}}')).toEqual({ text: '{{site.name}}', caret: 13 });
    expect(insertAt('abc', 99, 99, 'X')).toEqual({ text: 'abcX', caret: 4 });
  });

  it('lets the owner change a personal response, and only admins and managers a shared one', () => {
    const mine = canned({ ownerAgentId: 'me' });
    const theirs = canned({ ownerAgentId: 'someone' });
    const shared = canned({ shared: true, ownerAgentId: null });
    expect(canEditCanned(mine, { id: 'me' }, false)).toBe(true);
    expect(canEditCanned(theirs, { id: 'me' }, true)).toBe(false);
    expect(canEditCanned(shared, { id: 'me' }, false)).toBe(false);
    expect(canEditCanned(shared, { id: 'me' }, true)).toBe(true);
  });
});
