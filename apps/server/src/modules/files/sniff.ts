import type { Readable } from 'node:stream';
import { fileTypeFromBuffer, fileTypeFromStream } from 'file-type/node';
import { FILE_LIMITS, FILE_TYPES, fileTypeOfName, typeNotAllowedMessage, type FileTypeKey } from '@parley/protocol';
import { AppError } from '../../errors';

/** What `file-type` needs to recognise every type it knows from the start of a file. */
export const HEAD_BYTES = 4100;
/** TXT/CSV: how much of the start must be UTF-8 text. */
const TEXT_CHECK_BYTES = 4096;

export type Verdict = { ok: true; type: FileTypeKey; mime: string } | { ok: false; error: AppError };

type Sniffed = { ext: string; mime: string } | undefined;

/** Legacy Office files are OLE containers, as are .xls, .ppt and .msi: only a name saying .doc makes one a Word file. */
const CONTAINER_MIME = 'application/x-cfb';
const EXECUTABLES = new Set(['exe', 'elf', 'macho', 'msi', 'apk', 'dex', 'wasm', 'class', 'deb', 'rpm', 'dmg', 'lnk', 'swf', 'cab']);

export function notAllowed(allowed: readonly FileTypeKey[]): AppError {
  return new AppError('file_type_not_allowed', typeNotAllowedMessage(allowed));
}

function spoof(looksLike: string): AppError {
  return new AppError('file_type_not_allowed', `This file isn't what its name says (${looksLike}).`);
}

function describe(s: NonNullable<Sniffed>): string {
  if (EXECUTABLES.has(s.ext)) return 'it looks like an executable program';
  if (s.ext === 'zip') return 'it looks like a ZIP archive';
  return `it looks like a .${s.ext} file`;
}

/** Text files have no magic bytes: valid UTF-8 (a character cut at the end is fine) and no NULs. */
export function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The rule: the bytes decide. A recognised type is accepted when the site allows it, whatever
 * the name says (a PNG named .pdf is a PNG); bytes of a type we do not take under a name that
 * claims one we do is a spoof; TXT and CSV (no magic) need their extension and text bytes.
 */
export function decide(sniffed: Sniffed, head: Buffer, name: string, allowed: readonly FileTypeKey[]): Verdict {
  const claimed = fileTypeOfName(name);
  if (sniffed) {
    let type = (Object.keys(FILE_TYPES) as FileTypeKey[]).find((k) => (FILE_TYPES[k].mimes as readonly string[]).includes(sniffed.mime));
    if (sniffed.mime === CONTAINER_MIME && claimed !== 'doc') type = undefined;
    if (type) return allowed.includes(type) ? { ok: true, type, mime: type === 'doc' ? 'application/msword' : sniffed.mime } : { ok: false, error: notAllowed(allowed) };
    return { ok: false, error: claimed ? spoof(describe(sniffed)) : notAllowed(allowed) };
  }
  if (claimed === 'txt' || claimed === 'csv') {
    if (!looksLikeText(head)) return { ok: false, error: spoof("it doesn't look like text") };
    return allowed.includes(claimed) ? { ok: true, type: claimed, mime: FILE_TYPES[claimed].mimes[0] } : { ok: false, error: notAllowed(allowed) };
  }
  if (claimed) return { ok: false, error: spoof(`it doesn't look like a ${FILE_TYPES[claimed].label} file`) };
  return { ok: false, error: notAllowed(allowed) };
}

/**
 * From the first bytes, before anything is stored: a verdict, or 'deep' for a ZIP, which may be
 * a DOCX/XLSX that only its entries tell apart (`sniffStored` reads those from storage).
 */
export async function sniffHead(head: Buffer, name: string, allowed: readonly FileTypeKey[]): Promise<Verdict | 'deep'> {
  const sniffed = await fileTypeFromBuffer(head);
  if (sniffed?.mime === 'application/zip') return 'deep';
  return decide(sniffed, head.subarray(0, TEXT_CHECK_BYTES), name, allowed);
}

/** The verdict for a ZIP-like file, reading the stored object as far as `file-type` needs. */
export async function sniffStored(stream: Readable, head: Buffer, name: string, allowed: readonly FileTypeKey[]): Promise<Verdict> {
  try {
    return decide(await fileTypeFromStream(stream), head.subarray(0, TEXT_CHECK_BYTES), name, allowed);
  } finally {
    stream.destroy();
  }
}

/** The uploader's name without any path or control characters, at most nameMaxChars, with the extension of what it really is. */
export function cleanName(raw: string | undefined, type: FileTypeKey): string {
  // eslint-disable-next-line no-control-regex
  let name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  const ext = FILE_TYPES[type].exts[0];
  if (fileTypeOfName(name) !== type) name = `${fileTypeOfName(name) ? name.replace(/\.[a-z0-9]+$/i, '') : name}.${ext}`;
  if (name === `.${ext}`) name = `file.${ext}`;
  if (name.length > FILE_LIMITS.nameMaxChars) name = `${name.slice(0, FILE_LIMITS.nameMaxChars - ext.length - 1)}.${ext}`;
  return name;
}
