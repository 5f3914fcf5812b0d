/**
 * How every benchmark reports: the machine, the parameters, tables of figures, and one
 * PASS/FAIL line per goal — as text, then as a markdown section for `bench/RESULTS.md`.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Table {
  title: string;
  columns: string[];
  rows: string[][];
}

export interface Verdict {
  /** null: not judged (the run was not valid for this goal; `text` says why). */
  pass: boolean | null;
  text: string;
}

export interface Report {
  /** The npm script's name. */
  bench: string;
  title: string;
  params: Record<string, string | number>;
  tables: Table[];
  verdicts: Verdict[];
  /** What limits a goal not met, warnings about the run's validity, … */
  notes: string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** Date, machine and commit lines (the RESULTS.md header of a run). */
export function machineLines(extra: string[] = []): string[] {
  const commit = git(['rev-parse', '--short', 'HEAD']) || 'unknown';
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) ? ' (+ uncommitted changes)' : '';
  const load = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  return [
    `Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `Machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, load average at start ${load}`,
    `Node ${process.version}${extra.length ? `, ${extra.join(', ')}` : ''}`,
    `Commit: ${commit}${dirty}`,
  ];
}

function textTable(t: Table): string {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(t.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n');
}

function markdownTable(t: Table): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${t.columns.map(esc).join(' | ')} |`, `| ${t.columns.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`, ...t.rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const mark = (v: Verdict) => (v.pass === null ? 'NOT JUDGED' : v.pass ? 'PASS' : 'FAIL');

/** Prints the report (text, then markdown); returns the exit code: 1 if any goal failed. */
export function printReport(r: Report, machineExtra: string[] = []): number {
  const header = machineLines(machineExtra);
  const params = Object.entries(r.params).map(([k, v]) => `${k}=${v}`).join(', ');
  const out: string[] = ['', `== ${r.title} ==`, ...header, `Parameters: ${params}`];
  for (const t of r.tables) out.push('', t.title, textTable(t));
  if (r.verdicts.length) out.push('', ...r.verdicts.map((v) => `${mark(v)}: ${v.text}`));
  if (r.notes.length) out.push('', ...r.notes.map((n) => `note: ${n}`));

  const md: string[] = ['', `----- markdown for bench/RESULTS.md (${r.bench}) -----`, '', `### ${r.title}`, '', ...header.map((l) => `${l}  `), `Parameters: ${params}`];
  for (const t of r.tables) md.push('', `**${t.title}**`, '', markdownTable(t));
  if (r.verdicts.length) md.push('', ...r.verdicts.map((v) => `- **${mark(v)}**: ${v.text}`));
  if (r.notes.length) md.push('', ...r.notes.map((n) => `- ${n}`));
  md.push('', '----- end -----');
  console.log([...out, ...md].join('\n'));
  return r.verdicts.some((v) => v.pass === false) ? 1 : 0;
}
