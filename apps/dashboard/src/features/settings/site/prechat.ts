/** The pre-chat form builder's state: the site's PreChatForm with client-only row ids. */
import type { FormField, FormFieldType, FormOption, Language, PreChatForm, Translations, WidgetSettings } from '@parley/protocol';
import { rowUid, type SectionModel } from './sectionForm';

export interface OptionDraft extends FormOption {
  uid: string;
  /** The value follows the label (a choice nobody saved yet). */
  autoValue: boolean;
}
export interface FieldDraft extends Omit<FormField, 'options'> {
  uid: string;
  /** The key follows the label (a field nobody saved yet). */
  autoKey: boolean;
  options: OptionDraft[];
}
export interface PreChatDraft {
  enabled: boolean;
  intro: string;
  fields: FieldDraft[];
}

/** The field types in the order the "Add field" menu offers them. */
export const FIELD_TYPES: readonly { type: FormFieldType; label: string; hint: string }[] = [
  { type: 'name', label: 'Name', hint: 'Saved as the visitor’s name' },
  { type: 'email', label: 'Email', hint: 'Checked for a valid address; saved as the visitor’s email' },
  { type: 'phone', label: 'Phone', hint: 'Checked for a valid number; saved as the visitor’s phone' },
  { type: 'select', label: 'Dropdown', hint: 'One choice from a list, e.g. the service they need' },
  { type: 'text', label: 'Short text', hint: 'One line of free text' },
  { type: 'textarea', label: 'Long text', hint: 'Several lines of free text' },
];

/** Types that map to a visitor column, so a form can have each only once. */
export const SINGLE_TYPES: readonly FormFieldType[] = ['name', 'email', 'phone'];

/** The languages a label can be translated into (English is the label itself). */
export const TRANSLATED: readonly { lang: Exclude<Language, 'en'>; label: string }[] = [
  { lang: 'es', label: 'Spanish' },
  { lang: 'fr', label: 'French' },
  { lang: 'de', label: 'German' },
  { lang: 'pt', label: 'Portuguese' },
  { lang: 'ar', label: 'Arabic' },
];

export const typeLabel = (type: FormFieldType): string => FIELD_TYPES.find((t) => t.type === type)?.label ?? type;

/** A field key from a label: `Service type` → `service_type`; a letter first, at most 40 characters. */
export function slugKey(label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug || 'field';
}

/** `base`, or `base_2`, `base_3`… whichever is not taken. */
export function uniqueKey(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const key = base.slice(0, 40 - suffix.length) + suffix;
    if (!taken.includes(key)) return key;
  }
}

const DEFAULT_LABEL: Record<FormFieldType, string> = { name: 'Name', email: 'Email', phone: 'Phone', select: 'Service', text: 'Company', textarea: 'Details' };

/** A new field of `type` for a form that has `fields`; name/email/phone use their type as key. */
export function newField(type: FormFieldType, fields: readonly FieldDraft[]): FieldDraft {
  const label = DEFAULT_LABEL[type];
  const single = SINGLE_TYPES.includes(type);
  const key = single ? type : uniqueKey(slugKey(label), fields.map((f) => f.key));
  const options = type === 'select' ? [{ ...newOption(), label: 'Sales', value: 'sales' }, { ...newOption(), label: 'Support', value: 'support' }] : [];
  return { uid: rowUid(), autoKey: !single, key, type, label, labels: {}, required: single, options };
}

/** A new, empty dropdown choice; its value follows its label until edited. */
export function newOption(): OptionDraft {
  return { uid: rowUid(), autoValue: true, value: '', label: '', labels: {} };
}

/** A field's label changed; a new field's key follows it (a saved field keeps its key: visitors' answers are stored under it). */
export function relabelField(field: FieldDraft, label: string, fields: readonly FieldDraft[]): FieldDraft {
  if (!field.autoKey || !label.trim()) return { ...field, label };
  const others = fields.filter((f) => f.uid !== field.uid).map((f) => f.key);
  return { ...field, label, key: uniqueKey(slugKey(label), others) };
}

/** A dropdown choice's label changed; a new choice's value follows it. */
export function relabelOption(option: OptionDraft, label: string, options: readonly OptionDraft[]): OptionDraft {
  if (!option.autoValue || !label.trim()) return { ...option, label };
  const others = options.filter((o) => o.uid !== option.uid).map((o) => o.value);
  return { ...option, label, value: uniqueKey(slugKey(label), others) };
}

/** Translations without empty entries (an emptied input means "use the label"). */
export function cleanTranslations(labels: Translations): Translations {
  return Object.fromEntries(Object.entries(labels).filter(([, v]) => typeof v === 'string' && v.trim() !== '')) as Translations;
}

/** How many languages have their own text. */
export const translatedCount = (labels: Translations): number => Object.keys(cleanTranslations(labels)).length;

function toDraft(settings: WidgetSettings): PreChatDraft {
  const form: PreChatForm = settings.preChatForm;
  return {
    enabled: form.enabled,
    intro: form.intro,
    fields: form.fields.map((f) => ({ ...f, uid: rowUid(), autoKey: false, options: f.options.map((o) => ({ ...o, uid: rowUid(), autoValue: false })) })),
  };
}

function toPatch(draft: PreChatDraft) {
  return {
    preChatForm: {
      enabled: draft.enabled,
      intro: draft.intro,
      fields: draft.fields.map(({ uid: _uid, autoKey: _auto, options, labels, ...field }) => ({
        ...field,
        labels: cleanTranslations(labels),
        options: options.map(({ uid: _o, autoValue: _a, labels: l, ...o }) => ({ ...o, labels: cleanTranslations(l) })),
      })),
    },
  };
}

export const preChatModel: SectionModel<PreChatDraft> = { toDraft, toPatch };
