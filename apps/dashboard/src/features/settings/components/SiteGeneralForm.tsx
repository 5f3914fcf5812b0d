import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { CreateSiteBody, UpdateSiteBody, type RoutingMode, type SiteDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { CopyButton } from '../../../ui/CopyButton';
import { Field } from '../../../ui/Field';
import { fieldErrors, splitList, type FieldErrors } from '../../../ui/formErrors';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { SaveActions } from '../../../ui/SaveActions';
import { usePermissions, useSaveSite } from '../hooks/useSettings';
import { ROUTING_MODES, intField } from '../teams';

interface SiteForm {
  name: string;
  domains: string;
  color: string;
  position: 'right' | 'left';
  title: string;
  welcomeText: string;
  active: boolean;
  routingMode: RoutingMode;
  /** Text of the number field (validated on save). */
  unansweredAlertSeconds: string;
}

function toForm(site: SiteDto | undefined): SiteForm {
  return {
    name: site?.name ?? '',
    domains: site?.domains.join(', ') ?? '',
    color: site?.settings.color ?? '#2563eb',
    position: site?.settings.position ?? 'right',
    title: site?.settings.title ?? 'Chat with us',
    welcomeText: site?.settings.welcomeText ?? 'Hi! How can we help you today?',
    active: site?.active ?? true,
    routingMode: site?.routing?.mode ?? 'manual',
    unansweredAlertSeconds: String(site?.routing?.unansweredAlertSeconds ?? 120),
  };
}

/**
 * A new website, or an existing one's General tab: name, domains, routing, on/off and the
 * embed code. A new site also picks its first colours; later the Appearance tab owns them.
 */
export function SiteGeneralForm({ site }: { site: SiteDto | undefined }) {
  const { canAdmin } = usePermissions();
  const save = useSaveSite();
  const navigate = useNavigate();
  const [form, setForm] = useState<SiteForm>(() => toForm(site));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const readOnly = !canAdmin;
  const set = <K extends keyof SiteForm>(key: K, value: SiteForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const routing = { mode: form.routingMode, unansweredAlertSeconds: intField(form.unansweredAlertSeconds) };
    const base = { name: form.name, domains: splitList(form.domains), routing };
    // The Appearance tab saves an existing site's look; this form must not overwrite it.
    const input = site
      ? { ...base, active: form.active }
      : { ...base, settings: { color: form.color, position: form.position, title: form.title, welcomeText: form.welcomeText } };
    const parsed = site ? UpdateSiteBody.safeParse(input) : CreateSiteBody.safeParse(input);
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error, input);
      // Nested widget settings: point at the field ("settings.color" → color).
      for (const issue of parsed.error.issues) {
        if ((issue.path[0] === 'settings' || issue.path[0] === 'routing') && issue.path[1]) errs[String(issue.path[1])] ??= issue.message;
      }
      setErrors(errs);
      return;
    }
    setErrors({});
    try {
      const result = await save.mutateAsync({ id: site?.id ?? null, body: parsed.data });
      setSaved(true);
      if (!site) navigate(`/settings/sites/${result.id}`, { replace: true });
    } catch {
      // shown below from save.error
    }
  }

  return (
    <div className="stack">
      {!site && (
        <Link to="/settings/sites" className="back-link">
          <Icon name="back" size={16} /> All websites
        </Link>
      )}
      <Panel title={site ? 'General' : 'New website'} description={readOnly ? 'Read only: ask an admin to change these settings.' : undefined}>
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <Field label="Name" error={errors.name}>
              <input value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="site-name" />
            </Field>
            <Field label="Allowed domains" error={errors.domains} hint="Comma-separated. The widget only runs on these hosts, e.g. shop.example.com, *.example.com.">
              <textarea rows={2} value={form.domains} onChange={(e) => set('domains', e.target.value)} data-testid="site-domains" />
            </Field>
            {!site && (
              <>
              <div className="form__row">
                <Field label="Widget colour" error={errors.color}>
                  <span className="color-input">
                    <input type="color" value={form.color} onChange={(e) => set('color', e.target.value)} aria-label="Pick a colour" data-testid="site-color-picker" />
                    <input value={form.color} onChange={(e) => set('color', e.target.value)} data-testid="site-color" />
                  </span>
                </Field>
                <Field label="Position" error={errors.position}>
                  <select value={form.position} onChange={(e) => set('position', e.target.value as SiteForm['position'])} data-testid="site-position">
                    <option value="right">Bottom right</option>
                    <option value="left">Bottom left</option>
                  </select>
                </Field>
              </div>
              <Field label="Widget title" error={errors.title}>
                <input value={form.title} onChange={(e) => set('title', e.target.value)} data-testid="site-title" />
              </Field>
              <Field label="Welcome text" error={errors.welcomeText}>
                <textarea rows={2} value={form.welcomeText} onChange={(e) => set('welcomeText', e.target.value)} data-testid="site-welcome" />
              </Field>
              </>
            )}
            <fieldset className="form__group form__group--section" data-testid="site-routing">
              <legend>Routing</legend>
              <div className="choices">
                {ROUTING_MODES.map((m) => (
                  <label key={m.mode} className={`choice${form.routingMode === m.mode ? ' choice--on' : ''}`}>
                    <input type="radio" name="routing-mode" value={m.mode} checked={form.routingMode === m.mode} onChange={() => set('routingMode', m.mode)} data-testid={`site-routing-${m.mode}`} />
                    <span>
                      <span className="choice__label">{m.label}</span>
                      <span className="choice__hint">{m.hint}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <Field
              label="Unanswered alert after (seconds)"
              error={errors.unansweredAlertSeconds}
              hint={
                intField(form.unansweredAlertSeconds) === 0
                  ? 'Off: waiting chats are announced once.'
                  : 'A chat still waiting after this long is announced again to every agent of the website. 0 turns it off.'
              }
            >
              <input
                type="number"
                inputMode="numeric"
                min={0}
                max={86400}
                className="input--short"
                value={form.unansweredAlertSeconds}
                onChange={(e) => set('unansweredAlertSeconds', e.target.value)}
                data-testid="site-unanswered-seconds"
              />
            </Field>
            {site && (
              <label className="checkbox">
                <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} data-testid="site-active" />
                Active (the widget loads on this website)
              </label>
            )}
          </fieldset>
          {save.isError && (
            <div className="alert alert--error" role="alert">
              {errorMessage(save.error)}
            </div>
          )}
          {canAdmin && (
            <SaveActions pending={save.isPending} saved={saved} label={site ? 'Save changes' : 'Create website'} testId="site-save" />
          )}
        </form>
      </Panel>
      {site && (
        <Panel title="Embed code" description="Paste this just before </body> on every page of the website.">
          <div className="snippet">
            <pre data-testid="snippet">
              <code>{site.snippet}</code>
            </pre>
            <CopyButton text={site.snippet} label="Copy code" testId="copy-snippet" />
          </div>
        </Panel>
      )}
    </div>
  );
}
