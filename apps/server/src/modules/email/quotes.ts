/**
 * The new part of an email reply: everything before the quoted earlier mail. Cuts at the
 * attribution line ("On Mon, … wrote:", also when a mail client wrapped it over two lines,
 * and its French/German/Spanish/Portuguese forms), at Outlook's "Original Message" or
 * separator + "From:" header block, and at a "-- " signature; drops `>` quoted lines.
 *
 * @example stripQuoted('Thanks!\n\nOn Tue, 3 Jun 2025, Acme <a@b.c> wrote:\n> Hello') === 'Thanks!'
 */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1] ?? '';
    if (isAttribution(line) || (ATTRIBUTION_START.test(line) && isAttribution(`${line} ${next}`))) break;
    if (/^-{2,}\s*Original Message\s*-{2,}\s*$/i.test(line.trim())) break;
    if (/^_{10,}\s*$/.test(line.trim()) && /^(From|De|Von|Van):/i.test(next.trim())) break;
    if (line === '-- ') break;
    if (/^\s*>/.test(line)) continue;
    kept.push(line);
  }
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const ATTRIBUTION_START = /^\s*(On|Le|Am|El|Em)\s/i;
// German puts the name after the verb: "Am …, schrieb Acme <a@b.c>:".
const ATTRIBUTION = /^\s*(On|Le|Am|El|Em)\s.+((wrote|a écrit|escribió|escreveu)\s*:|schrieb\s.*:)\s*$/i;

function isAttribution(line: string): boolean {
  return ATTRIBUTION.test(line);
}
