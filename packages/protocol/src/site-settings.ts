/**
 * A site's visitor-facing settings beyond its look: the pre-chat form, business hours,
 * offline mode, greeting and away messages, tracking and language. Stored inside the site's
 * `settings` json (see WidgetSettings in ./rest) and read through `.parse()`, so sites
 * created before a field existed get its default.
 *
 * Objects use `.prefault({})` (not `.default({})`): zod 4's `.default` returns the value
 * as is, `.prefault` parses it so the inner defaults apply.
 */
import { z } from 'zod';
import { FileSettings } from './files';

/** Languages the widget speaks. */
export const Language = z.enum(['en', 'es', 'fr', 'de', 'pt', 'ar']);
export type Language = z.infer<typeof Language>;
export const LANGUAGES = Language.options;
/** `auto`: the visitor's browser language when we have it, else English. */
export const WidgetLanguage = z.enum(['auto', 'en', 'es', 'fr', 'de', 'pt', 'ar']);
export type WidgetLanguage = z.infer<typeof WidgetLanguage>;

export const LauncherIcon = z.enum(['chat', 'help', 'headset', 'message']);
export type LauncherIcon = z.infer<typeof LauncherIcon>;
export const DarkMode = z.enum(['auto', 'light', 'dark']);
export type DarkMode = z.infer<typeof DarkMode>;

/** Translations of a label, by language; the field's `label` is used where one is missing. */
export const Translations = z.partialRecord(Language, z.string().trim().max(200));
export type Translations = z.infer<typeof Translations>;

// ---- pre-chat form ------------------------------------------------------------------------

/** `name`, `email`, `phone` land on the visitor's columns; the rest in `visitor.attributes[key]`. */
export const FormFieldType = z.enum(['name', 'email', 'phone', 'select', 'text', 'textarea']);
export type FormFieldType = z.infer<typeof FormFieldType>;

export const FormFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Field key: a lower-case letter, then letters, digits or _ (max 40)');

export const FormOption = z.object({
  value: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1).max(200),
  labels: Translations.default({}),
});
export type FormOption = z.infer<typeof FormOption>;

export const FormField = z
  .object({
    key: FormFieldKey,
    type: FormFieldType,
    label: z.string().trim().min(1, 'Every field needs a label').max(200),
    labels: Translations.default({}),
    required: z.boolean().default(false),
    /** `select` only: the choices (at least one). */
    options: z.array(FormOption).max(50).default([]),
  })
  .refine((f) => f.type !== 'select' || f.options.length > 0, { message: 'A dropdown needs at least one option', path: ['options'] });
export type FormField = z.infer<typeof FormField>;

export const PreChatForm = z
  .object({
    enabled: z.boolean().default(false),
    /** Shown above the fields. */
    intro: z.string().trim().max(500).default('Please tell us a bit about yourself before we start.'),
    fields: z
      .array(FormField)
      .max(20)
      .default([
        { key: 'name', type: 'name', label: 'Name', labels: {}, required: true, options: [] },
        { key: 'email', type: 'email', label: 'Email', labels: {}, required: true, options: [] },
      ]),
  })
  .refine((f) => new Set(f.fields.map((x) => x.key)).size === f.fields.length, { message: 'Two fields have the same key', path: ['fields'] })
  .refine((f) => (['name', 'email', 'phone'] as const).every((t) => f.fields.filter((x) => x.type === t).length <= 1), {
    message: 'Name, email and phone fields can each appear only once',
    path: ['fields'],
  });
export type PreChatForm = z.infer<typeof PreChatForm>;

// ---- business hours -----------------------------------------------------------------------

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
export const WEEKDAYS = Weekday.options;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Time must look like 09:30');
/** Local wall-clock time range within one day; `to` may be `24:00`. */
export const TimeRange = z.object({ from: HHMM, to: HHMM }).refine((r) => r.from < r.to, { message: 'A range must end after it starts', path: ['to'] });
export type TimeRange = z.infer<typeof TimeRange>;

export const TimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'Unknown time zone (use an IANA name such as Europe/Paris)');

const nineToFive = [{ from: '09:00', to: '17:00' }];
const day = z.array(TimeRange).max(4);
export const BusinessHours = z.object({
  /** Off: the site is always "open" (availability then only depends on agents). */
  enabled: z.boolean().default(false),
  timezone: TimeZone.default('UTC'),
  weekly: z
    .object({ mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day })
    .default({ mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] }),
  /** Closed all day (in the site's time zone). */
  holidays: z
    .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date must look like 2026-12-25'), name: z.string().trim().max(80).default('') }))
    .max(100)
    .default([]),
});
export type BusinessHours = z.infer<typeof BusinessHours>;

// ---- offline mode, greeting, away message, tracking ----------------------------------------

export const OfflineSettings = z.object({
  /** When the team is unavailable: true shows the "leave a message" form, false keeps the chat (with the away message). */
  enabled: z.boolean().default(true),
  message: z.string().trim().max(500).default("We're away right now. Leave a message and we'll get back to you by email."),
  /** Email the visitor a confirmation of their message. */
  autoReply: z.boolean().default(true),
});
export type OfflineSettings = z.infer<typeof OfflineSettings>;

export const GreetingSettings = z.object({
  enabled: z.boolean().default(true),
  /** Shown as the team's first message when the visitor opens the chat; stored when the chat starts. */
  message: z.string().trim().max(1000).default('Hi there 👋 How can we help?'),
});
export type GreetingSettings = z.infer<typeof GreetingSettings>;

export const AwaySettings = z.object({
  enabled: z.boolean().default(true),
  /** Posted by the system after the visitor's first message when no agent is available. */
  message: z.string().trim().max(1000).default("Thanks for your message! Our team isn't available right now; we'll reply as soon as we're back."),
});
export type AwaySettings = z.infer<typeof AwaySettings>;

export const TrackingSettings = z.object({
  /** Off: no sessions or page views are recorded for this site (Do Not Track is always honoured). */
  enabled: z.boolean().default(true),
  /** Keep the visitor's id on the device from the first page view, not only after they interact. */
  storeBeforeInteraction: z.boolean().default(false),
});
export type TrackingSettings = z.infer<typeof TrackingSettings>;

/** The non-appearance sections of WidgetSettings. */
export const siteBehaviourFields = {
  preChatForm: PreChatForm,
  businessHours: BusinessHours,
  offline: OfflineSettings,
  greeting: GreetingSettings,
  away: AwaySettings,
  tracking: TrackingSettings,
  files: FileSettings,
};
