/**
 * The file types Parley accepts, shared by the server (enforced from the file's bytes) and the
 * clients (early checks, `accept=`, icons). Free of imports so the widget can use it without zod.
 *
 * `mimes` are what `file-type` sniffs from the bytes; TXT and CSV have no magic bytes, so the
 * server accepts them (sniffed as nothing) only when the name says so and the bytes are text.
 */
export const FILE_TYPES = {
  pdf: { label: 'PDF', exts: ['pdf'], mimes: ['application/pdf'], image: false },
  // Legacy Office files are OLE compound documents: file-type reports them as application/x-cfb.
  doc: { label: 'Word', exts: ['doc'], mimes: ['application/x-cfb', 'application/msword'], image: false },
  docx: { label: 'Word', exts: ['docx'], mimes: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'], image: false },
  jpg: { label: 'JPEG', exts: ['jpg', 'jpeg'], mimes: ['image/jpeg'], image: true },
  png: { label: 'PNG', exts: ['png'], mimes: ['image/png'], image: true },
  gif: { label: 'GIF', exts: ['gif'], mimes: ['image/gif'], image: true },
  webp: { label: 'WebP', exts: ['webp'], mimes: ['image/webp'], image: true },
  txt: { label: 'Text', exts: ['txt'], mimes: ['text/plain'], image: false },
  csv: { label: 'CSV', exts: ['csv'], mimes: ['text/csv'], image: false },
  xlsx: { label: 'Excel', exts: ['xlsx'], mimes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], image: false },
} as const;

export type FileTypeKey = keyof typeof FILE_TYPES;
export const FILE_TYPE_KEYS = Object.keys(FILE_TYPES) as FileTypeKey[];

export const FILE_LIMITS = {
  /** Default per-site maximum size of one file. */
  defaultMaxSizeMb: 10,
  /** Highest per-site maximum an admin may set. */
  maxSizeMbCeiling: 100,
  defaultRetentionDays: 15,
  defaultUploadsPerMinute: 5,
  defaultQuotaMb: 1024,
  captionMaxChars: 1000,
  nameMaxChars: 200,
} as const;

/** The type key a file name claims (by extension), or undefined. */
export function fileTypeOfName(name: string): FileTypeKey | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  return FILE_TYPE_KEYS.find((k) => (FILE_TYPES[k].exts as readonly string[]).includes(ext));
}

/** The `accept` attribute of a file input for these types (extensions plus image/* for the camera). */
export function acceptAttribute(types: readonly FileTypeKey[]): string {
  const exts = types.flatMap((k) => FILE_TYPES[k].exts.map((e) => `.${e}`));
  return (types.some((k) => FILE_TYPES[k].image) ? ['image/*', ...exts] : exts).join(',');
}

/**
 * The types as people know them, each once (doc and docx are both "Word").
 *
 * @example typeLabels(['pdf', 'doc', 'docx', 'png']) // → 'PDF, Word, PNG'
 */
export const typeLabels = (types: readonly FileTypeKey[]) => [...new Set(types.map((k) => FILE_TYPES[k].label))].join(', ');

/** The server's `file_type_not_allowed` sentence (clients checking early say the same). */
export const typeNotAllowedMessage = (types: readonly FileTypeKey[]) => (types.length ? `This file type isn't allowed here. Allowed: ${typeLabels(types)}.` : "Files aren't allowed here.");

/** The server's `file_too_large` sentence. */
export const tooLargeMessage = (maxSizeMb: number) => `Files can be up to ${maxSizeMb} MB.`;

/** "312 KB", "4.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
