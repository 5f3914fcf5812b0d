import net from 'node:net';
import type { Readable } from 'node:stream';
import { AppError } from '../../errors';

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** clamd's default StreamMaxLength is 25 MB; chunks stay well below any setting. */
const CHUNK = 64 * 1024;

export const scannerUnavailable = () => new AppError('scanner_unavailable', "The virus scanner isn't answering, so the file wasn't sent. Try again in a moment.");

/**
 * Scans a stream with clamd's INSTREAM command: `zINSTREAM\0`, then chunks each prefixed with
 * their length (4 bytes, big-endian), then a zero length. clamd answers `stream: OK` or
 * `stream: <signature> FOUND` (NUL-terminated, as the command was z-prefixed). Anything else,
 * a refused connection or `timeoutMs` passing is `scanner_unavailable`: nothing is stored then.
 */
export async function scanStream(opts: { host: string; port: number; timeoutMs: number }, stream: Readable): Promise<ScanResult> {
  const socket = net.connect({ host: opts.host, port: opts.port });
  socket.setNoDelay(true);
  let reply = '';
  const answered = new Promise<string>((resolve, reject) => {
    socket.on('data', (d) => {
      reply += d.toString('utf8');
      if (reply.includes('\0')) resolve(reply.slice(0, reply.indexOf('\0')));
    });
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('clamd closed the connection')));
  });
  answered.catch(() => {});
  const timer = setTimeout(() => socket.destroy(new Error('clamd timed out')), opts.timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    // Each chunk waits for its flush: backpressure, and a destroyed socket (timeout) rejects.
    const write = (b: Buffer) => new Promise<void>((resolve, reject) => socket.write(b, (err) => (err ? reject(err) : resolve())));
    await write(Buffer.from('zINSTREAM\0'));
    // clamd may answer early (its size limit) and stop reading: then stop sending.
    const answeredEarly = () => reply.includes('\0');
    feed: for await (const data of stream as AsyncIterable<Buffer>) {
      for (let i = 0; i < data.length; i += CHUNK) {
        if (answeredEarly()) break feed;
        const part = data.subarray(i, i + CHUNK);
        const len = Buffer.alloc(4);
        len.writeUInt32BE(part.length);
        await write(Buffer.concat([len, part]));
      }
    }
    if (!answeredEarly()) await write(Buffer.alloc(4));
    const answer = (await answered).trim();
    const found = /^stream: (.+) FOUND$/.exec(answer);
    if (found) return { clean: false, signature: found[1]! };
    if (answer === 'stream: OK') return { clean: true };
    throw new Error(`clamd answered ${JSON.stringify(answer.slice(0, 200))}`);
  } finally {
    clearTimeout(timer);
    socket.destroy();
    stream.destroy();
  }
}
