/** Coded errors: one place for every code the API can answer, and its HTTP status. */
const CODES = {
  bad_request: 400,
  validation_failed: 400,
  message_too_long: 400,
  /** A transcript was asked for but no email address is known or given. */
  no_email: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  origin_not_allowed: 403,
  /** Files: visitors may not attach files on this site. */
  files_disabled: 403,
  /** Files: the virus scanner found something; the download is blocked. */
  file_infected: 403,
  not_found: 404,
  conflict: 409,
  conversation_closed: 409,
  not_assigned: 409,
  already_set_up: 409,
  email_taken: 409,
  /** Files: past their retention (bytes deleted), or a signed link past its expiry. */
  file_expired: 410,
  link_expired: 410,
  payload_too_large: 413,
  file_too_large: 413,
  quota_exceeded: 413,
  /** Files: the bytes are not an allowed type (decided from the bytes, not the name). */
  file_type_not_allowed: 415,
  /** Files: the bytes claim an image but cannot be decoded. */
  invalid_image: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  /** Files: ClamAV is configured but did not answer; nothing was stored. */
  scanner_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = CODES[code];
  }
}

export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
export const forbidden = (msg = 'You are not allowed to do that') => new AppError('forbidden', msg);

/** The body every error response has. Never carries stack traces or SQL. */
export function errorBody(err: AppError) {
  return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
}
