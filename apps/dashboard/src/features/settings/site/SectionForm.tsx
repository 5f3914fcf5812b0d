import type { ReactNode } from 'react';
import { Panel } from '../../../ui/Panel';
import type { SiteSection } from './useSiteSection';

interface Props<D> {
  section: SiteSection<D>;
  title: string;
  description?: ReactNode;
  /** Prefix of the test ids: `${testId}-save`, `${testId}-reset`, `${testId}-dirty`. */
  testId: string;
  /** Shown beside the form on wide screens, under it on phones (the live preview). */
  aside?: ReactNode;
  children: ReactNode;
}

/**
 * The frame of a site settings section: the form (read-only for non-admins), its error
 * summary, and a save bar that stays in view while there are unsaved changes.
 */
export function SectionForm<D>({ section, title, description, testId, aside, children }: Props<D>) {
  const { readOnly, dirty, saving, formError } = section;
  const form = (
    <Panel title={title} description={readOnly ? 'Read only: ask an admin to change these settings.' : description}>
      <form className="form" onSubmit={(e) => void section.submit(e)} noValidate data-testid={`${testId}-form`}>
        <fieldset disabled={readOnly} className="form__plain">
          {children}
        </fieldset>
        {formError && (
          <div className="alert alert--error" role="alert" data-testid={`${testId}-error`}>
            {formError}
          </div>
        )}
        {!readOnly && (
          <div className={`save-bar${dirty ? ' save-bar--dirty' : ''}`}>
            <span className="save-bar__state" data-testid={`${testId}-dirty`} aria-live="polite">
              {dirty ? 'Unsaved changes' : 'All changes saved'}
            </span>
            <button type="button" className="btn btn--secondary" onClick={section.reset} disabled={!dirty || saving} data-testid={`${testId}-reset`}>
              Reset
            </button>
            <button type="submit" className="btn btn--primary" disabled={!dirty || saving} data-testid={`${testId}-save`}>
              {saving ? 'Saving…' : 'Save changes'}
            </button>
          </div>
        )}
      </form>
    </Panel>
  );
  if (!aside) return form;
  return (
    <div className="section-split">
      <div className="section-split__main">{form}</div>
      <aside className="section-split__aside">{aside}</aside>
    </div>
  );
}
