/** What the components need from the store (the real one, or the preview's static one). */
import type { WidgetSettings } from '@parley/protocol';
import type { Store } from '../store';

export type UiStore = Pick<
  Store,
  | 'state'
  | 'draft'
  | 'subscribe'
  | 'setOpen'
  | 'send'
  | 'retry'
  | 'typing'
  | 'closeConversation'
  | 'newChat'
  | 'chooseDepartment'
  | 'submitProfile'
  | 'sendOfflineMessage'
  | 'closeOfflineSent'
  | 'rate'
  | 'emailTranscript'
  // Files (the lazily loaded files chunk): REST calls as the visitor, merging an upload's answer.
  | 'base'
  | 'siteKey'
  | 'identity'
  | 'ready'
  | 'startFields'
  | 'acked'
>;

/** The site's settings: the look always, the behaviour sections once the config has arrived. */
export type Settings = Pick<WidgetSettings, 'color' | 'position' | 'title' | 'welcomeText' | 'avatarUrl' | 'launcherIcon' | 'darkMode' | 'language'> & Partial<WidgetSettings>;
