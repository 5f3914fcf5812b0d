import { describe, expect, it } from 'vitest';
import type { DepartmentDto } from '@parley/protocol';
import { departmentNames, intField, sitesSummary, toggleId } from './teams';

const dept = (id: string, name: string): DepartmentDto => ({ id, name, siteIds: [], agentIds: [], createdAt: '2026-01-01T00:00:00.000Z' });

describe('departments settings helpers', () => {
  it('ticks and unticks ids without duplicates', () => {
    expect(toggleId(['a', 'b'], 'c', true)).toEqual(['a', 'b', 'c']);
    expect(toggleId(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(toggleId(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('says "All websites" for a department without sites', () => {
    const names: Record<string, string> = { s1: 'Shop', s2: 'Blog' };
    expect(sitesSummary([], (id) => names[id])).toBe('All websites');
    expect(sitesSummary(['s1', 's2'], (id) => names[id])).toBe('Shop, Blog');
    expect(sitesSummary(['s1', 'gone'], (id) => names[id])).toBe('Shop');
  });

  it("names an agent's departments alphabetically, skipping unknown ones", () => {
    const all = [dept('d1', 'Support'), dept('d2', 'Billing')];
    expect(departmentNames(['d1', 'd2', 'd3'], all)).toEqual(['Billing', 'Support']);
    expect(departmentNames(['d1'], undefined)).toEqual([]);
  });

  it('reads whole numbers from form fields; anything else is missing', () => {
    expect(intField(' 15 ')).toBe(15);
    expect(intField('0')).toBe(0);
    expect(intField('')).toBe(undefined);
    expect(intField('1.5')).toBe(undefined);
    expect(intField('ten')).toBe(undefined);
  });
});
