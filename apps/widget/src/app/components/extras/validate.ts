/**
 * Client-side checks of the pre-chat and offline forms: the same rules as the server's
 * schemas (protocol `Email`, `Phone`, `PersonName`, `ProfilePayload`), without zod, so the
 * visitor hears about a typo before anything is sent. The server checks again.
 */
import type { FormField } from '@parley/protocol';
import { LIMITS } from '@parley/protocol/limits';

/** What is wrong with a value; the form turns it into a localized sentence. */
export type FieldError = 'required' | 'email' | 'phone' | 'choose' | 'long';

/** zod 4's email pattern (`z.email()`), which the server applies. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** protocol `Phone`: digits with optional +, spaces, dots, dashes, parentheses; 6–20 digits. */
export function isPhone(value: string): boolean {
  const digits = value.replace(/\D/g, '').length;
  return value.length <= 40 && /^\+?[0-9 ().-]+$/.test(value) && digits >= 6 && digits <= 20;
}

export const isEmail = (value: string) => value.length <= LIMITS.emailMaxChars && EMAIL.test(value);

/** Longest accepted answer per field type (as the server's form check: names 120, emails 254, one-line texts 200, others 1000). */
const maxLength = (type: FormField['type']) => (type === 'name' ? LIMITS.nameMaxChars : type === 'email' ? LIMITS.emailMaxChars : type === 'text' ? 200 : 1000);

/** What the checks read of a field: the site's form fields, or the offline form's message body. */
type Checked = Pick<FormField, 'type' | 'required' | 'options'> | { type: 'message'; required: true; options?: undefined };

/**
 * Checks one answer (trimmed). `message` is the offline form's message body.
 *
 * @example checkField({ type: 'email', required: true, options: [] }, 'ana@') // → 'email'
 */
export function checkField(field: Checked, raw: string): FieldError | null {
  const value = raw.trim();
  if (!value) return field.required ? (field.type === 'select' ? 'choose' : 'required') : null;
  if (field.type === 'message') return value.length > LIMITS.messageMaxChars ? 'long' : null;
  if (value.length > maxLength(field.type)) return 'long';
  if (field.type === 'email' && !isEmail(value)) return 'email';
  if (field.type === 'phone' && !isPhone(value)) return 'phone';
  if (field.type === 'select' && !field.options.some((o) => o.value === value)) return 'choose';
  return null;
}

/** Every field's problem, by key (empty when the form can be sent). */
export function checkForm(fields: readonly (Checked & { key: string })[], values: Readonly<Record<string, string>>): Record<string, FieldError> {
  const errors: Record<string, FieldError> = {};
  for (const f of fields) {
    const e = checkField(f, values[f.key] ?? '');
    if (e) errors[f.key] = e;
  }
  return errors;
}

/** The answers to send: trimmed, empty optional ones left out. */
export function answers(fields: readonly Pick<FormField, 'key'>[], values: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (v) out[f.key] = v;
  }
  return out;
}

/**
 * The field a server refusal is about: validation messages start with the failing path
 * (`fields.email: Invalid email address`), else the field's key is named in the message.
 */
export function fieldOfError(message: string, keys: readonly string[]): string | null {
  const path = /^(?:fields\.)?([a-z][a-z0-9_]*)\s*:/.exec(message)?.[1];
  if (path && keys.includes(path)) return path;
  return keys.find((k) => new RegExp(`\\b${k}\\b`, 'i').test(message)) ?? null;
}
