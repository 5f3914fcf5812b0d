/**
 * Pure logic shared by the site settings sections (appearance, pre-chat form, hours, …):
 * each section edits a draft of some top-level keys of the site's WidgetSettings and saves
 * them as one `settings` patch, where each key present replaces the stored one.
 */
import { WidgetSettings, WidgetSettingsPatch } from '@parley/protocol';
import type { z } from 'zod';
import { ApiError } from '../../../api/client';
import { issueMessage } from '../../../ui/formErrors';

/** Error messages by dotted path into the patch, e.g. `preChatForm.fields.1.label`. */
export type PathErrors = Record<string, string>;

/** What a section's patch may hold: the input side of WidgetSettingsPatch. */
export type SettingsPatchInput = z.input<typeof WidgetSettingsPatch>;

/** How one section turns stored settings into its form state and back. */
export interface SectionModel<D> {
  toDraft(settings: WidgetSettings): D;
  toPatch(draft: D): SettingsPatchInput;
}

/** The stored settings of a site, with defaults for fields older rows lack. */
export function storedSettings(settings: unknown): WidgetSettings {
  return WidgetSettings.parse(settings ?? {});
}

/** Validates a section's patch like the server does: the parsed patch, or errors by path. */
export function validatePatch(patch: SettingsPatchInput): { ok: true; patch: z.output<typeof WidgetSettingsPatch> } | { ok: false; errors: PathErrors } {
  const parsed = WidgetSettingsPatch.safeParse(patch);
  if (parsed.success) return { ok: true, patch: parsed.data };
  return { ok: false, errors: issuesToErrors(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: issueMessage(i) }))) };
}

/** The first message per path (`prefix` is cut off the front, e.g. the server's `settings.`). */
export function issuesToErrors(issues: readonly { path: string; message: string }[], prefix = ''): PathErrors {
  const out: PathErrors = {};
  for (const { path, message } of issues) {
    const key = prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path || '_form';
    out[key] ??= message;
  }
  return out;
}

/** The field errors in a failed save's 400 answer (`details.issues`, `prefix` cut off), or null when it has none. */
export function serverErrors(err: unknown, prefix = 'settings.'): PathErrors | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const issues = (err.details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return null;
  const valid = issues.filter((i): i is { path: string; message: string } => typeof i?.path === 'string' && typeof i?.message === 'string');
  return valid.length ? issuesToErrors(valid, prefix) : null;
}

/** The errors at `prefix` or below it, e.g. everything about one pre-chat field. */
export function errorsUnder(errors: PathErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(([path]) => path === prefix || path.startsWith(`${prefix}.`))
    .map(([, message]) => message);
}

/**
 * The settings the live preview shows: the stored ones with every valid key of the unsaved
 * patch applied. A key that does not validate yet (a half-typed colour) keeps its stored
 * value, so the preview never shows something the widget could not.
 */
export function previewSettings(stored: WidgetSettings, patch: SettingsPatchInput): WidgetSettings {
  const next: Record<string, unknown> = { ...stored };
  const shape = WidgetSettingsPatch.shape as Record<string, z.ZodType>;
  for (const [key, value] of Object.entries(patch)) {
    const schema = shape[key];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) next[key] = parsed.data;
  }
  return next as WidgetSettings;
}

/** Deep equality of JSON-like values (drafts against what is stored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

let uidCounter = 0;
/** A client-only id for list rows (React keys that survive reordering). */
export function rowUid(): string {
  uidCounter += 1;
  return `r${uidCounter}`;
}

/** The list with item `index` moved one place up (-1) or down (+1); unchanged at the ends. */
export function moveItem<T>(list: readonly T[], index: number, direction: -1 | 1): T[] {
  const to = index + direction;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return [...list];
  const next = [...list];
  [next[index], next[to]] = [next[to]!, next[index]!];
  return next;
}
