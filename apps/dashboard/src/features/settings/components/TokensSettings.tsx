import { useState, type FormEvent } from 'react';
import { CreateTokenBody } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { relativeTime } from '../../../lib/time';
import { CopyButton } from '../../../ui/CopyButton';
import { EmptyState } from '../../../ui/EmptyState';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Panel } from '../../../ui/Panel';
import { useCreateToken, useRevokeToken, useTokens } from '../hooks/useSettings';
import { QueryStatus } from '../../../ui/QueryStatus';

export function TokensSettings() {
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const parsed = CreateTokenBody.safeParse({ name });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    try {
      const res = await create.mutateAsync(parsed.data.name);
      setCreated({ name: res.apiToken.name, token: res.token });
      setName('');
    } catch {
      // shown from create.error
    }
  }

  return (
    <div className="stack">
      <Panel title="API tokens" description={<>Integrations call the REST API with <code>Authorization: Bearer &lt;token&gt;</code>.</>}>
        <form className="form form--inline" onSubmit={onSubmit} noValidate>
          <Field label="Token name" error={errors.name ?? (create.isError ? errorMessage(create.error) : undefined)}>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. CRM sync" data-testid="token-name" />
          </Field>
          <button type="submit" className="btn btn--primary" disabled={create.isPending} data-testid="token-create">
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </form>
        {created && (
          <div className="token-once" role="status">
            <p>
              <strong>{created.name}</strong>: copy this token now, it will not be shown again.
            </p>
            <div className="snippet">
              <pre data-testid="token-value">
                <code>{created.token}</code>
              </pre>
              <CopyButton text={created.token} testId="copy-token" />
            </div>
            <button type="button" className="btn btn--link" onClick={() => setCreated(null)}>
              I have saved it
            </button>
          </div>
        )}
      </Panel>
      <Panel title="Active tokens">
        <QueryStatus query={tokens} />
        {tokens.data?.length === 0 && <EmptyState title="No tokens yet." />}
        {revoke.isError && <div className="alert alert--error">{errorMessage(revoke.error)}</div>}
        <ul className="rows">
          {tokens.data?.map((t) => (
            <li key={t.id} className="row row--static" data-testid="token-row" data-id={t.id}>
              <span className="row__main">
                <span className="row__title">{t.name}</span>
                <span className="row__sub">
                  <code>{t.prefix}…</code> · created {new Date(t.createdAt).toLocaleDateString()} · {t.lastUsedAt ? `last used ${relativeTime(t.lastUsedAt)}` : 'never used'}
                </span>
              </span>
              <button type="button" className="btn btn--danger-ghost btn--sm" onClick={() => revoke.mutate(t.id)} disabled={revoke.isPending} data-testid="token-revoke">
                Revoke
              </button>
            </li>
          ))}
        </ul>
      </Panel>
    </div>
  );
}
