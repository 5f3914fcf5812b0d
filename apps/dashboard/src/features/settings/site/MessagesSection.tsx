import { useState } from 'react';
import type { SiteDto } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { ToggleField } from '../components/ToggleField';
import { SectionForm } from './SectionForm';
import { messagesModel, type MessagesDraft } from './sections';
import { useSiteSection } from './useSiteSection';
import { WidgetPreview, type PreviewView } from './WidgetPreview';

/** What visitors read when nobody can answer (offline form or away message) and the greeting. */
export function MessagesSection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, messagesModel, 'Messages');
  const [view, setView] = useState<PreviewView>('offline');
  const { draft, errors } = section;
  const set = <K extends keyof MessagesDraft>(key: K, change: Partial<MessagesDraft[K]>) => section.update((d) => ({ ...d, [key]: { ...d[key], ...change } }));

  return (
    <SectionForm
      section={section}
      title="Offline & messages"
      description="What the widget says when it greets visitors, and when nobody can answer (outside business hours or with no agent online)."
      testId="messages"
      aside={<WidgetPreview settings={section.preview} view={view} onViewChange={setView} />}
    >
      <fieldset className="form__group form__group--section">
        <legend>When nobody can answer</legend>
        <div className="stack stack--tight">
          <ToggleField
            label="Show the “leave a message” form"
            checked={draft.offline.enabled}
            onChange={(enabled) => set('offline', { enabled })}
            testId="messages-offline-enabled"
            hint={
              draft.offline.enabled
                ? 'Visitors leave their name, email and message; your team gets an email and the message waits in the inbox.'
                : 'Off: visitors can still write, and get the away message below.'
            }
          />
          <Field label="Offline form text" error={errors['offline.message']} hint="Shown above the form, followed by when your team will answer.">
            <textarea rows={2} maxLength={500} value={draft.offline.message} onChange={(e) => set('offline', { message: e.target.value })} data-testid="messages-offline-text" />
          </Field>
          <ToggleField
            label="Email visitors a confirmation of their message"
            checked={draft.offline.autoReply}
            onChange={(autoReply) => set('offline', { autoReply })}
            testId="messages-offline-autoreply"
          />
          <ToggleField
            label="Away message"
            checked={draft.away.enabled}
            onChange={(enabled) => set('away', { enabled })}
            testId="messages-away-enabled"
            hint="Posted after a visitor’s first message when no agent is available. Used when the offline form is off."
          />
          <Field label="Away message text" error={errors['away.message']}>
            <textarea rows={2} maxLength={1000} value={draft.away.message} onChange={(e) => set('away', { message: e.target.value })} data-testid="messages-away-text" />
          </Field>
        </div>
      </fieldset>
      <fieldset className="form__group form__group--section">
        <legend>Greeting</legend>
        <div className="stack stack--tight">
          <ToggleField
            label="Greet visitors when they open the chat"
            checked={draft.greeting.enabled}
            onChange={(enabled) => set('greeting', { enabled })}
            testId="messages-greeting-enabled"
            hint="Shown as your team’s first message, and kept in the conversation once the visitor writes."
          />
          <Field label="Greeting text" error={errors['greeting.message']}>
            <textarea rows={2} maxLength={1000} value={draft.greeting.message} onChange={(e) => set('greeting', { message: e.target.value })} data-testid="messages-greeting-text" />
          </Field>
        </div>
      </fieldset>
    </SectionForm>
  );
}
