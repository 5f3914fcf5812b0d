import { afterEach, describe, expect, it, vi } from 'vitest';
import ar from '../src/app/i18n/ar';
import de from '../src/app/i18n/de';
import { en } from '../src/app/i18n/en';
import { enWindow } from '../src/app/i18n/en-window';
import es from '../src/app/i18n/es';
import fr from '../src/app/i18n/fr';
import { LANGUAGES, S, isRtl, lang, pickLanguage, setLanguage, type Locale } from '../src/app/i18n';
import pt from '../src/app/i18n/pt';
import { W, labelOf } from '../src/app/i18n/window';

/** Every key path of a dictionary, with the kind of value (text, function, list). */
function shape(dict: object, prefix = ''): string[] {
  return Object.entries(dict).flatMap(([k, v]) => {
    const path = prefix + k;
    if (Array.isArray(v)) return [`${path}:list${v.length}`];
    if (v && typeof v === 'object') return shape(v, path + '.');
    return [`${path}:${typeof v}`];
  });
}

const english = [...shape(en), ...shape(enWindow, 'w.')].sort();
const locales: Record<string, Locale> = { es, fr, de, pt, ar };

describe('translations', () => {
  it.each(Object.keys(locales))('%s has exactly the English keys, of the same kinds', (code) => {
    expect(shape(locales[code]).sort()).toEqual(english);
  });

  it('translates every text (nothing left empty or in English by mistake)', () => {
    for (const [code, dict] of Object.entries(locales)) {
      for (const path of shape(dict)) {
        const [key, kind] = path.split(':');
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], dict);
        if (kind === 'string') expect((value as string).trim(), `${code} ${key}`).not.toBe('');
      }
      // A few texts that must differ from English in every language.
      expect(dict.open, code).not.toBe(en.open);
      expect(dict.w.send, code).not.toBe(enWindow.send);
      expect(dict.w.errEmail, code).not.toBe(enWindow.errEmail);
    }
  });

  it('fills the numbers and names into the texts that take them', () => {
    expect(en.unread(3)).toBe('Open chat, 3 unread messages');
    expect(en.unread(1)).toBe('Open chat, 1 unread message');
    expect(es.unread(2)).toBe('Abrir chat, 2 mensajes sin leer');
    expect(ar.w.place(4)).toContain('4');
    expect(de.w.typing('Ana')).toBe('Ana schreibt…');
    expect(fr.w.sentBody('a@b.co')).toContain('a@b.co');
  });
});

describe('choosing the language', () => {
  it('uses the site setting when it names a language', () => {
    expect(pickLanguage('fr', ['de-DE', 'en'])).toBe('fr');
    expect(pickLanguage('ar', [])).toBe('ar');
  });

  it('for auto, takes the first browser language we speak, by its base', () => {
    expect(pickLanguage('auto', ['pt-BR', 'en-US'])).toBe('pt');
    expect(pickLanguage('auto', ['nl-NL', 'de-AT', 'en'])).toBe('de');
    expect(pickLanguage('auto', ['ES'])).toBe('es');
    expect(pickLanguage('auto', ['ja-JP', 'zh'])).toBe('en');
    expect(pickLanguage('auto', [])).toBe('en');
    expect(pickLanguage(undefined, ['ar-EG'])).toBe('ar');
  });

  it('knows that Arabic, of its languages, is written right to left', () => {
    expect(LANGUAGES.filter(isRtl)).toEqual(['ar']);
  });
});

describe('switching language', () => {
  afterEach(async () => {
    await setLanguage('en');
    vi.restoreAllMocks();
  });

  it('loads the language chunk and switches the live texts, the window texts and labels with it', async () => {
    expect(await setLanguage('es')).toBe('es');
    expect(lang).toBe('es');
    expect(S.open).toBe('Abrir chat');
    expect(W().send).toBe('Enviar mensaje');
    expect(labelOf({ label: 'Company', labels: { es: 'Empresa', fr: 'Société' } })).toBe('Empresa');
    // A missing (or blank) translation falls back to the field's own label.
    expect(labelOf({ label: 'Company', labels: { fr: 'Société', es: ' ' } })).toBe('Company');
    expect(await setLanguage('en')).toBe('en');
    expect(W().send).toBe('Send message');
  });
});
