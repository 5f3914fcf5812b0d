/** The chat window's texts in the current language (only the lazily loaded window imports this). */
import type { Language } from '@parley/protocol';
import { S, lang } from './index';
import { enWindow, type WindowStrings } from './en-window';

/** @example W().send // "Enviar mensaje" once Spanish is loaded */
export const W = (): WindowStrings => S.w ?? enWindow;

/** A form field's (or option's) label in the current language, else its default label. */
export function labelOf(item: { label: string; labels?: Partial<Record<Language, string>> }): string {
  return item.labels?.[lang]?.trim() || item.label;
}

/** `HH:MM`-style time of day in the visitor's time zone, written the way the language writes it. */
export function formatTime(iso: string, locale: string = lang): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}
