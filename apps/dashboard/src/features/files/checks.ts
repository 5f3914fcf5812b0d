/**
 * Early, client-side checks of a picked file against the site's file settings, worded like
 * the server's refusals so the agent reads the same sentence whichever side catches it.
 * The server still decides from the bytes; this only spares a pointless upload.
 */
import { FILE_TYPES, FileSettings, fileTypeOfName, formatBytes, tooLargeMessage, typeNotAllowedMessage, type FileTypeKey } from '@parley/protocol';

/** A site's file settings with defaults (sites stored before files existed have none). */
export function fileSettingsOf(settings: unknown): FileSettings {
  const files = (settings as { files?: unknown } | null | undefined)?.files;
  const parsed = FileSettings.safeParse(files ?? {});
  return parsed.success ? parsed.data : FileSettings.parse({});
}

/** What the early check needs of a site's file settings. */
export interface FileLimits {
  allowedTypes: readonly FileTypeKey[];
  maxSizeMb: number;
}

/** Why this file cannot be sent (the server's wording), or null when it may be tried. */
export function checkFile(file: { name: string; size: number }, settings: FileLimits): string | null {
  const type = fileTypeOfName(file.name);
  if (!type || !settings.allowedTypes.includes(type)) return typeNotAllowedMessage(settings.allowedTypes);
  if (file.size > settings.maxSizeMb * 1024 * 1024) return tooLargeMessage(settings.maxSizeMb);
  if (file.size === 0) return 'This file is empty.';
  return null;
}

const EXT_BY_MIME: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * A pasted screenshot arrives as "image.png" (or with no name at all): give it a name that
 * says what it is and when, so it reads well in the chat and the files list.
 */
export function pastedFileName(file: { name: string; type: string }, now: Date): string {
  if (file.name && file.name !== 'image.png' && fileTypeOfName(file.name)) return file.name;
  const ext = EXT_BY_MIME[file.type] ?? fileTypeOfName(file.name) ?? 'png';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}.${pad(now.getMinutes())}.${pad(now.getSeconds())}`;
  return `Pasted image ${stamp}.${ext}`;
}

/** "PDF · 312 KB". */
export function fileMeta(file: { name: string; size: number; type?: FileTypeKey }): string {
  const type = file.type ?? fileTypeOfName(file.name);
  return [type ? FILE_TYPES[type].label : null, formatBytes(file.size)].filter(Boolean).join(' · ');
}

/** Whether a file is shown as a picture (by its sniffed type, or the name before upload). */
export function isImageType(type: FileTypeKey | undefined): boolean {
  return type !== undefined && FILE_TYPES[type].image;
}
