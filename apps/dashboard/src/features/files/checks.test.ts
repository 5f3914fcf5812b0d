import { describe, expect, it } from 'vitest';
import { FILE_TYPE_KEYS, typeLabels } from '@parley/protocol';
import { checkFile, fileMeta, fileSettingsOf, pastedFileName } from './checks';

describe('early file checks', () => {
  it('words refusals like the server', () => {
    const s = { allowedTypes: ['pdf', 'doc', 'docx', 'jpg', 'png'] as const, maxSizeMb: 10 };
    expect(checkFile({ name: 'setup.exe', size: 10 }, s)).toBe("This file type isn't allowed here. Allowed: PDF, Word, JPEG, PNG.");
    expect(checkFile({ name: 'photo.webp', size: 10 }, s)).toBe("This file type isn't allowed here. Allowed: PDF, Word, JPEG, PNG.");
    expect(checkFile({ name: 'noext', size: 10 }, s)).toMatch(/^This file type isn't allowed here/);
    expect(checkFile({ name: 'scan.PDF', size: 11 * 1024 * 1024 }, s)).toBe('Files can be up to 10 MB.');
    expect(checkFile({ name: 'scan.pdf', size: 10 * 1024 * 1024 }, s)).toBeNull();
    expect(checkFile({ name: 'PHOTO.JPEG', size: 5 }, s)).toBeNull();
    expect(checkFile({ name: 'empty.pdf', size: 0 }, s)).toBe('This file is empty.');
  });

  it('lists every type label once, in the site\'s order; none allowed says so', () => {
    expect(typeLabels(FILE_TYPE_KEYS)).toBe('PDF, Word, JPEG, PNG, GIF, WebP, Text, CSV, Excel');
    expect(typeLabels(['xlsx', 'pdf'])).toBe('Excel, PDF');
    expect(checkFile({ name: 'a.pdf', size: 1 }, { allowedTypes: [], maxSizeMb: 10 })).toBe("Files aren't allowed here.");
  });

  it('defaults the settings of sites stored before files existed', () => {
    expect(fileSettingsOf({})).toMatchObject({ enabled: true, maxSizeMb: 10, retentionDays: 15, uploadsPerMinute: 5 });
    expect(fileSettingsOf({ files: { maxSizeMb: 3 } }).maxSizeMb).toBe(3);
    expect(fileSettingsOf(undefined).allowedTypes).toEqual(FILE_TYPE_KEYS);
  });

  it('names pasted screenshots by time, keeps real names', () => {
    const at = new Date(2025, 2, 4, 9, 5, 7);
    expect(pastedFileName({ name: 'image.png', type: 'image/png' }, at)).toBe('Pasted image 2025-03-04 09.05.07.png');
    expect(pastedFileName({ name: '', type: 'image/jpeg' }, at)).toBe('Pasted image 2025-03-04 09.05.07.jpg');
    expect(pastedFileName({ name: 'receipt.jpg', type: 'image/jpeg' }, at)).toBe('receipt.jpg');
  });

  it('describes a file by type and size', () => {
    expect(fileMeta({ name: 'a.pdf', size: 320 * 1024 })).toBe('PDF · 320 KB');
    expect(fileMeta({ name: 'a', size: 12 })).toBe('12 B');
  });
});
