#!/usr/bin/env node
/**
 * Writes the tiny GeoIP test database `test-fixtures/geoip-test.mmdb` (a few networks in
 * GeoIP2-City shape) and checks it by reading it back with the `maxmind` package.
 *
 *   node apps/server/scripts/make-geoip-fixture.mjs [out.mmdb]
 *
 * The writer follows the MaxMind DB format spec v2.0 (https://maxmind.github.io/MaxMind-DB/):
 * a binary search tree over the 128 bits of an IPv6 address (IPv4 networks live under
 * ::/96), 24-bit records; 16 zero bytes; the data section; "\xAB\xCD\xEFMaxMind.com"; the
 * metadata map. Output is deterministic (fixed build epoch) so the committed file only
 * changes when the networks do.
 */
import { writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader } from 'maxmind';

/** The networks of the test database: what the GeoIP integration tests look up. */
export const TEST_NETWORKS = [
  { network: '81.2.69.0/24', country: 'United Kingdom', isoCode: 'GB', city: 'London', continent: ['EU', 'Europe'] },
  { network: '89.160.20.0/24', country: 'Sweden', isoCode: 'SE', city: 'Linköping', continent: ['EU', 'Europe'] },
  { network: '2001:db8::/32', country: 'Germany', isoCode: 'DE', city: 'Berlin', continent: ['EU', 'Europe'] },
];

// ---- data section encoding (spec: "Output Data Section") ------------------------------

const TYPE = { pointer: 1, utf8: 2, double: 3, bytes: 4, uint16: 5, uint32: 6, map: 7, int32: 8, uint64: 9, uint128: 10, array: 11, boolean: 14 };

/** Control byte(s) for a field of `type` with payload `size` (extended types take a second byte). */
function control(type, size) {
  const head = [];
  let sizeBits;
  const extra = [];
  if (size < 29) sizeBits = size;
  else if (size < 29 + 256) {
    sizeBits = 29;
    extra.push(size - 29);
  } else if (size < 285 + 65536) {
    sizeBits = 30;
    const v = size - 285;
    extra.push(v >> 8, v & 0xff);
  } else {
    sizeBits = 31;
    const v = size - 65821;
    extra.push((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
  }
  if (type <= 7) head.push((type << 5) | sizeBits);
  else head.push(sizeBits, type - 7);
  return Buffer.from([...head, ...extra]);
}

function uintBytes(value) {
  const out = [];
  let v = BigInt(value);
  while (v > 0n) {
    out.unshift(Number(v & 0xffn));
    v >>= 8n;
  }
  return Buffer.from(out);
}

/** Encodes a JS value: strings, maps, arrays, booleans; numbers as `{ uint16|uint32|uint64|double: n }`. */
function encode(value) {
  if (typeof value === 'string') {
    const b = Buffer.from(value, 'utf8');
    return Buffer.concat([control(TYPE.utf8, b.length), b]);
  }
  if (typeof value === 'boolean') return control(TYPE.boolean, value ? 1 : 0);
  if (Array.isArray(value)) return Buffer.concat([control(TYPE.array, value.length), ...value.map(encode)]);
  if (value && typeof value === 'object') {
    const [kind] = Object.keys(value);
    if (kind === 'double') {
      const b = Buffer.alloc(8);
      b.writeDoubleBE(value.double);
      return Buffer.concat([control(TYPE.double, 8), b]);
    }
    if (kind === 'uint16' || kind === 'uint32' || kind === 'uint64') {
      const b = uintBytes(value[kind]);
      return Buffer.concat([control(TYPE[kind], b.length), b]);
    }
    const entries = Object.entries(value);
    return Buffer.concat([control(TYPE.map, entries.length), ...entries.flatMap(([k, v]) => [encode(k), encode(v)])]);
  }
  throw new Error(`cannot encode ${JSON.stringify(value)}`);
}

// ---- search tree ----------------------------------------------------------------------

/** The network's prefix as bits of a 128-bit IPv6 address (IPv4 under ::/96). */
function prefixBits(cidr) {
  const [addr, lenText] = cidr.split('/');
  const len = Number(lenText);
  const kind = isIP(addr);
  let bytes;
  if (kind === 4) bytes = [...new Array(12).fill(0), ...addr.split('.').map(Number)];
  else if (kind === 6) bytes = ipv6Bytes(addr);
  else throw new Error(`bad network ${cidr}`);
  const prefix = kind === 4 ? 96 + len : len;
  const bits = [];
  for (let i = 0; i < prefix; i++) bits.push((bytes[i >> 3] >> (7 - (i & 7))) & 1);
  return bits;
}

function ipv6Bytes(addr) {
  const [head, tail = ''] = addr.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = addr.includes('::') ? [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
}

/**
 * Builds the MaxMind DB bytes for `records` ({ network, data }), IPv6 tree, 24-bit records.
 * @param {{ network: string, data: unknown }[]} records
 * @param {{ databaseType?: string, description?: string, buildEpoch?: number }} [opts]
 */
export function buildMmdb(records, opts = {}) {
  // Data section: each record's value once, remembered by its offset.
  const chunks = [];
  let dataSize = 0;
  const leaves = records.map((r) => {
    const bytes = encode(r.data);
    const offset = dataSize;
    chunks.push(bytes);
    dataSize += bytes.length;
    return { bits: prefixBits(r.network), offset };
  });

  // A trie of nodes { left, right }, each side a node, { data: offset } or null (no data).
  const root = { left: null, right: null };
  for (const leaf of leaves) {
    let node = root;
    leaf.bits.forEach((bit, i) => {
      const side = bit ? 'right' : 'left';
      if (i === leaf.bits.length - 1) node[side] = { data: leaf.offset };
      else {
        if (!node[side] || 'data' in node[side]) node[side] = { left: null, right: null };
        node = node[side];
      }
    });
  }
  const nodes = [];
  const number = (n) => {
    n.index = nodes.length;
    nodes.push(n);
    for (const side of ['left', 'right']) if (n[side] && !('data' in n[side])) number(n[side]);
  };
  number(root);
  const nodeCount = nodes.length;
  const recordValue = (r) => (r === null ? nodeCount : 'data' in r ? nodeCount + 16 + r.data : r.index);
  const tree = Buffer.alloc(nodeCount * 6);
  nodes.forEach((n, i) => {
    tree.writeUIntBE(recordValue(n.left), i * 6, 3);
    tree.writeUIntBE(recordValue(n.right), i * 6 + 3, 3);
  });

  const metadata = encode({
    node_count: { uint32: nodeCount },
    record_size: { uint16: 24 },
    ip_version: { uint16: 6 },
    database_type: opts.databaseType ?? 'GeoIP2-City',
    languages: ['en'],
    binary_format_major_version: { uint16: 2 },
    binary_format_minor_version: { uint16: 0 },
    build_epoch: { uint64: opts.buildEpoch ?? 1_767_225_600 },
    description: { en: opts.description ?? 'Parley test GeoIP database' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...chunks, Buffer.from('ABCDEF4D61784D696E642E636F6D', 'hex'), metadata]);
}

/** A GeoIP2-City record with English names. */
export function cityRecord(n) {
  return {
    city: { names: { en: n.city } },
    continent: { code: n.continent[0], names: { en: n.continent[1] } },
    country: { iso_code: n.isoCode, names: { en: n.country } },
  };
}

function main() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = process.argv[2] ?? path.join(here, '..', 'test-fixtures', 'geoip-test.mmdb');
  const bytes = buildMmdb(TEST_NETWORKS.map((n) => ({ network: n.network, data: cityRecord(n) })));
  const reader = new Reader(bytes);
  const probes = [
    ['81.2.69.160', 'London'],
    ['89.160.20.128', 'Linköping'],
    ['2001:db8::1', 'Berlin'],
    ['8.8.8.8', undefined],
  ];
  for (const [ip, city] of probes) {
    const got = reader.get(ip)?.city?.names?.en;
    if (got !== city) throw new Error(`read-back check failed: ${ip} gave ${got}, expected ${city}`);
  }
  writeFileSync(out, bytes);
  process.stdout.write(`wrote ${out} (${bytes.length} bytes, ${reader.metadata.nodeCount} nodes, ${reader.metadata.databaseType})\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
