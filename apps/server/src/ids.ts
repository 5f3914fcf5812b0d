import { createHash, randomBytes } from 'node:crypto';
import { v7 } from 'uuid';

/** Time-ordered ids (uuid v7) for every row. */
export const newId = (): string => v7();
/** A url-safe random secret with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** Tokens are stored only as their sha256. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
