import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** First message per top-level field of a failed zod parse (`siteDomains.2` → `siteDomains`). */
export function fieldErrors(error: z.ZodError, input?: Record<string, unknown>): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '_form');
    if (key in out) continue;
    // For list fields name the offending entry: “foo_bar”: Not a valid domain name.
    const index = issue.path[1];
    const list = input?.[key];
    const message = issueMessage(issue);
    out[key] = typeof index === 'number' && Array.isArray(list) ? `“${String(list[index])}”: ${message}` : message;
  }
  return out;
}

/** Split a free-text list of domains ("a.com, b.com\nc.com") into entries. */
export function splitList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A zod issue's message in plain words ("Required" rather than "Too small: expected string to have >=1 characters"). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  // Numbers first: a 0 where 1 is the least is out of range, not missing.
  if (issue.code === 'too_small' && issue.origin === 'number') return `Enter ${String(issue.minimum)} or more`;
  if (issue.code === 'too_big' && issue.origin === 'number') return `Enter ${String(issue.maximum)} or less`;
  if (issue.code === 'invalid_type' && (issue.expected === 'number' || issue.expected === 'int')) return 'Enter a whole number';
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) return 'Required';
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Required';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Enter a valid email address';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Enter a full URL starting with https://';
  return issue.message;
}
