/**
 * The trigger builder's condition rows and their mapping to the protocol's TriggerCondition:
 * every row is `{ type, op, value }` with the value as typed (numbers parsed on the way out,
 * so the schema can say what is wrong).
 */
import type { TriggerCondition, TriggerConditionType } from '@parley/protocol';

export interface ConditionRow {
  uid: string;
  type: TriggerConditionType;
  /** The comparison for url, referrer and cart_value; '' for the others. */
  op: string;
  /** Seconds, pages, amount or text; 'true'/'false' for returning_visitor; '' for exit_intent. */
  value: string;
}

type Input = 'seconds' | 'count' | 'amount' | 'text' | 'yesno' | 'none';

interface ConditionMeta {
  type: TriggerConditionType;
  label: string;
  input: Input;
  ops: readonly { value: string; label: string }[];
  placeholder?: string;
  /** The value a new row starts with. */
  initial: string;
}

const TEXT_OPS = [
  { value: 'contains', label: 'contains' },
  { value: 'equals', label: 'is exactly' },
  { value: 'starts_with', label: 'starts with' },
  { value: 'matches', label: 'matches (* = anything)' },
  { value: 'not_contains', label: 'does not contain' },
] as const;

/** The condition types in the order the builder offers them. */
export const CONDITION_TYPES: readonly ConditionMeta[] = [
  { type: 'time_on_page', label: 'Time on page', input: 'seconds', ops: [], initial: '30' },
  { type: 'url', label: 'Page URL', input: 'text', ops: TEXT_OPS, placeholder: '/pricing', initial: '' },
  { type: 'exit_intent', label: 'Exit intent (desktop)', input: 'none', ops: [], initial: '' },
  { type: 'pages_viewed', label: 'Pages viewed', input: 'count', ops: [], initial: '3' },
  { type: 'returning_visitor', label: 'Returning visitor', input: 'yesno', ops: [], initial: 'true' },
  {
    type: 'cart_value',
    label: 'Cart value',
    input: 'amount',
    ops: [
      { value: 'gte', label: 'at least' },
      { value: 'lte', label: 'at most' },
    ],
    initial: '50',
  },
  { type: 'referrer', label: 'Referrer', input: 'text', ops: TEXT_OPS.filter((o) => o.value === 'contains' || o.value === 'equals' || o.value === 'not_contains'), placeholder: 'google.com', initial: '' },
  { type: 'utm_source', label: 'UTM source', input: 'text', ops: [], placeholder: 'newsletter', initial: '' },
];

export function conditionMeta(type: TriggerConditionType): ConditionMeta {
  return CONDITION_TYPES.find((m) => m.type === type) ?? CONDITION_TYPES[0]!;
}

/** A fresh row of `type` (switching a row's type starts it over). */
export function newConditionRow(type: TriggerConditionType, uid: string): ConditionRow {
  const meta = conditionMeta(type);
  return { uid, type, op: meta.ops[0]?.value ?? '', value: meta.initial };
}

/** A typed number, or undefined when the text is not one (the schema then says "Required"). */
function num(text: string): number | undefined {
  const t = text.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The row as the API takes it (unvalidated: CreateTriggerBody checks it). */
export function rowToCondition(row: ConditionRow): Record<string, unknown> {
  switch (row.type) {
    case 'time_on_page':
      return { type: row.type, seconds: num(row.value) };
    case 'pages_viewed':
      return { type: row.type, min: num(row.value) };
    case 'cart_value':
      return { type: row.type, op: row.op, value: num(row.value) };
    case 'returning_visitor':
      return { type: row.type, value: row.value === 'true' };
    case 'exit_intent':
      return { type: row.type };
    case 'url':
    case 'referrer':
      return { type: row.type, op: row.op, value: row.value };
    case 'utm_source':
      return { type: row.type, value: row.value };
  }
}

/** A stored condition as a builder row. */
export function conditionToRow(c: TriggerCondition, uid: string): ConditionRow {
  switch (c.type) {
    case 'time_on_page':
      return { uid, type: c.type, op: '', value: String(c.seconds) };
    case 'pages_viewed':
      return { uid, type: c.type, op: '', value: String(c.min) };
    case 'cart_value':
      return { uid, type: c.type, op: c.op, value: String(c.value) };
    case 'returning_visitor':
      return { uid, type: c.type, op: '', value: String(c.value) };
    case 'exit_intent':
      return { uid, type: c.type, op: '', value: '' };
    case 'url':
    case 'referrer':
      return { uid, type: c.type, op: c.op, value: c.value };
    case 'utm_source':
      return { uid, type: c.type, op: '', value: c.value };
  }
}

const opLabel = (type: TriggerConditionType, op: string): string => conditionMeta(type).ops.find((o) => o.value === op)?.label ?? op;

/** One line per condition for the trigger list, e.g. `URL contains “/pricing”`. */
export function describeCondition(c: TriggerCondition): string {
  switch (c.type) {
    case 'time_on_page':
      return `${c.seconds} s on the page`;
    case 'url':
      return `URL ${opLabel('url', c.op).replace(' (* = anything)', '')} “${c.value}”`;
    case 'exit_intent':
      return 'About to leave';
    case 'pages_viewed':
      return `${c.min}+ pages viewed`;
    case 'returning_visitor':
      return c.value ? 'Returning visitor' : 'New visitor';
    case 'cart_value':
      return `Cart ${c.op === 'gte' ? '≥' : '≤'} ${c.value}`;
    case 'referrer':
      return `Referrer ${opLabel('referrer', c.op)} “${c.value}”`;
    case 'utm_source':
      return `UTM source “${c.value}”`;
  }
}
