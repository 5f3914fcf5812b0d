import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { CreateCannedBody, UpdateCannedBody, type CannedResponseDto } from '@parley/protocol';
import { renderCanned } from '@parley/protocol/client';
import { errorMessage } from '../../../api/client';
import { EmptyState } from '../../../ui/EmptyState';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { SaveActions } from '../../../ui/SaveActions';
import { useSites } from '../../inbox/hooks/useInbox';
import { ALL, CANNED_VARIABLES, NO_CATEGORY, canEditCanned, cannedCategories, filterCannedList, insertAt } from '../canned';
import { useCannedResponses, useDeleteCanned, usePermissions, useSaveCanned } from '../hooks/useSettings';
import { ConfirmDelete } from './ConfirmDelete';
import { QueryStatus } from '../../../ui/QueryStatus';

export function CannedSettings() {
  return (
    <Routes>
      <Route index element={<CannedList />} />
      <Route path="new" element={<CannedEditor />} />
      <Route path=":cannedId" element={<CannedEditor />} />
    </Routes>
  );
}

function CannedList() {
  const canned = useCannedResponses();
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState(ALL);
  const all = canned.data ?? [];
  const categories = cannedCategories(all);
  const rows = filterCannedList(all, search, category);
  const filtering = search.trim() !== '' || category !== ALL;
  return (
    <Panel
      title="Canned responses"
      description={
        <>
          Saved replies. In a chat, type <kbd>/</kbd> and the shortcut to insert one.
        </>
      }
      actions={
        <Link to="new" className="btn btn--primary btn--sm" data-testid="canned-new">
          <Icon name="plus" size={16} /> New response
        </Link>
      }
    >
      {all.length > 0 && (
        <div className="list-tools">
          <input
            type="search"
            className="list-tools__search"
            placeholder="Search title, shortcut or text"
            aria-label="Search canned responses"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            data-testid="canned-search"
          />
          <select aria-label="Category" value={category} onChange={(e) => setCategory(e.target.value)} data-testid="canned-category-filter">
            <option value={ALL}>All categories</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value={NO_CATEGORY}>No category</option>
          </select>
        </div>
      )}
      <QueryStatus query={canned} />
      {canned.isSuccess && all.length === 0 && <EmptyState title="No canned responses yet.">Save the answers you type again and again, e.g. opening hours or the return policy.</EmptyState>}
      {all.length > 0 && rows.length === 0 && filtering && <EmptyState title="No response matches." />}
      <ul className="rows">
        {rows.map((r) => (
          <li key={r.id}>
            <Link to={r.id} className="row" data-testid="canned-row" data-id={r.id}>
              <span className="row__main">
                <span className="row__title">
                  {r.title}
                  <span className={r.shared ? 'tag' : 'tag tag--muted'}>{r.shared ? 'Shared' : 'Personal'}</span>
                </span>
                <span className="row__sub">
                  <code className="shortcut">/{r.shortcut}</code>
                  {r.category && <> · {r.category}</>} · {r.body}
                </span>
              </span>
              <span className="row__count" title="Times used in chats" data-testid="canned-usage">
                {r.usageCount === 1 ? 'Used once' : r.usageCount ? `Used ${r.usageCount} times` : 'Not used yet'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function CannedEditor() {
  const { cannedId } = useParams();
  const canned = useCannedResponses();
  const response = cannedId ? canned.data?.find((r) => r.id === cannedId) : undefined;
  if (cannedId && canned.isPending) return <p className="muted">Loading…</p>;
  if (cannedId && !response) return <EmptyState title="This canned response does not exist." />;
  return <CannedForm key={response?.id ?? 'new'} response={response} categories={cannedCategories(canned.data ?? [])} />;
}

interface CannedFormState {
  title: string;
  shortcut: string;
  category: string;
  body: string;
  shared: boolean;
}

function CannedForm({ response, categories }: { response: CannedResponseDto | undefined; categories: string[] }) {
  const { canShare, me } = usePermissions();
  const sites = useSites();
  const save = useSaveCanned();
  const remove = useDeleteCanned();
  const navigate = useNavigate();
  const location = useLocation();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once an inserted variable is in the textarea. */
  const caretAfter = useRef<number | null>(null);
  const [form, setForm] = useState<CannedFormState>(() => ({
    title: response?.title ?? '',
    shortcut: response?.shortcut ?? '',
    category: response?.category ?? '',
    body: response?.body ?? '',
    shared: response?.shared ?? false,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  // Just created: the editor opens again on the new response's address, saying so.
  const [saved, setSaved] = useState(() => Boolean((location.state as { saved?: boolean } | null)?.saved));
  const canEdit = !response || canEditCanned(response, me, canShare);
  const set = <K extends keyof CannedFormState>(key: K, value: CannedFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  function insertVariable(token: string) {
    const el = bodyRef.current;
    const { text, caret } = insertAt(form.body, el?.selectionStart ?? form.body.length, el?.selectionEnd ?? form.body.length, token);
    caretAfter.current = caret;
    set('body', text);
  }

  // Once React has put the new text in (before the next keystroke can land): caret right after the variable.
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (caretAfter.current === null || !el) return;
    el.focus();
    el.setSelectionRange(caretAfter.current, caretAfter.current);
    caretAfter.current = null;
  }, [form.body]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { title: form.title, shortcut: form.shortcut.replace(/^\//, ''), category: form.category.trim() || null, body: form.body, shared: form.shared };
    const parsed = response ? UpdateCannedBody.safeParse(input) : CreateCannedBody.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      const result = await save.mutateAsync({ id: response?.id ?? null, body: parsed.data });
      setSaved(true);
      if (!response) navigate(`/settings/canned/${result.id}`, { replace: true, state: { saved: true } });
    } catch {
      // shown from save.error
    }
  }

  async function onDelete() {
    if (!response) return;
    try {
      await remove.mutateAsync(response.id);
      navigate('/settings/canned', { replace: true });
    } catch {
      // shown from remove.error
    }
  }

  // The preview uses the values of a typical chat: mine as the agent, the first website.
  const site = sites.data?.find((s) => !s.isDemo) ?? sites.data?.[0];
  const sample = { visitor: { name: 'Jane Doe' }, agent: { name: me.pseudoName || me.name }, site: { name: site?.name ?? 'Your website' } };
  const usesVisitorName = /\{\{\s*visitor\.name\s*\}\}/.test(form.body);

  return (
    <div className="stack">
      <Link to="/settings/canned" className="back-link">
        <Icon name="back" size={16} /> All canned responses
      </Link>
      <Panel
        title={response ? response.title : 'New canned response'}
        description={canEdit ? undefined : 'Read only: only admins and managers can change shared responses.'}
      >
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={!canEdit} className="form__plain">
            <div className="form__row">
              <Field label="Title" error={errors.title}>
                <input value={form.title} onChange={(e) => set('title', e.target.value)} placeholder="e.g. Opening hours" data-testid="canned-title" />
              </Field>
              <Field label="Shortcut" error={errors.shortcut} hint="Letters, digits, - or _. Type /shortcut in a chat.">
                <span className="prefixed">
                  <span className="prefixed__prefix" aria-hidden="true">
                    /
                  </span>
                  <input value={form.shortcut} onChange={(e) => set('shortcut', e.target.value.replace(/^\/+/, ''))} placeholder="hours" autoCapitalize="off" spellCheck={false} data-testid="canned-shortcut" />
                </span>
              </Field>
            </div>
            <Field label="Category" error={errors.category} hint="Optional, to group responses.">
              <input list="canned-categories" value={form.category} onChange={(e) => set('category', e.target.value)} placeholder="e.g. Shipping" data-testid="canned-category" />
            </Field>
            <datalist id="canned-categories">
              {categories.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
            <div className="field">
              <div className="var-bar">
                <label htmlFor="canned-body">Message</label>
                <span className="var-bar__buttons" role="group" aria-label="Insert a variable">
                  {CANNED_VARIABLES.map((v) => (
                    <button key={v.token} type="button" className="chip" title={`Insert ${v.token}: ${v.hint}`} onClick={() => insertVariable(v.token)} data-testid="canned-insert-var">
                      <Icon name="plus" size={12} /> {v.label}
                    </button>
                  ))}
                </span>
              </div>
              <textarea
                id="canned-body"
                ref={bodyRef}
                rows={5}
                value={form.body}
                onChange={(e) => set('body', e.target.value)}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby="canned-body-hint"
                placeholder="Hi {{visitor.name}}, we are open Monday to Friday, 9:00 to 18:00."
                data-testid="canned-body"
              />
              {errors.body ? (
                <p className="field__error" role="alert">
                  {errors.body}
                </p>
              ) : (
                <p id="canned-body-hint" className="field__hint">
                  {CANNED_VARIABLES.map((v, i) => (
                    <span key={v.token}>
                      {i > 0 && ' · '}
                      <code>{v.token}</code>: {v.hint}
                    </span>
                  ))}
                </p>
              )}
            </div>
            <div className="canned-preview" aria-live="polite">
              <span className="canned-preview__label">Preview</span>
              <div className="canned-preview__bubble" data-testid="canned-preview">
                {form.body.trim() ? renderCanned(form.body, sample) : <span className="muted">The message appears here as the visitor will read it.</span>}
              </div>
              {usesVisitorName && <p className="field__hint">A visitor without a name reads: “{renderCanned(form.body, { ...sample, visitor: {} })}”</p>}
            </div>
            <div className="toggle-field">
              <label className="checkbox">
                <input type="checkbox" checked={form.shared} disabled={!canShare} onChange={(e) => set('shared', e.target.checked)} data-testid="canned-shared" />
                Shared with team
              </label>
              <p className="field__hint">
                {canShare
                  ? form.shared
                    ? 'Every agent can use it; only admins and managers can change it.'
                    : 'Only you can see and use it.'
                  : 'Only you can see and use it. Admins and managers can share responses with the team.'}
              </p>
            </div>
          </fieldset>
          {(save.isError || remove.isError) && (
            <div className="alert alert--error" role="alert">
              {errorMessage(save.error ?? remove.error)}
            </div>
          )}
          {canEdit && (
            <SaveActions pending={save.isPending} saved={saved} label={response ? 'Save changes' : 'Create response'} testId="canned-save">
              {response && <ConfirmDelete label="Delete response" question={`Delete “${response.title}”?`} pending={remove.isPending} onConfirm={onDelete} testId="canned-delete" />}
            </SaveActions>
          )}
        </form>
      </Panel>
    </div>
  );
}
