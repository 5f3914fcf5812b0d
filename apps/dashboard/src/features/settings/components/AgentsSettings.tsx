import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useNavigate, useParams } from 'react-router';
import { CreateAgentBody, LIMITS, UpdateAgentBody, type AgentDto, type AgentRole } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { Avatar } from '../../../ui/Avatar';
import { EmptyState } from '../../../ui/EmptyState';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { STATUS_LABEL, StatusDot } from '../../../ui/StatusDot';
import { useDepartments, useSites } from '../../inbox/hooks/useInbox';
import { useAgents, useDisableAgent, usePermissions, useSaveAgent } from '../hooks/useSettings';
import { SaveActions } from '../../../ui/SaveActions';
import { departmentNames } from '../teams';
import { QueryStatus } from '../../../ui/QueryStatus';

const ROLE_LABEL: Record<AgentRole, string> = { owner: 'Owner', admin: 'Admin', manager: 'Manager', agent: 'Agent' };
const ROLE_HINT: Record<Exclude<AgentRole, 'owner'>, string> = {
  agent: 'Chats with visitors of their websites.',
  manager: 'Reads every chat and the settings, cannot reply or change settings.',
  admin: 'Chats and configures websites, team and API tokens.',
};

export function AgentsSettings() {
  return (
    <Routes>
      <Route index element={<AgentList />} />
      <Route path="new" element={<AgentEditor />} />
      <Route path=":agentId" element={<AgentEditor />} />
    </Routes>
  );
}

function AgentList() {
  const { canAdmin } = usePermissions();
  const agents = useAgents();
  const departments = useDepartments();
  return (
    <Panel
      title="Team"
      description="Agents answer chats on the websites they are assigned to."
      actions={
        canAdmin && (
          <Link to="new" className="btn btn--primary btn--sm" data-testid="agent-new">
            <Icon name="plus" size={16} /> Add agent
          </Link>
        )
      }
    >
      <QueryStatus query={agents} />
      {agents.data?.length === 0 && <EmptyState title="No agents yet." />}
      <ul className="rows">
        {agents.data?.map((a) => (
          <li key={a.id}>
            <Link to={a.id} className="row" data-testid="agent-row" data-id={a.id}>
              <Avatar name={a.pseudoName || a.name} seed={a.id} url={a.avatarUrl} size={36} />
              <span className="row__main">
                <span className="row__title">
                  {a.name}
                  {a.pseudoName && a.pseudoName !== a.name && <span className="muted"> “{a.pseudoName}”</span>}
                  <span className="tag">{ROLE_LABEL[a.role]}</span>
                </span>
                <span className="row__sub">
                  {a.email} · up to {a.maxChats} {a.maxChats === 1 ? 'chat' : 'chats'}
                </span>
                <AgentDepartments names={departmentNames(a.departmentIds ?? [], departments.data)} />
              </span>
              <span className="row__status">
                <StatusDot status={a.status} /> {STATUS_LABEL[a.status]}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function AgentDepartments({ names }: { names: string[] }) {
  if (!names.length) return null;
  return (
    <span className="row__tags" data-testid="agent-departments">
      {names.map((n) => (
        <span key={n} className="tag tag--muted">
          {n}
        </span>
      ))}
    </span>
  );
}

function AgentEditor() {
  const { agentId } = useParams();
  const agents = useAgents();
  const agent = agentId ? agents.data?.find((a) => a.id === agentId) : undefined;
  if (agentId && agents.isPending) return <p className="muted">Loading…</p>;
  if (agentId && !agent) return <EmptyState title="This agent does not exist or was disabled." />;
  return <AgentForm key={agent?.id ?? 'new'} agent={agent} />;
}

interface AgentFormState {
  name: string;
  email: string;
  password: string;
  pseudoName: string;
  avatarUrl: string;
  role: Exclude<AgentRole, 'owner'>;
  maxChats: string;
  siteIds: string[];
}

function AgentForm({ agent }: { agent: AgentDto | undefined }) {
  const { canAdmin, me } = usePermissions();
  const sites = useSites();
  const departments = useDepartments();
  const save = useSaveAgent();
  const disable = useDisableAgent();
  const navigate = useNavigate();
  const [form, setForm] = useState<AgentFormState>(() => ({
    name: agent?.name ?? '',
    email: agent?.email ?? '',
    password: '',
    pseudoName: agent?.pseudoName ?? '',
    avatarUrl: agent?.avatarUrl ?? '',
    role: agent && agent.role !== 'owner' ? agent.role : 'agent',
    maxChats: String(agent?.maxChats ?? 5),
    siteIds: agent?.siteIds ?? [],
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  // A new agent on a one-site workspace serves that site unless unticked.
  const onlySite = !agent && sites.data?.length === 1 ? sites.data[0]!.id : null;
  const [siteTouched, setSiteTouched] = useState(false);
  const siteIds = onlySite && !siteTouched && form.siteIds.length === 0 ? [onlySite] : form.siteIds;
  const readOnly = !canAdmin;
  const isOwner = agent?.role === 'owner';
  const isMe = agent?.id === me.id;
  const set = <K extends keyof AgentFormState>(key: K, value: AgentFormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setSaved(false);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const common = {
      name: form.name,
      pseudoName: form.pseudoName.trim() || undefined,
      avatarUrl: form.avatarUrl.trim() || null,
      maxChats: Number(form.maxChats),
      siteIds,
      ...(isOwner ? {} : { role: form.role }),
    };
    const input = agent ? { ...common, password: form.password || undefined } : { ...common, email: form.email, password: form.password };
    const parsed = agent ? UpdateAgentBody.safeParse(input) : CreateAgentBody.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      const result = await save.mutateAsync({ id: agent?.id ?? null, body: parsed.data });
      set('password', '');
      setSaved(true);
      if (!agent) navigate(`/settings/agents/${result.id}`, { replace: true });
    } catch {
      // shown from save.error
    }
  }

  async function onDisable() {
    if (!agent) return;
    try {
      await disable.mutateAsync(agent.id);
      navigate('/settings/agents', { replace: true });
    } catch {
      // shown from disable.error
    }
  }

  const toggleSite = (id: string, on: boolean) => {
    setSiteTouched(true);
    set('siteIds', on ? [...siteIds.filter((s) => s !== id), id] : siteIds.filter((s) => s !== id));
  };

  return (
    <div className="stack">
      <Link to="/settings/agents" className="back-link">
        <Icon name="back" size={16} /> Team
      </Link>
      <Panel title={agent ? agent.name : 'Add an agent'} description={readOnly ? 'Read only: ask an admin to change the team.' : undefined}>
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <div className="form__row">
              <Field label="Full name" error={errors.name}>
                <input autoComplete="off" value={form.name} onChange={(e) => set('name', e.target.value)} data-testid="agent-name" />
              </Field>
              <Field label="Name shown to visitors" error={errors.pseudoName} hint="Defaults to the full name.">
                <input autoComplete="off" value={form.pseudoName} onChange={(e) => set('pseudoName', e.target.value)} data-testid="agent-pseudo-name" />
              </Field>
            </div>
            <div className="form__row">
              <Field label="Email" error={errors.email} hint={agent ? 'The sign-in email cannot be changed.' : undefined}>
                <input type="email" autoComplete="off" value={form.email} readOnly={Boolean(agent)} onChange={(e) => set('email', e.target.value)} data-testid="agent-email" />
              </Field>
              <Field label={agent ? 'New password' : 'Password'} error={errors.password} hint={agent ? 'Leave empty to keep the current password.' : `At least ${LIMITS.passwordMinChars} characters.`}>
                <input type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)} data-testid="agent-password" />
              </Field>
            </div>
            <Field label="Avatar URL" error={errors.avatarUrl} hint="Optional, an https:// image.">
              <input type="url" value={form.avatarUrl} onChange={(e) => set('avatarUrl', e.target.value)} placeholder="https://…" data-testid="agent-avatar-url" />
            </Field>
            <div className="form__row">
              <Field label="Role" error={errors.role} hint={isOwner ? 'The owner keeps every permission.' : ROLE_HINT[form.role]}>
                {isOwner ? (
                  <input value="Owner" readOnly data-testid="agent-role" />
                ) : (
                  <select value={form.role} onChange={(e) => set('role', e.target.value as AgentFormState['role'])} disabled={isMe} data-testid="agent-role">
                    <option value="agent">Agent</option>
                    <option value="manager">Manager</option>
                    <option value="admin">Admin</option>
                  </select>
                )}
              </Field>
              <Field label="Max. simultaneous chats" error={errors.maxChats} hint="Automatic routing gives no more chats than this.">
                <input type="number" min={1} max={100} value={form.maxChats} onChange={(e) => set('maxChats', e.target.value)} data-testid="agent-max-chats" />
              </Field>
            </div>
            <fieldset className="form__group">
              <legend>Websites</legend>
              {errors.siteIds && <p className="field__error">{errors.siteIds}</p>}
              {sites.data?.length === 0 && <p className="muted">No websites yet.</p>}
              <div className="checks">
                {sites.data?.map((s) => (
                  <label key={s.id} className="checkbox">
                    <input type="checkbox" checked={siteIds.includes(s.id)} onChange={(e) => toggleSite(s.id, e.target.checked)} data-testid="agent-site" value={s.id} />
                    {s.name}
                  </label>
                ))}
              </div>
            </fieldset>
            {agent && (
              <div className="form__group">
                <p className="group-title">Departments</p>
                <div className="dept-line" data-testid="agent-form-departments">
                  {departmentNames(agent.departmentIds ?? [], departments.data).map((n) => (
                    <span key={n} className="tag tag--muted">
                      {n}
                    </span>
                  ))}
                  {!agent.departmentIds?.length && <span className="muted">In no department.</span>}
                  {canAdmin && (
                    <Link to="/settings/departments" className="inline-link">
                      Manage departments
                    </Link>
                  )}
                </div>
              </div>
            )}
          </fieldset>
          {(save.isError || disable.isError) && (
            <div className="alert alert--error" role="alert">
              {errorMessage(save.error ?? disable.error)}
            </div>
          )}
          {canAdmin && (
            <SaveActions pending={save.isPending} saved={saved} label={agent ? 'Save changes' : 'Add agent'} testId="agent-save">
              {agent && !isOwner && !isMe && (
                <button type="button" className="btn btn--danger-ghost form__actions-end" onClick={onDisable} disabled={disable.isPending} data-testid="agent-disable">
                  {disable.isPending ? 'Disabling…' : 'Disable agent'}
                </button>
              )}
            </SaveActions>
          )}
        </form>
      </Panel>
    </div>
  );
}
