/** Form models of the simpler site settings sections (appearance, messages, privacy). */
import type { AwaySettings, DarkMode, GreetingSettings, LauncherIcon, OfflineSettings, TrackingSettings, WidgetLanguage, WidgetSettings } from '@parley/protocol';
import type { SectionModel } from './sectionForm';

export interface AppearanceDraft {
  color: string;
  position: 'right' | 'left';
  title: string;
  welcomeText: string;
  /** Empty = no avatar (stored as null). */
  avatarUrl: string;
  launcherIcon: LauncherIcon;
  darkMode: DarkMode;
  language: WidgetLanguage;
}

export const appearanceModel: SectionModel<AppearanceDraft> = {
  toDraft: (s: WidgetSettings) => ({
    color: s.color,
    position: s.position,
    title: s.title,
    welcomeText: s.welcomeText,
    avatarUrl: s.avatarUrl ?? '',
    launcherIcon: s.launcherIcon,
    darkMode: s.darkMode,
    language: s.language,
  }),
  toPatch: (d) => ({ ...d, color: d.color.trim().toLowerCase(), avatarUrl: d.avatarUrl.trim() === '' ? null : d.avatarUrl.trim() }),
};

export const LAUNCHER_ICONS: readonly { icon: LauncherIcon; label: string }[] = [
  { icon: 'chat', label: 'Chat bubble' },
  { icon: 'message', label: 'Message' },
  { icon: 'help', label: 'Question mark' },
  { icon: 'headset', label: 'Headset' },
];

export const DARK_MODES: readonly { mode: DarkMode; label: string; hint: string }[] = [
  { mode: 'auto', label: 'Auto', hint: 'Follows the visitor’s system setting' },
  { mode: 'light', label: 'Light', hint: 'Always light' },
  { mode: 'dark', label: 'Dark', hint: 'Always dark' },
];

export const WIDGET_LANGUAGES: readonly { value: WidgetLanguage; label: string }[] = [
  { value: 'auto', label: 'The visitor’s browser language' },
  { value: 'en', label: 'English' },
  { value: 'es', label: 'Español (Spanish)' },
  { value: 'fr', label: 'Français (French)' },
  { value: 'de', label: 'Deutsch (German)' },
  { value: 'pt', label: 'Português (Portuguese)' },
  { value: 'ar', label: 'العربية (Arabic, right to left)' },
];

export interface MessagesDraft {
  offline: OfflineSettings;
  greeting: GreetingSettings;
  away: AwaySettings;
}

export const messagesModel: SectionModel<MessagesDraft> = {
  toDraft: (s: WidgetSettings) => ({ offline: { ...s.offline }, greeting: { ...s.greeting }, away: { ...s.away } }),
  toPatch: (d) => ({ offline: d.offline, greeting: d.greeting, away: d.away }),
};

export const privacyModel: SectionModel<TrackingSettings> = {
  toDraft: (s: WidgetSettings) => ({ ...s.tracking }),
  toPatch: (d) => ({ tracking: d }),
};
