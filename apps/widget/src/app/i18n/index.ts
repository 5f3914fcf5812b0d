/**
 * The widget's language: English is bundled; es, fr, de, pt and ar are lazily loaded chunks
 * (emitted next to app.js). `S` is the current dictionary — a live binding, so components
 * read the new language on their next render after `setLanguage()` resolves.
 *
 * @example
 *   await setLanguage(pickLanguage(settings.language, navigator.languages));
 *   S.open // "Abrir chat"
 */
import type { Language, WidgetLanguage } from '@parley/protocol';
import type { WindowStrings } from './en-window';
import { en, type Strings } from './en';

/** A lazily loaded language: app.js's texts plus the chat window's (`w`). */
export type Locale = Strings & { w: WindowStrings };
/** English has no `w`: the window brings `en-window` itself (see `./window`). */
export type Dictionary = Strings & { w?: WindowStrings };

export const LANGUAGES: readonly Language[] = ['en', 'es', 'fr', 'de', 'pt', 'ar'];

const chunks: Record<Exclude<Language, 'en'>, () => Promise<{ default: Locale }>> = {
  es: () => import('./es'),
  fr: () => import('./fr'),
  de: () => import('./de'),
  pt: () => import('./pt'),
  ar: () => import('./ar'),
};

export let S: Dictionary = en;
/** The language `S` is in (also the locale for Intl formatting). */
export let lang: Language = 'en';

/**
 * The site's language, or for `auto` the first of the browser's languages we speak
 * (`pt-BR` → `pt`), else English.
 *
 * @example pickLanguage('auto', ['de-AT', 'en']) // → 'de'
 */
export function pickLanguage(setting: WidgetLanguage | undefined, preferred: readonly string[]): Language {
  if (setting && setting !== 'auto') return setting;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0] as Language;
    if (LANGUAGES.includes(base)) return base;
  }
  return 'en';
}

/** Loads (once) and switches to a language; English when its chunk cannot be loaded. */
export async function setLanguage(next: Language): Promise<Language> {
  let dict: Dictionary = en;
  if (next !== 'en') {
    try {
      dict = (await chunks[next]()).default;
    } catch (e) {
      console.warn('Parley: could not load the texts for ' + next, e);
      next = 'en';
    }
  }
  S = dict;
  lang = next;
  return next;
}

/** Right-to-left languages. */
export const isRtl = (l: Language) => l === 'ar';
