import { useState, type FormEvent } from 'react';
import { LIMITS, SetupBody } from '@parley/protocol';
import { ApiError, errorMessage } from '../../../api/client';
import { AuthLayout } from '../../../ui/AuthLayout';
import { Field } from '../../../ui/Field';
import { fieldErrors, splitList, type FieldErrors } from '../../../ui/formErrors';
import { useRunSetup } from '../hooks/useSetup';

/** First run: create the owner account and the first site in one step. */
export function SetupPage() {
  const setup = useRunSetup();
  const [form, setForm] = useState({ workspaceName: '', name: '', email: '', password: '', siteName: '', siteDomains: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const input = { ...form, workspaceName: form.workspaceName.trim() || undefined, siteDomains: splitList(form.siteDomains) };
    const parsed = SetupBody.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      await setup.mutateAsync(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setFormError('This Parley is already set up. Reload the page to sign in.');
      else setFormError(errorMessage(err));
    }
  }

  return (
    <AuthLayout title="Welcome to Parley" subtitle="Create your account and your first website. You can add more later." wide>
      <form className="form" onSubmit={onSubmit} noValidate>
        {formError && (
          <div className="alert alert--error" role="alert" data-testid="setup-error">
            {formError}
          </div>
        )}
        <fieldset className="form__section">
          <legend>Your team</legend>
          <Field label="Workspace name" error={errors.workspaceName} hint="Usually your company name.">
            <input value={form.workspaceName} onChange={set('workspaceName')} placeholder="Acme Inc." data-testid="setup-workspace" />
          </Field>
          <div className="form__row">
            <Field label="Your name" error={errors.name}>
              <input autoComplete="name" value={form.name} onChange={set('name')} data-testid="setup-name" />
            </Field>
            <Field label="Email" error={errors.email}>
              <input type="email" autoComplete="email" value={form.email} onChange={set('email')} data-testid="setup-email" />
            </Field>
          </div>
          <Field label="Password" error={errors.password} hint={`At least ${LIMITS.passwordMinChars} characters.`}>
            <input type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="setup-password" />
          </Field>
        </fieldset>
        <fieldset className="form__section">
          <legend>Your first website</legend>
          <Field label="Site name" error={errors.siteName}>
            <input value={form.siteName} onChange={set('siteName')} placeholder="Acme shop" data-testid="setup-site-name" />
          </Field>
          <Field label="Allowed domains" error={errors.siteDomains} hint="Where the chat widget may run, separated by commas: shop.example.com, *.example.com. Leave empty to decide later.">
            <input value={form.siteDomains} onChange={set('siteDomains')} placeholder="example.com, *.example.com" data-testid="setup-site-domains" />
          </Field>
        </fieldset>
        <button type="submit" className="btn btn--primary btn--block" disabled={setup.isPending} data-testid="setup-submit">
          {setup.isPending ? 'Setting up…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
