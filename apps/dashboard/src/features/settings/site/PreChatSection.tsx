import { useState } from 'react';
import type { SiteDto } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/Icon';
import { ToggleField } from '../components/ToggleField';
import { FIELD_TYPES, SINGLE_TYPES, newField, preChatModel, relabelField, type FieldDraft } from './prechat';
import { PreChatFieldCard } from './PreChatFieldCard';
import { SectionForm } from './SectionForm';
import { moveItem } from './sectionForm';
import { useSiteSection } from './useSiteSection';
import { WidgetPreview, type PreviewView } from './WidgetPreview';

const MAX_FIELDS = 20;

/** The form visitors fill in before their first message: fields, labels in every language, choices. */
export function PreChatSection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, preChatModel, 'Pre-chat form');
  const [view, setView] = useState<PreviewView>('prechat');
  const { draft, errors } = section;
  const setFields = (change: (fields: FieldDraft[]) => FieldDraft[]) => section.update((d) => ({ ...d, fields: change(d.fields) }));
  const replace = (uid: string, field: FieldDraft) => setFields((fs) => fs.map((f) => (f.uid === uid ? field : f)));
  const formError = errors['preChatForm.fields'];

  return (
    <SectionForm
      section={section}
      title="Pre-chat form"
      description="Ask visitors for their details before the chat starts. Answers are saved on the visitor, and agents see them next to the chat."
      testId="prechat"
      aside={<WidgetPreview settings={section.preview} view={view} onViewChange={setView} />}
    >
      <ToggleField
        label="Ask visitors to fill in this form before chatting"
        checked={draft.enabled}
        onChange={(enabled) => section.update((d) => ({ ...d, enabled }))}
        testId="prechat-enabled"
        hint={draft.enabled ? 'Messages from your team (the greeting, or an agent who joins) stay visible above the form.' : 'Off: visitors start typing right away.'}
      />
      <Field label="Introduction" error={errors['preChatForm.intro']} hint="Shown above the fields.">
        <textarea rows={2} maxLength={500} value={draft.intro} onChange={(e) => section.update((d) => ({ ...d, intro: e.target.value }))} data-testid="prechat-intro" />
      </Field>
      <fieldset className="form__group">
        <legend className="field-legend">Fields</legend>
        {formError && (
          <p className="field__error" role="alert">
            {formError}
          </p>
        )}
        {draft.fields.length === 0 && <p className="muted fb-empty">No fields yet: add one below.</p>}
        <ol className="fb-fields">
          {draft.fields.map((f, i) => (
            <PreChatFieldCard
              key={f.uid}
              field={f}
              index={i}
              count={draft.fields.length}
              errors={errors}
              onChange={(field) => replace(f.uid, field)}
              onLabel={(label) => setFields((fs) => fs.map((x) => (x.uid === f.uid ? relabelField(x, label, fs) : x)))}
              onMove={(dir) => setFields((fs) => moveItem(fs, i, dir))}
              onRemove={() => setFields((fs) => fs.filter((x) => x.uid !== f.uid))}
            />
          ))}
        </ol>
        <div className="fb-add" role="group" aria-label="Add a field">
          <span className="fb-add__label">Add field</span>
          {FIELD_TYPES.map((t) => {
            const taken = SINGLE_TYPES.includes(t.type) && draft.fields.some((f) => f.type === t.type);
            return (
              <button
                key={t.type}
                type="button"
                className="chip"
                disabled={taken || draft.fields.length >= MAX_FIELDS}
                title={taken ? `The form already has a ${t.label.toLowerCase()} field` : t.hint}
                onClick={() => setFields((fs) => [...fs, newField(t.type, fs)])}
                data-testid={`prechat-add-${t.type}`}
              >
                <Icon name="plus" size={14} /> {t.label}
              </button>
            );
          })}
        </div>
      </fieldset>
    </SectionForm>
  );
}
