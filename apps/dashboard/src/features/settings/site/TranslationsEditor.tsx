import type { Translations } from '@parley/protocol';
import { Field } from '../../../ui/Field';
import { TRANSLATED, translatedCount } from './prechat';
import type { PathErrors } from './sectionForm';

interface Props {
  labels: Translations;
  onChange(labels: Translations): void;
  /** Shown as the placeholder: what visitors see when a language has no text. */
  fallback: string;
  errors: PathErrors;
  /** Path of `labels` in the patch, for its errors (`preChatForm.fields.0.labels`). */
  path: string;
  testId: string;
}

/** A label's texts in the other widget languages, folded away until needed. */
export function TranslationsEditor({ labels, onChange, fallback, errors, path, testId }: Props) {
  const count = translatedCount(labels);
  const invalid = TRANSLATED.some((t) => errors[`${path}.${t.lang}`]);
  return (
    <details className="translations" open={invalid || undefined} data-testid={testId}>
      <summary>
        Translations <span className="muted">{count ? `${count} of ${TRANSLATED.length}` : 'none: visitors see the label above'}</span>
      </summary>
      <div className="translations__grid">
        {TRANSLATED.map((t) => (
          <Field key={t.lang} label={t.label} error={errors[`${path}.${t.lang}`]}>
            <input
              lang={t.lang}
              dir={t.lang === 'ar' ? 'rtl' : undefined}
              placeholder={fallback}
              maxLength={200}
              value={labels[t.lang] ?? ''}
              onChange={(e) => onChange({ ...labels, [t.lang]: e.target.value })}
              data-testid={`${testId}-${t.lang}`}
            />
          </Field>
        ))}
      </div>
    </details>
  );
}
