// Builds the widget and the dashboard when their output is missing or older than their
// sources, so `npm start` and `npm test` work on a fresh clone with nothing else to run.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const targets = [
  { name: 'widget', ws: 'apps/widget', output: 'apps/widget/dist/widget.js' },
  { name: 'dashboard', ws: 'apps/dashboard', output: 'apps/dashboard/dist/index.html' },
];
const protocolMtime = newestMtime(path.join(root, 'packages/protocol/src'));

for (const t of targets) {
  const out = path.join(root, t.output);
  const built = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
  const source = Math.max(newestMtime(path.join(root, t.ws)), protocolMtime);
  if (built >= source) continue;
  console.log(`Building the ${t.name}…`);
  execSync(`npm run build -w ${t.ws}`, { cwd: root, stdio: 'inherit' });
}
