import { Email, Phone, PersonName, type FormField, type PreChatForm } from '@parley/protocol';
import type { z } from 'zod';
import { AppError } from '../../errors';

/** Answers of a pre-chat form, sorted by where they land on the visitor. */
export interface FormAnswers {
  name?: string;
  email?: string;
  phone?: string;
  /** Every other field, by key (`visitors.attributes[key]`). */
  attributes: Record<string, string>;
}

const TEXT_MAX = 200;
const TEXTAREA_MAX = 1000;

const invalid = (field: FormField, message: string) => new AppError('validation_failed', `${field.key}: ${message}`, { issues: [{ path: `fields.${field.key}`, message }] });

function checkWith(field: FormField, schema: z.ZodType<string>, value: string): string {
  const r = schema.safeParse(value);
  if (!r.success) throw invalid(field, r.error.issues[0]?.message ?? 'invalid value');
  return r.data;
}

function checkValue(field: FormField, value: string): string {
  switch (field.type) {
    case 'name':
      return checkWith(field, PersonName, value);
    case 'email':
      return checkWith(field, Email, value.toLowerCase());
    case 'phone':
      return checkWith(field, Phone, value);
    case 'select':
      if (!field.options.some((o) => o.value === value)) throw invalid(field, `choose one of the options of ${field.label}`);
      return value;
    case 'text':
    case 'textarea': {
      const max = field.type === 'text' ? TEXT_MAX : TEXTAREA_MAX;
      if (value.length > max) throw invalid(field, `${field.label} must be at most ${max} characters`);
      return value;
    }
  }
}

/**
 * Checks a visitor's answers against the site's pre-chat form: every key must be a field of
 * the form, required fields must be answered, and each value must fit its field (email and
 * phone formats, a dropdown's options, lengths). Empty optional answers are left out.
 * Throws `validation_failed` naming the field.
 */
export function checkFormAnswers(form: PreChatForm, answers: Record<string, string>): FormAnswers {
  const byKey = new Map(form.fields.map((f) => [f.key, f]));
  const unknown = Object.keys(answers).find((k) => !byKey.has(k));
  if (unknown) throw new AppError('validation_failed', `${unknown}: not a field of this form`, { issues: [{ path: `fields.${unknown}`, message: 'not a field of this form' }] });
  const out: FormAnswers = { attributes: {} };
  for (const field of form.fields) {
    const raw = (answers[field.key] ?? '').trim();
    if (!raw) {
      if (field.required) throw invalid(field, `${field.label} is required`);
      continue;
    }
    const value = checkValue(field, raw);
    if (field.type === 'name' || field.type === 'email' || field.type === 'phone') out[field.type] = value;
    else out.attributes[field.key] = value;
  }
  return out;
}
