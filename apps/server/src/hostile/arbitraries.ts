import fc from 'fast-check';

/**
 * Hostile input for the fuzz suites: strings that break naive code (NUL, lone surrogates,
 * bidi overrides, ZWJ emoji, huge single lines), wrong types, deep nesting, prototype keys,
 * and mutations of a valid payload so the fuzzer gets past the first check.
 */

/** Seed and run count: fixed by default so CI is reproducible; FUZZ_SEED / FUZZ_RUNS change them. */
export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_601;
export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : undefined;

export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone\udfffsurrogate',
  '\udc00\ud800',
  '\u202eevil.exe\u202c',
  '\u200f\u200e\u2066\u2069',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301',
  '\ufeffbom',
  '\uffff\ufffe',
  '\u2028\u2029',
  '\r\n\r\n',
  'a'.repeat(10_001),
  'long line '.repeat(6_000),
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' or 1=1 --",
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%ff%',
  '\\',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
  'null',
  'true',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'x@y',
  'a@b.c',
  'javascript:alert(1)',
  'http://',
  'https://example.com/' + 'p'.repeat(3000),
];

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...NASTY_STRINGS.slice(2, 14)), fc.integer({ min: 2, max: 2000 })).map(([s, n]) => s.repeat(n)) },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e21),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** `[[[[…]]]]` or `{"a":{"a":…}}`, hundreds to thousands deep. */
export const deepValue = fc.tuple(fc.integer({ min: 100, max: 3000 }), fc.boolean(), fc.constantFrom<unknown>('x', 1, null, {}, [])).map(([depth, arrays, leaf]) => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
});

const protoObject = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"__proto__":null}'),
);

/** Any JSON-ish value that is probably wrong where it lands. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, [null], ['']) },
  { weight: 1, arbitrary: deepValue },
  { weight: 1, arbitrary: protoObject },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 600 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 80 }) },
);

type Path = (string | number)[];

function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (v && typeof v === 'object') {
    for (const [k, child] of Object.entries(v)) {
      const p = [...prefix, Array.isArray(v) ? Number(k) : k];
      out.push(p);
      pathsOf(child, p, out);
    }
  }
  return out;
}

function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

/**
 * Payloads near a valid one: a field replaced by a hostile value (wrong type, nasty string,
 * deep value), a field removed, an unknown field added, or the valid payload itself with
 * every string field replaced by a nasty string that may still pass validation.
 */
export function nearValid(valid: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(valid);
  const options: fc.WeightedArbitrary<unknown>[] = [{ weight: 1, arbitrary: fc.constant(valid) }];
  if (paths.length) {
    const path = fc.constantFrom(...paths);
    options.push({ weight: 3, arbitrary: fc.tuple(path, hostileValue).map(([p, v]) => setAt(valid, p, v, false)) });
    options.push({ weight: 1, arbitrary: path.map((p) => setAt(valid, p, undefined, true)) });
    const strings = paths.filter((p) => typeof p.reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], valid) === 'string');
    if (strings.length) {
      const nasty = fc.constantFrom(...NASTY_STRINGS);
      options.push({ weight: 3, arbitrary: fc.tuple(fc.constantFrom(...strings), nasty).map(([p, v]) => setAt(valid, p, v, false)) });
      // Every text field nasty at once: valid-shaped input that reaches the database.
      options.push({ weight: 2, arbitrary: fc.tuple(...strings.map(() => nasty)).map((vs) => strings.reduce<unknown>((acc, p, i) => setAt(acc, p, vs[i], false), valid)) });
    }
  }
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) options.push({ weight: 1, arbitrary: fc.tuple(hostileString, hostileValue).map(([k, v]) => ({ ...(valid as object), [k]: v })) });
  return fc.oneof(...options);
}

/** A payload for a JSON endpoint or socket event: mostly near the valid one, sometimes anything at all. */
export function payloadFor(valid: unknown): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: nearValid(valid) }, { weight: 1, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) });
}

/** Percent-encodes any JS string, lone surrogates included (as the raw bytes a hostile client could send). */
export function encodeLoose(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...Buffer.from(s, 'utf16le')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  }
}

/** A query string near a valid one (arrays, repeated keys, broken escapes included). */
export function queryFor(valid: Record<string, string>): fc.Arbitrary<string> {
  const encode = (o: Record<string, unknown>) =>
    Object.entries(o)
      .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${encodeLoose(k)}=${encodeLoose(String(x))}`) : v === undefined ? [] : [`${encodeLoose(k)}=${encodeLoose(typeof v === 'object' ? JSON.stringify(v) : String(v))}`]))
      .join('&');
  return fc.oneof(
    { weight: 5, arbitrary: nearValid(valid).map((o) => (o && typeof o === 'object' ? encode(o as Record<string, unknown>) : encodeLoose(String(o)))) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', 'a=%E0%A4%A', 'a[b][c][d]=1', '&&&==&', `q=${'x'.repeat(20_000)}`, 'limit=1&limit=2&limit=3', 'siteIds=,,,,', '__proto__[x]=1') },
  );
}
