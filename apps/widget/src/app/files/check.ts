/**
 * Checks made before an upload starts, in the server's words (`file_type_not_allowed`,
 * `file_too_large`): the visitor learns at once instead of after sending the bytes. The server
 * still decides from the bytes; these only look at the name and the size.
 */
import type { FileSettings } from '@parley/protocol';
import { FILE_TYPES, FILE_TYPE_KEYS, fileTypeOfName, typeLabels } from '@parley/protocol/file-types';
import { W } from '../i18n/window';

/** Bytes in one of the settings' megabytes. */
export const MB = 1024 * 1024;

/** Why the server would refuse this file here (its message), or null. */
export function refusal(file: { name: string; size: number }, settings: Pick<FileSettings, 'allowedTypes' | 'maxSizeMb'>): string | null {
  const type = fileTypeOfName(file.name);
  if (!type || !settings.allowedTypes.includes(type)) return W().fileType(typeLabels(settings.allowedTypes));
  if (file.size > settings.maxSizeMb * MB) return W().fileTooLarge(settings.maxSizeMb);
  return null;
}

/**
 * The file with a name whose extension says its type: a pasted image may come as `image` or
 * `blob`, and the early check (like the server) reads the extension.
 */
export function named(file: File): File {
  if (fileTypeOfName(file.name)) return file;
  const type = FILE_TYPE_KEYS.find((k) => (FILE_TYPES[k].mimes as readonly string[]).includes(file.type));
  return type ? new File([file], `${file.name.replace(/\.[^.]*$/, '') || 'file'}.${FILE_TYPES[type].exts[0]}`, { type: file.type }) : file;
}
