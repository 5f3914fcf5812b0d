import { describe, expect, it } from 'vitest';
import { Email, Phone } from '@parley/protocol';
import { answers, checkField, checkForm, fieldOfError, isEmail, isPhone } from '../src/app/components/extras/validate';
import { formatWhen } from '../src/app/components/extras/when';

const field = (type: 'name' | 'email' | 'phone' | 'select' | 'text' | 'textarea', required = true, options: { value: string; label: string; labels: object }[] = []) => ({ type, required, options });

describe('pre-chat and offline form validation', () => {
  it('accepts and refuses emails exactly like the server schema', () => {
    const samples = ['ana@example.com', 'a.b+tag@sub.example.co', 'ana@', '@example.com', 'ana@example', 'ana example@x.com', 'ana@@x.com', 'a..b@x.com', "o'neil@x.ie", 'ana@x.c'];
    for (const s of samples) expect(isEmail(s), s).toBe(Email.safeParse(s).success);
  });

  it('accepts and refuses phone numbers exactly like the server schema', () => {
    const samples = ['+33 6 12 34 56 78', '(555) 123-4567', '12345', '123456', '+1 555 ABC 1234', '1'.repeat(21), '06.12.34.56.78', '+--', '+44 20 7946 0958'];
    for (const s of samples) expect(isPhone(s), s).toBe(Phone.safeParse(s).success);
  });

  it('says what is wrong with one answer', () => {
    expect(checkField(field('name'), '  ')).toBe('required');
    expect(checkField(field('name', false), '')).toBe(null);
    expect(checkField(field('email'), 'ana@')).toBe('email');
    expect(checkField(field('email', false), 'ana@')).toBe('email');
    expect(checkField(field('email'), ' ana@example.com ')).toBe(null);
    expect(checkField(field('phone'), '12')).toBe('phone');
    expect(checkField(field('name'), 'x'.repeat(121))).toBe('long');
    expect(checkField(field('text'), 'x'.repeat(200))).toBe(null);
    expect(checkField(field('text'), 'x'.repeat(201))).toBe('long');
    expect(checkField(field('textarea'), 'x'.repeat(1000))).toBe(null);
    expect(checkField(field('textarea'), 'x'.repeat(1001))).toBe('long');
    expect(checkField({ type: 'message', required: true }, 'x'.repeat(10_001))).toBe('long');
    expect(checkField({ type: 'message', required: true }, '')).toBe('required');
  });

  it('only accepts a dropdown answer that is one of its options', () => {
    const select = field('select', true, [{ value: 'sales', label: 'Sales', labels: {} }]);
    expect(checkField(select, '')).toBe('choose');
    expect(checkField(select, 'hacking')).toBe('choose');
    expect(checkField(select, 'sales')).toBe(null);
  });

  it('checks a whole form and keeps the non-empty answers, trimmed', () => {
    const fields = [
      { key: 'name', ...field('name') },
      { key: 'email', ...field('email') },
      { key: 'company', ...field('text', false) },
    ];
    expect(checkForm(fields, { name: '', email: 'nope' })).toEqual({ name: 'required', email: 'email' });
    expect(checkForm(fields, { name: 'Ana', email: 'ana@example.com' })).toEqual({});
    expect(answers(fields, { name: ' Ana ', email: 'ana@example.com', company: '  ' })).toEqual({ name: 'Ana', email: 'ana@example.com' });
  });

  it('finds the field a server refusal is about', () => {
    const keys = ['name', 'email', 'plan'];
    expect(fieldOfError('fields.email: Invalid email address', keys)).toBe('email');
    expect(fieldOfError('email: Invalid email address', keys)).toBe('email');
    // The server's pre-chat form check (`key: message`).
    expect(fieldOfError('plan: choose one of the options of Plan', keys)).toBe('plan');
    expect(fieldOfError('The field plan is required', keys)).toBe('plan');
    expect(fieldOfError('Too many requests', keys)).toBe(null);
  });
});

describe('when the team is back', () => {
  const dayAt = (day: string, time: string) => `${day} at ${time}`;
  const now = new Date('2026-03-02T20:00:00Z'); // a Monday

  it('says today or tomorrow with the time, in the visitor time zone and language', () => {
    expect(formatWhen('2026-03-02T22:00:00Z', now, 'en', dayAt, 'UTC')).toBe('today at 10:00 PM');
    expect(formatWhen('2026-03-03T08:00:00Z', now, 'en', dayAt, 'UTC')).toBe('tomorrow at 08:00 AM');
    // 08:00 UTC is 09:00 in Paris; in Tokyo 20:00 UTC Monday is already Tuesday.
    expect(formatWhen('2026-03-03T08:00:00Z', now, 'fr', (d, t) => `${d} à ${t}`, 'Europe/Paris')).toBe('demain à 09:00');
    expect(formatWhen('2026-03-03T08:00:00Z', now, 'en', dayAt, 'Asia/Tokyo')).toBe('today at 05:00 PM');
  });

  it('names the weekday within a week, and the date further out', () => {
    expect(formatWhen('2026-03-05T09:00:00Z', now, 'en', dayAt, 'UTC')).toBe('Thursday at 09:00 AM');
    expect(formatWhen('2026-03-05T09:00:00Z', now, 'es', (d, t) => `${d} a las ${t}`, 'UTC')).toBe('jueves a las 09:00');
    expect(formatWhen('2026-03-20T09:00:00Z', now, 'en', dayAt, 'UTC')).toBe('Friday, March 20 at 09:00 AM');
    expect(formatWhen('nonsense', now, 'en', dayAt)).toBe('');
  });
});
