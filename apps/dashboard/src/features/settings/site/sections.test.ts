import { describe, expect, it } from 'vitest';
import { storedSettings, validatePatch } from './sectionForm';
import { appearanceModel, messagesModel, privacyModel } from './sections';

describe('appearance, messages and privacy forms', () => {
  it('an empty avatar URL is stored as null and a typed colour normalised', () => {
    const draft = appearanceModel.toDraft(storedSettings({ avatarUrl: null }));
    expect(draft.avatarUrl).toBe('');
    const patch = appearanceModel.toPatch({ ...draft, color: ' #AABBCC ', avatarUrl: '  ' });
    expect(patch).toMatchObject({ color: '#aabbcc', avatarUrl: null });
    expect(validatePatch(patch).ok).toBe(true);
    expect(appearanceModel.toPatch({ ...draft, avatarUrl: ' https://x.test/a.png ' }).avatarUrl).toBe('https://x.test/a.png');
  });

  it('a relative avatar URL is refused at its field', () => {
    const draft = appearanceModel.toDraft(storedSettings({}));
    const v = validatePatch(appearanceModel.toPatch({ ...draft, avatarUrl: 'logo.png' }));
    expect(v.ok ? null : Object.keys(v.errors)).toEqual(['avatarUrl']);
  });

  it('messages and privacy save whole sections', () => {
    const s = storedSettings({});
    expect(Object.keys(messagesModel.toPatch(messagesModel.toDraft(s)))).toEqual(['offline', 'greeting', 'away']);
    expect(privacyModel.toPatch({ enabled: false, storeBeforeInteraction: true })).toEqual({ tracking: { enabled: false, storeBeforeInteraction: true } });
  });
});
