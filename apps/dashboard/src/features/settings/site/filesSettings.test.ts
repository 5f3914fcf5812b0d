import { describe, expect, it } from 'vitest';
import { FILE_TYPE_KEYS } from '@parley/protocol';
import { sameJson, storedSettings, validatePatch } from './sectionForm';
import { fillDays, filesModel, toggleType, typeChoices, usagePercent, usageText } from './filesSettings';

describe('files settings form', () => {
  const stored = storedSettings({ files: { maxSizeMb: 5, allowedTypes: ['pdf', 'png'] } });

  it('round-trips the stored settings; defaults fill what older sites lack', () => {
    const draft = filesModel.toDraft(storedSettings({}));
    expect(draft).toEqual({ enabled: true, allowedTypes: FILE_TYPE_KEYS, maxSizeMb: '10', retentionDays: '15', uploadsPerMinute: '5', quotaMb: '1024' });
    const patch = filesModel.toPatch(filesModel.toDraft(stored));
    expect(validatePatch(patch)).toEqual({ ok: true, patch: { files: { ...stored.files } } });
  });

  it('saves the types in the standard order, so re-ticking one is no change', () => {
    const draft = filesModel.toDraft(stored);
    const retyped = { ...draft, allowedTypes: toggleType(toggleType(draft.allowedTypes, ['pdf'], false), ['pdf'], true) };
    expect(retyped.allowedTypes).toEqual(['png', 'pdf']);
    expect(sameJson(filesModel.toPatch(retyped), filesModel.toPatch(draft))).toBe(true);
  });

  it('refuses sizes and limits out of range or not whole numbers, at their fields', () => {
    const draft = filesModel.toDraft(stored);
    const v = validatePatch(filesModel.toPatch({ ...draft, maxSizeMb: '0', retentionDays: 'abc', uploadsPerMinute: '1.5', quotaMb: '' }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors).toEqual({
      'files.maxSizeMb': 'Enter 1 or more',
      'files.retentionDays': 'Enter a whole number',
      'files.uploadsPerMinute': 'Enter a whole number',
      'files.quotaMb': 'Enter a whole number',
    });
    const big = validatePatch(filesModel.toPatch({ ...draft, maxSizeMb: '101' }));
    expect(big.ok ? null : big.errors).toEqual({ 'files.maxSizeMb': 'Enter 100 or less' });
  });

  it('offers one checkbox per type label, Word covering doc and docx', () => {
    const word = typeChoices().find((c) => c.label === 'Word');
    expect(word).toEqual({ label: 'Word', keys: ['doc', 'docx'], exts: '.doc .docx' });
    expect(typeChoices().map((c) => c.label)).toEqual(['PDF', 'Word', 'JPEG', 'PNG', 'GIF', 'WebP', 'Text', 'CSV', 'Excel']);
    expect(toggleType(['pdf', 'doc', 'docx'], ['doc', 'docx'], false)).toEqual(['pdf']);
  });
});

describe('files usage and report', () => {
  it('shows the share of the quota used', () => {
    const mb = 1024 * 1024;
    expect(usagePercent(0, 1024 * mb)).toBe(0);
    expect(usagePercent(1, 1024 * mb)).toBe(1);
    expect(usagePercent(512 * mb, 1024 * mb)).toBe(50);
    expect(usagePercent(2048 * mb, 1024 * mb)).toBe(100);
    expect(usageText(312 * mb, 1024 * mb)).toBe('312 MB of 1.0 GB used');
  });

  it('lays the last 30 days out day by day, zero where nothing was uploaded', () => {
    const days = fillDays([{ date: '2025-03-30', count: 2, bytes: 10 }, { date: '2025-01-01', count: 9, bytes: 9 }], new Date('2025-03-31T23:30:00Z'));
    expect(days).toHaveLength(30);
    expect(days[0]!.date).toBe('2025-03-02');
    expect(days.at(-1)).toEqual({ date: '2025-03-31', count: 0, bytes: 0 });
    expect(days.at(-2)).toEqual({ date: '2025-03-30', count: 2, bytes: 10 });
    expect(days.reduce((n, d) => n + d.count, 0)).toBe(2);
  });
});
