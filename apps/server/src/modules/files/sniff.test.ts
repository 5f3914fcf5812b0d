import { describe, expect, it } from 'vitest';
import { FILE_TYPE_KEYS } from '@parley/protocol';
import { cleanName, decide, looksLikeText } from './sniff';

const all = FILE_TYPE_KEYS;
const text = Buffer.from('a,b\n1,2\n');
const ok = (v: ReturnType<typeof decide>) => (v.ok ? { type: v.type, mime: v.mime } : v.error.message);

describe('decide: the bytes decide the type', () => {
  it('accepts what the bytes are, whatever the name says', () => {
    expect(ok(decide({ ext: 'png', mime: 'image/png' }, Buffer.alloc(0), 'invoice.pdf', all))).toEqual({ type: 'png', mime: 'image/png' });
    expect(ok(decide({ ext: 'pdf', mime: 'application/pdf' }, Buffer.alloc(0), 'scan', all))).toEqual({ type: 'pdf', mime: 'application/pdf' });
  });

  it('calls bytes of another kind under an allowed name a spoof, and names executables', () => {
    expect(ok(decide({ ext: 'exe', mime: 'application/x-msdownload' }, Buffer.alloc(0), 'cat.png', all))).toBe("This file isn't what its name says (it looks like an executable program).");
    expect(ok(decide({ ext: 'elf', mime: 'application/x-elf' }, Buffer.alloc(0), 'notes.txt', all))).toBe("This file isn't what its name says (it looks like an executable program).");
    expect(ok(decide({ ext: 'mp4', mime: 'video/mp4' }, Buffer.alloc(0), 'a.docx', all))).toBe("This file isn't what its name says (it looks like a .mp4 file).");
    expect(ok(decide({ ext: 'exe', mime: 'application/x-msdownload' }, Buffer.alloc(0), 'setup.exe', all))).toMatch(/^This file type isn't allowed here\./);
  });

  it("refuses types the site does not take, listing the ones it does", () => {
    expect(ok(decide({ ext: 'png', mime: 'image/png' }, Buffer.alloc(0), 'a.png', ['pdf', 'doc', 'docx']))).toBe("This file type isn't allowed here. Allowed: PDF, Word.");
    expect(ok(decide(undefined, text, 'a.csv', ['pdf']))).toBe("This file type isn't allowed here. Allowed: PDF.");
  });

  it('takes an OLE container as Word only under a .doc name (.xls, .msi are the same container)', () => {
    const cfb = { ext: 'cfb', mime: 'application/x-cfb' };
    expect(ok(decide(cfb, Buffer.alloc(0), 'letter.doc', all))).toEqual({ type: 'doc', mime: 'application/msword' });
    expect(ok(decide(cfb, Buffer.alloc(0), 'tool.msi', all))).toMatch(/^This file type isn't allowed here\./);
    expect(ok(decide(cfb, Buffer.alloc(0), 'sheet.xlsx', all))).toBe("This file isn't what its name says (it looks like a .cfb file).");
  });

  it('TXT/CSV: no magic, so the extension plus UTF-8 text without NULs', () => {
    expect(ok(decide(undefined, text, 'a.csv', all))).toEqual({ type: 'csv', mime: 'text/csv' });
    expect(ok(decide(undefined, Buffer.from('hé'), 'a.txt', all))).toEqual({ type: 'txt', mime: 'text/plain' });
    expect(ok(decide(undefined, Buffer.from([0x68, 0, 0x69]), 'a.txt', all))).toBe("This file isn't what its name says (it doesn't look like text).");
    expect(ok(decide(undefined, Buffer.from([0xc3, 0x28]), 'a.txt', all))).toBe("This file isn't what its name says (it doesn't look like text).");
    expect(ok(decide(undefined, text, 'a.pdf', all))).toBe("This file isn't what its name says (it doesn't look like a PDF file).");
    // a multi-byte character cut by the 4 KB window is still text
    expect(looksLikeText(Buffer.from('€').subarray(0, 2))).toBe(true);
  });
});

describe('cleanName', () => {
  it('drops paths and control characters, fixes the extension, keeps the length bounded', () => {
    expect(cleanName('C:\\Users\\me\\Desktop\\photo.png', 'png')).toBe('photo.png');
    expect(cleanName('../../etc/passwd', 'txt')).toBe('passwd.txt');
    expect(cleanName('contract.pdf', 'png')).toBe('contract.png');
    expect(cleanName('holiday.JPEG', 'jpg')).toBe('holiday.JPEG');
    expect(cleanName('a\u0000b"\n.txt', 'txt')).toBe('ab.txt');
    expect(cleanName('', 'pdf')).toBe('file.pdf');
    expect(cleanName(undefined, 'pdf')).toBe('file.pdf');
    const long = cleanName(`${'x'.repeat(500)}.pdf`, 'pdf');
    expect(long).toHaveLength(200);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
