import { describe, expect, it } from 'vitest';
import { formatKeys, listShortcuts, matchesKeys, register, type KeyEventLike } from './shortcuts';

const ev = (key: string, over: Partial<KeyEventLike> = {}): KeyEventLike => ({
  key,
  code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...over,
});

describe('matchesKeys', () => {
  it('matches a letter with its modifiers exactly', () => {
    expect(matchesKeys('Alt+C', ev('c', { altKey: true }))).toBe(true);
    expect(matchesKeys('Alt+C', ev('c'))).toBe(false);
    expect(matchesKeys('Alt+C', ev('c', { altKey: true, shiftKey: true }))).toBe(false);
    expect(matchesKeys('Alt+C', ev('c', { altKey: true, ctrlKey: true }))).toBe(false);
  });

  it('matches the physical key when Option changes the character (Mac)', () => {
    expect(matchesKeys('Alt+C', { ...ev('ç', { altKey: true }), code: 'KeyC' })).toBe(true);
  });

  it('reads Mod as Ctrl, or ⌘ on a Mac', () => {
    expect(matchesKeys('Mod+K', ev('k', { ctrlKey: true }), false)).toBe(true);
    expect(matchesKeys('Mod+K', ev('k', { metaKey: true }), true)).toBe(true);
    expect(matchesKeys('Mod+K', ev('k', { metaKey: true }), false)).toBe(false);
  });

  it('matches a symbol by the character, whatever Shift it took', () => {
    expect(matchesKeys('?', ev('?', { shiftKey: true }))).toBe(true);
    expect(matchesKeys('Shift+?', ev('?', { shiftKey: true }))).toBe(true);
    expect(matchesKeys('/', ev('/'))).toBe(true);
  });

  it('matches named keys with Shift exactly', () => {
    expect(matchesKeys('Escape', ev('Escape'))).toBe(true);
    expect(matchesKeys('Shift+Enter', ev('Enter'))).toBe(false);
    expect(matchesKeys('Shift+Enter', ev('Enter', { shiftKey: true }))).toBe(true);
  });
});

describe('formatKeys', () => {
  it('spells combos for the platform', () => {
    expect(formatKeys('Alt+C')).toBe('Alt+C');
    expect(formatKeys('Alt+C', true)).toBe('⌥C');
    expect(formatKeys('Mod+K', true)).toBe('⌘K');
    expect(formatKeys('Mod+Shift+K')).toBe('Ctrl+Shift+K');
    expect(formatKeys('Escape')).toBe('Esc');
  });
});

describe('registry', () => {
  it('lists what is registered, replaces an id, and forgets on unregister', () => {
    const off1 = register({ id: 't.one', keys: 'Alt+1', description: 'One', group: 'Test', handler: () => {} });
    const off2 = register({ id: 't.one', keys: 'Alt+2', description: 'One again', handler: () => {} });
    expect(listShortcuts().filter((s) => s.id === 't.one')).toEqual([{ id: 't.one', keys: 'Alt+2', description: 'One again', group: undefined }]);
    off1(); // the replaced registration is gone already; removing it again changes nothing
    expect(listShortcuts().some((s) => s.id === 't.one')).toBe(true);
    off2();
    expect(listShortcuts().some((s) => s.id === 't.one')).toBe(false);
  });
});
