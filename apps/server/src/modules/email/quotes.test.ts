import { describe, expect, it } from 'vitest';
import { stripQuoted } from './quotes';

describe('stripQuoted', () => {
  it('keeps only the new text above a Gmail-style attribution and its quote', () => {
    const mail = 'Yes, the blue one please.\r\n\r\nOn Tue, Jun 3, 2025 at 10:02 AM Acme <reply+x.y@acme.test> wrote:\r\n> Which colour?\r\n>\r\n> — Sam';
    expect(stripQuoted(mail)).toBe('Yes, the blue one please.');
  });

  it('recognises an attribution wrapped over two lines and localized forms', () => {
    expect(stripQuoted('Merci\n\nLe mar. 3 juin 2025 à 10:02, Acme <a@b.c> a\nécrit :\n> Bonjour')).toBe('Merci');
    expect(stripQuoted('Danke\n\nAm Di., 3. Juni 2025 um 10:02 schrieb Acme <a@b.c>:\n> Hallo')).toBe('Danke');
    expect(stripQuoted('Thanks\nOn Tue, Jun 3, 2025 at 10:02 AM Acme Support <support@acme.test>\nwrote:\n> Hi')).toBe('Thanks');
  });

  it('drops interleaved > lines but keeps answers between them', () => {
    expect(stripQuoted('> Which size?\nLarge\n> And colour?\nBlue')).toBe('Large\nBlue');
  });

  it('cuts at Outlook headers and signatures', () => {
    expect(stripQuoted('Sure\n\n-----Original Message-----\nFrom: Acme\nSent: today')).toBe('Sure');
    expect(stripQuoted('Sure\n\n________________________________\nFrom: Acme <a@b.c>\nSent: Tuesday')).toBe('Sure');
    expect(stripQuoted('Sure\n-- \nJane Doe\nCEO')).toBe('Sure');
  });

  it('leaves a mail without quotes alone (including a sentence that merely starts with "On")', () => {
    expect(stripQuoted('On Monday I ordered two.\nCan you check?')).toBe('On Monday I ordered two.\nCan you check?');
    expect(stripQuoted('')).toBe('');
  });
});
