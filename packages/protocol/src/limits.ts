/**
 * Limits shared by the server (enforced) and the clients (shown early).
 * Kept free of imports so the widget can use them without pulling in zod.
 *
 * @example
 *   if (text.length > LIMITS.messageMaxChars) showError();
 */
export const LIMITS = {
  messageMaxChars: 10_000,
  nameMaxChars: 120,
  emailMaxChars: 254,
  subjectMaxChars: 200,
  siteDomainsMax: 50,
  passwordMinChars: 8,
  passwordMaxChars: 256,
  syncMaxMessages: 500,
  pageSizeMax: 200,
  /** seq values are PostgreSQL integers. */
  seqMax: 2_147_483_647,
} as const;
