/**
 * Highlighting search matches in a preview. The server matches with PostgreSQL full-text
 * search (stemmed: "boots" finds "boot"), so a term highlights the words that start with its
 * stem, not only the exact text typed.
 */
export interface TextPart {
  text: string;
  match: boolean;
}

const SUFFIXES = ['ing', 'es', 'ed', 's'];

function stem(term: string): string {
  if (term.length <= 4) return term;
  for (const s of SUFFIXES) if (term.endsWith(s) && term.length - s.length >= 3) return term.slice(0, -s.length);
  return term;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a query, lower-cased, without surrounding punctuation. */
export function queryTerms(query: string): string[] {
  const terms = query
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);
  return [...new Set(terms)];
}

/** Split `text` into plain and matching parts; a query with no usable term gives one plain part. */
export function highlightParts(text: string, query: string): TextPart[] {
  const terms = queryTerms(query).map(stem);
  if (!terms.length || !text) return text ? [{ text, match: false }] : [];
  // Longest first, so "size44" wins over "size" where both could start at the same place.
  const alternation = terms.sort((a, b) => b.length - a.length).map(escape).join('|');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})[\\p{L}\\p{N}]*`, 'giu');
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index;
    if (start > last) parts.push({ text: text.slice(last, start), match: false });
    parts.push({ text: m[0], match: true });
    last = start + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}
