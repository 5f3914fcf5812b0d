// The upload benchmark's baseline: a bare HTTP server that streams each request body to a
// file (argv: port, directory) — what loopback and this disk can do without Parley.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream';

const [port, dir] = process.argv.slice(2);
let n = 0;
http
  .createServer((req, res) => {
    const file = path.join(dir, `f${n++}`);
    pipeline(req, fs.createWriteStream(file), (err) => res.writeHead(err ? 500 : 201).end());
  })
  .listen(Number(port), '127.0.0.1');
