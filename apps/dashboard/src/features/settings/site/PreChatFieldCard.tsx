import { Field } from '../../../ui/Field';
import { Icon } from '../../../ui/Icon';
import { SINGLE_TYPES, newOption, relabelOption, typeLabel, type FieldDraft, type OptionDraft } from './prechat';
import { errorsUnder, moveItem, type PathErrors } from './sectionForm';
import { TranslationsEditor } from './TranslationsEditor';

interface Props {
  field: FieldDraft;
  index: number;
  count: number;
  /** Errors of the whole form by path; this card shows `preChatForm.fields.<index>…`. */
  errors: PathErrors;
  onChange(field: FieldDraft): void;
  onLabel(label: string): void;
  onMove(direction: -1 | 1): void;
  onRemove(): void;
}

/** One field of the pre-chat form builder: label, key, translations, required, choices. */
export function PreChatFieldCard({ field, index, count, errors, onChange, onLabel, onMove, onRemove }: Props) {
  const path = `preChatForm.fields.${index}`;
  const name = field.label.trim() || typeLabel(field.type);
  const shown = new Set([`${path}.label`, `${path}.key`]);
  // Whatever is not shown at an input (the "needs a choice" rule, …) is listed on the card.
  const other = Object.entries(errors)
    .filter(([p]) => (p === path || p.startsWith(`${path}.`)) && !shown.has(p) && !p.startsWith(`${path}.labels.`) && !/\.options\.\d+\./.test(p))
    .map(([, m]) => m);
  const setOptions = (options: OptionDraft[]) => onChange({ ...field, options });

  return (
    <li className={`fb-field${errorsUnder(errors, path).length ? ' fb-field--invalid' : ''}`} data-testid="prechat-field" data-key={field.key}>
      <div className="fb-field__head">
        <span className="tag">{typeLabel(field.type)}</span>
        <span className="fb-field__name">{name}</span>
        <label className="checkbox fb-field__required">
          <input type="checkbox" checked={field.required} onChange={(e) => onChange({ ...field, required: e.target.checked })} data-testid="prechat-field-required" />
          Required
        </label>
        <span className="fb-field__tools">
          <button type="button" className="icon-btn icon-btn--sm" onClick={() => onMove(-1)} disabled={index === 0} aria-label={`Move ${name} up`} data-testid="prechat-field-up">
            <Icon name="arrowUp" size={16} />
          </button>
          <button type="button" className="icon-btn icon-btn--sm" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={`Move ${name} down`} data-testid="prechat-field-down">
            <Icon name="arrowDown" size={16} />
          </button>
          <button type="button" className="icon-btn icon-btn--sm icon-btn--danger" onClick={onRemove} aria-label={`Remove ${name}`} data-testid="prechat-field-remove">
            <Icon name="trash" size={16} />
          </button>
        </span>
      </div>
      <div className="fb-field__body">
        <div className="form__row">
          <Field label="Label" error={errors[`${path}.label`]}>
            <input value={field.label} maxLength={200} onChange={(e) => onLabel(e.target.value)} data-testid="prechat-field-label" />
          </Field>
          {SINGLE_TYPES.includes(field.type) ? (
            <p className="field__hint fb-field__note">Saved as the visitor’s {field.type === 'name' ? 'name' : field.type === 'email' ? 'email address' : 'phone number'}.</p>
          ) : (
            <Field label="Key" error={errors[`${path}.key`]} hint={`Saved on the visitor as attribute “${field.key || '…'}”.`}>
              <input className="mono" value={field.key} maxLength={40} spellCheck={false} onChange={(e) => onChange({ ...field, key: e.target.value.toLowerCase(), autoKey: false })} data-testid="prechat-field-key" />
            </Field>
          )}
        </div>
        <TranslationsEditor labels={field.labels} onChange={(labels) => onChange({ ...field, labels })} fallback={field.label} errors={errors} path={`${path}.labels`} testId="prechat-field-tr" />
        {field.type === 'select' && <OptionsEditor options={field.options} path={`${path}.options`} errors={errors} onChange={setOptions} />}
        {other.map((m) => (
          <p key={m} className="field__error" role="alert">
            {m}
          </p>
        ))}
      </div>
    </li>
  );
}

function OptionsEditor({ options, path, errors, onChange }: { options: OptionDraft[]; path: string; errors: PathErrors; onChange(options: OptionDraft[]): void }) {
  const replace = (i: number, o: OptionDraft) => onChange(options.map((x, j) => (j === i ? o : x)));
  return (
    <fieldset className="form__group fb-options">
      <legend className="field-legend">Choices</legend>
      <ol className="fb-options__list">
        {options.map((o, i) => (
          <li key={o.uid} className="fb-option" data-testid="prechat-option">
            <div className="fb-option__row">
              <Field label="Choice" error={errors[`${path}.${i}.label`]}>
                <input value={o.label} maxLength={200} onChange={(e) => replace(i, relabelOption(o, e.target.value, options))} data-testid="prechat-option-label" />
              </Field>
              <Field label="Value" error={errors[`${path}.${i}.value`]} className="fb-option__value">
                <input className="mono" value={o.value} maxLength={100} spellCheck={false} onChange={(e) => replace(i, { ...o, value: e.target.value, autoValue: false })} data-testid="prechat-option-value" />
              </Field>
              <span className="fb-option__tools">
                <button type="button" className="icon-btn icon-btn--sm" onClick={() => onChange(moveItem(options, i, -1))} disabled={i === 0} aria-label={`Move ${o.label || 'choice'} up`}>
                  <Icon name="arrowUp" size={16} />
                </button>
                <button type="button" className="icon-btn icon-btn--sm icon-btn--danger" onClick={() => onChange(options.filter((x) => x.uid !== o.uid))} aria-label={`Remove ${o.label || 'choice'}`} data-testid="prechat-option-remove">
                  <Icon name="trash" size={16} />
                </button>
              </span>
            </div>
            <TranslationsEditor labels={o.labels} onChange={(labels) => replace(i, { ...o, labels })} fallback={o.label} errors={errors} path={`${path}.${i}.labels`} testId="prechat-option-tr" />
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn--secondary btn--sm fb-options__add" onClick={() => onChange([...options, newOption()])} disabled={options.length >= 50} data-testid="prechat-option-add">
        <Icon name="plus" size={16} /> Add choice
      </button>
    </fieldset>
  );
}
