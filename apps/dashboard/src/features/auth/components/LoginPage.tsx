import { useState, type FormEvent } from 'react';
import { LoginBody } from '@parley/protocol';
import { ApiError, errorMessage } from '../../../api/client';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { AuthLayout } from '../../../ui/AuthLayout';
import { useLogin } from '../hooks/useSession';

export function LoginPage() {
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const parsed = LoginBody.safeParse({ email, password });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    try {
      await login.mutateAsync(parsed.data);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'invalid_credentials') setFormError('Wrong email or password.');
      else if (err instanceof ApiError && err.status === 429) setFormError('Too many attempts. Wait a minute and try again.');
      else setFormError(errorMessage(err));
    }
  }

  return (
    <AuthLayout title="Sign in to Parley" subtitle="Answer your visitors in real time.">
      <form className="form" onSubmit={onSubmit} noValidate>
        {formError && (
          <div className="alert alert--error" role="alert" data-testid="login-error">
            {formError}
          </div>
        )}
        <Field label="Email" error={errors.email}>
          <input type="email" autoComplete="username" autoFocus value={email} onChange={(e) => setEmail(e.target.value)} data-testid="login-email" />
        </Field>
        <Field label="Password" error={errors.password}>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="login-password" />
        </Field>
        <button type="submit" className="btn btn--primary btn--block" disabled={login.isPending} data-testid="login-submit">
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
