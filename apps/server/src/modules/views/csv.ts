/**
 * One CSV field (RFC 4180: quoted when it holds a comma, quote or line break; quotes doubled).
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a `'` in front,
 * so a visitor's message cannot become a formula in the agent's spreadsheet.
 */
export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated. */
export const csvRow = (cells: (string | null | undefined)[]) => `${cells.map(csvCell).join(',')}\r\n`;
