import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client';
import { errorsUnder, issuesToErrors, moveItem, previewSettings, sameJson, serverErrors, storedSettings, validatePatch } from './sectionForm';

describe('site settings sections', () => {
  it('old stored settings get the new sections with their defaults', () => {
    const s = storedSettings({ color: '#ff0000', title: 'Shop' });
    expect(s.color).toBe('#ff0000');
    expect(s.preChatForm.enabled).toBe(false);
    expect(s.businessHours.weekly.mon).toEqual([{ from: '09:00', to: '17:00' }]);
    expect(s.tracking).toEqual({ enabled: true, storeBeforeInteraction: false });
  });

  it('a patch is checked like the server checks it, errors keyed by their path', () => {
    const bad = validatePatch({ color: 'blue', preChatForm: { enabled: true, intro: '', fields: [{ key: 'service', type: 'select', label: '', options: [] }] } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(['color', 'preChatForm.fields.0.label', 'preChatForm.fields.0.options']);
    expect(bad.errors['preChatForm.fields.0.options']).toBe('A dropdown needs at least one option');
    expect(validatePatch({ color: '#112233' })).toEqual({ ok: true, patch: { color: '#112233' } });
  });

  it("the server's 400 issues become field errors without the settings. prefix", () => {
    const err = new ApiError(400, 'validation_failed', 'settings.color: Invalid', {
      issues: [
        { path: 'settings.color', message: 'Invalid colour' },
        { path: 'settings.color', message: 'second one is dropped' },
        { path: 'settings.businessHours.weekly.mon.0.to', message: 'A range must end after it starts' },
      ],
    });
    expect(serverErrors(err)).toEqual({ color: 'Invalid colour', 'businessHours.weekly.mon.0.to': 'A range must end after it starts' });
    expect(serverErrors(new ApiError(409, 'conflict', 'x', { issues: [] }))).toBeNull();
    expect(serverErrors(new ApiError(400, 'bad_request', 'x'))).toBeNull();
    expect(serverErrors(new Error('boom'))).toBeNull();
  });

  it('errorsUnder collects one item and everything below it', () => {
    const errors = issuesToErrors([
      { path: 'preChatForm.fields.1.label', message: 'Required' },
      { path: 'preChatForm.fields.10.label', message: 'Other field' },
      { path: 'preChatForm.fields.1', message: 'Whole field' },
    ]);
    expect(errorsUnder(errors, 'preChatForm.fields.1')).toEqual(['Required', 'Whole field']);
  });

  it('the preview applies valid unsaved keys and keeps stored values for invalid ones', () => {
    const stored = storedSettings({ color: '#2563eb', position: 'right' });
    const p = previewSettings(stored, { color: '#12', position: 'left', darkMode: 'dark' });
    expect(p.color).toBe('#2563eb');
    expect(p.position).toBe('left');
    expect(p.darkMode).toBe('dark');
    expect(p.title).toBe(stored.title);
  });

  it('sameJson compares deeply and ignores undefined keys', () => {
    expect(sameJson({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson({ a: null }, { a: {} })).toBe(false);
    expect(sameJson([], {})).toBe(false);
  });

  it('moveItem swaps with the neighbour and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});
