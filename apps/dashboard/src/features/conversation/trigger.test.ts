import { describe, expect, it } from 'vitest';
import { findTrigger, replaceTrigger } from './trigger';

describe('findTrigger', () => {
  it('finds "/" at the start of the text and after a space', () => {
    expect(findTrigger('/ship', 5, ['/'])).toEqual({ char: '/', start: 0, end: 5, query: 'ship' });
    expect(findTrigger('hello /re', 9, ['/'])).toEqual({ char: '/', start: 6, end: 9, query: 're' });
    expect(findTrigger('line one\n/x', 11, ['/'])).toMatchObject({ start: 9, query: 'x' });
  });

  it('opens on the bare trigger with an empty query', () => {
    expect(findTrigger('hi /', 4, ['/'])).toMatchObject({ start: 3, query: '' });
  });

  it('ignores "/" inside a word or a URL, and characters a shortcut cannot have', () => {
    expect(findTrigger('and/or', 6, ['/'])).toBeNull();
    expect(findTrigger('see https://x.io/a', 18, ['/'])).toBeNull();
    expect(findTrigger('/what?', 6, ['/'])).toBeNull();
  });

  it('closes once the caret leaves the word', () => {
    expect(findTrigger('/ship ', 6, ['/'])).toBeNull();
    expect(findTrigger('/ship now', 0, ['/'])).toBeNull();
  });

  it('covers the whole word when the caret is inside it', () => {
    expect(findTrigger('/shipping', 3, ['/'])).toEqual({ char: '/', start: 0, end: 9, query: 'sh' });
  });

  it('only reacts to the characters asked for', () => {
    expect(findTrigger('ping @an', 8, ['/'])).toBeNull();
    expect(findTrigger('ping @an', 8, ['/', '@'])).toMatchObject({ char: '@', query: 'an' });
    expect(findTrigger('mail a@b.c', 10, ['@'])).toBeNull();
  });
});

describe('replaceTrigger', () => {
  it('puts the insertion where the trigger word was and the caret after it', () => {
    expect(replaceTrigger('hi /ret thanks', { start: 3, end: 7 }, 'Our return policy')).toEqual({ text: 'hi Our return policy thanks', caret: 20 });
  });
  it('adds a space after a mention unless one follows', () => {
    expect(replaceTrigger('ask @an', { start: 4, end: 7 }, '@Ana', true)).toEqual({ text: 'ask @Ana ', caret: 9 });
    expect(replaceTrigger('ask @an now', { start: 4, end: 7 }, '@Ana', true)).toEqual({ text: 'ask @Ana now', caret: 8 });
  });
});
