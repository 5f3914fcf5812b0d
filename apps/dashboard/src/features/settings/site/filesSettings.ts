/** The Files tab of a site's settings: its form model and the report's numbers (pure). */
import { FILE_TYPE_KEYS, FILE_TYPES, formatBytes, type FileTypeKey, type FilesReportDto, type WidgetSettings } from '@parley/protocol';
import { intField } from '../teams';
import type { SectionModel } from './sectionForm';

export interface FilesDraft {
  enabled: boolean;
  allowedTypes: FileTypeKey[];
  /** Number fields as typed. */
  maxSizeMb: string;
  retentionDays: string;
  uploadsPerMinute: string;
  quotaMb: string;
}

/** A typed whole number, or NaN so the schema refuses it (undefined would fall back to the default). */
function wholeNumber(text: string): number {
  return intField(text) ?? Number.NaN;
}

export const filesModel: SectionModel<FilesDraft> = {
  toDraft: (s: WidgetSettings) => ({
    enabled: s.files.enabled,
    allowedTypes: [...s.files.allowedTypes],
    maxSizeMb: String(s.files.maxSizeMb),
    retentionDays: String(s.files.retentionDays),
    uploadsPerMinute: String(s.files.uploadsPerMinute),
    quotaMb: String(s.files.quotaMb),
  }),
  toPatch: (d) => ({
    files: {
      enabled: d.enabled,
      // The standard order, so ticking a type off and on again is no change.
      allowedTypes: FILE_TYPE_KEYS.filter((k) => d.allowedTypes.includes(k)),
      maxSizeMb: wholeNumber(d.maxSizeMb),
      retentionDays: wholeNumber(d.retentionDays),
      uploadsPerMinute: wholeNumber(d.uploadsPerMinute),
      quotaMb: wholeNumber(d.quotaMb),
    },
  }),
};

/** Ticks or unticks a type; doc and docx (both "Word") go together, as one checkbox. */
export function toggleType(types: readonly FileTypeKey[], keys: readonly FileTypeKey[], on: boolean): FileTypeKey[] {
  const rest = types.filter((t) => !keys.includes(t));
  return on ? [...rest, ...keys] : rest;
}

/** One checkbox per label: Word covers doc and docx. */
export function typeChoices(): { label: string; keys: FileTypeKey[]; exts: string }[] {
  const out: { label: string; keys: FileTypeKey[]; exts: string[] }[] = [];
  for (const key of FILE_TYPE_KEYS) {
    const t = FILE_TYPES[key];
    const same = out.find((o) => o.label === t.label);
    if (same) {
      same.keys.push(key);
      same.exts.push(...t.exts);
    } else out.push({ label: t.label, keys: [key], exts: [...t.exts] });
  }
  return out.map((o) => ({ ...o, exts: o.exts.map((e) => `.${e}`).join(' ') }));
}

/** Share of the quota in use, 0..100 (rounded down, but never 0 when something is stored). */
export function usagePercent(bytes: number, quotaBytes: number): number {
  if (quotaBytes <= 0) return 0;
  const pct = (bytes / quotaBytes) * 100;
  if (pct >= 100) return 100;
  return bytes > 0 ? Math.max(1, Math.floor(pct)) : 0;
}

/** "312 MB of 1.0 GB used". */
export function usageText(bytes: number, quotaBytes: number): string {
  return `${formatBytes(bytes)} of ${formatBytes(quotaBytes)} used`;
}

/** The last `days` UTC dates up to `today`, with the report's numbers (0 on days without uploads). */
export function fillDays(daily: FilesReportDto['daily'], today: Date, days = 30): FilesReportDto['daily'] {
  const byDate = new Map(daily.map((d) => [d.date, d]));
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const out: FilesReportDto['daily'] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    out.push(byDate.get(date) ?? { date, count: 0, bytes: 0 });
  }
  return out;
}
