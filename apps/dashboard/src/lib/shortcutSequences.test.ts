import { describe, expect, it } from 'vitest';
import { formatKeys, sequenceSteps } from './shortcuts';

describe('shortcut sequences', () => {
  it('split on spaces into two steps; a combo stays one step', () => {
    expect(sequenceSteps('G W')).toEqual(['G', 'W']);
    expect(sequenceSteps('Alt+C')).toEqual(['Alt+C']);
    expect(sequenceSteps('Shift++')).toEqual(['Shift++']);
  });
  it('read as "G then W"', () => {
    expect(formatKeys('G W')).toBe('G then W');
    expect(formatKeys('G C', true)).toBe('G then C');
  });
});
