import { useId, useState } from 'react';
import type { SiteDto } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/Icon';
import { SectionForm } from './SectionForm';
import { Segmented } from './Segmented';
import { DARK_MODES, LAUNCHER_ICONS, WIDGET_LANGUAGES, appearanceModel, type AppearanceDraft } from './sections';
import { useSiteSection } from './useSiteSection';
import { WidgetPreview, type PreviewView } from './WidgetPreview';

const SWATCHES = ['#2563eb', '#0f766e', '#16a34a', '#ea580c', '#dc2626', '#db2777', '#7c3aed', '#111827'];
const HEX = /^#[0-9a-f]{6}$/i;

/** Colours, texts, launcher and theme of a site's widget, with the real widget previewed live. */
export function AppearanceSection({ site }: { site: SiteDto }) {
  const section = useSiteSection(site, appearanceModel, 'Appearance');
  const [view, setView] = useState<PreviewView>('chat');
  const { draft, errors } = section;
  const set = <K extends keyof AppearanceDraft>(key: K, value: AppearanceDraft[K]) => section.update((d) => ({ ...d, [key]: value }));
  const colorId = useId();

  return (
    <SectionForm
      section={section}
      title="Appearance"
      description="How the chat widget looks on your website."
      testId="appearance"
      aside={<WidgetPreview settings={section.preview} view={view} onViewChange={setView} />}
    >
      <div className={`field${errors.color ? ' field--invalid' : ''}`}>
        <label htmlFor={colorId}>Colour</label>
        <span className="color-input">
          <input type="color" value={HEX.test(draft.color) ? draft.color : '#000000'} onChange={(e) => set('color', e.target.value)} aria-label="Pick a colour" data-testid="appearance-color-picker" />
          <input id={colorId} className="input--short" value={draft.color} onChange={(e) => set('color', e.target.value)} spellCheck={false} aria-invalid={!!errors.color} data-testid="appearance-color" />
          <span className="swatches" role="group" aria-label="Suggested colours">
            {SWATCHES.map((c) => (
              <button key={c} type="button" className={`swatch${draft.color.toLowerCase() === c ? ' swatch--on' : ''}`} style={{ background: c }} onClick={() => set('color', c)} aria-label={`Use ${c}`} />
            ))}
          </span>
        </span>
        {errors.color && (
          <p className="field__error" role="alert">
            {errors.color}
          </p>
        )}
      </div>
      <Segmented
        label="Position"
        value={draft.position}
        options={[
          { value: 'right', label: 'Bottom right' },
          { value: 'left', label: 'Bottom left' },
        ]}
        onChange={(v) => set('position', v)}
        testId="appearance-position"
      />
      <fieldset className="form__group">
        <legend className="field-legend">Launcher icon</legend>
        <div className="icon-choices">
          {LAUNCHER_ICONS.map((o) => (
            <label key={o.icon} className={`icon-choice${draft.launcherIcon === o.icon ? ' icon-choice--on' : ''}`} title={o.label}>
              <input type="radio" name="launcher-icon" value={o.icon} checked={draft.launcherIcon === o.icon} onChange={() => set('launcherIcon', o.icon)} data-testid={`appearance-icon-${o.icon}`} />
              <span className="icon-choice__bubble" style={{ background: HEX.test(draft.color) ? draft.color : undefined }}>
                <Icon name={o.icon} size={22} />
              </span>
              <span className="icon-choice__label">{o.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Team name" error={errors.title} hint="Shown in the widget’s header, e.g. “Acme Support”.">
        <input value={draft.title} maxLength={80} onChange={(e) => set('title', e.target.value)} data-testid="appearance-title" />
      </Field>
      <Field label="Avatar URL" error={errors.avatarUrl} hint="A square image (your logo or a team photo) shown in the header. Leave empty for none.">
        <input type="url" inputMode="url" placeholder="https://example.com/logo.png" value={draft.avatarUrl} onChange={(e) => set('avatarUrl', e.target.value)} data-testid="appearance-avatar" />
      </Field>
      <Field label="Welcome text" error={errors.welcomeText} hint="The first words visitors read when they open the chat.">
        <textarea rows={2} maxLength={500} value={draft.welcomeText} onChange={(e) => set('welcomeText', e.target.value)} data-testid="appearance-welcome" />
      </Field>
      <Segmented
        label="Theme"
        value={draft.darkMode}
        options={DARK_MODES.map((m) => ({ value: m.mode, label: m.label, hint: m.hint }))}
        onChange={(v) => set('darkMode', v)}
        testId="appearance-dark"
        hint={DARK_MODES.find((m) => m.mode === draft.darkMode)?.hint}
      />
      <Field label="Language" error={errors.language} hint="Every text of the widget itself; your own texts above are shown as you write them.">
        <select value={draft.language} onChange={(e) => set('language', e.target.value as AppearanceDraft['language'])} data-testid="appearance-language">
          {WIDGET_LANGUAGES.map((l) => (
            <option key={l.value} value={l.value}>
              {l.label}
            </option>
          ))}
        </select>
      </Field>
    </SectionForm>
  );
}
