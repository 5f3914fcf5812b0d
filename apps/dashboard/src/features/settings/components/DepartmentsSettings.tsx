import { useState, type FormEvent } from 'react';
import { Link, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';
import { CreateDepartmentBody, UpdateDepartmentBody, type DepartmentDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { Avatar } from '../../../ui/Avatar';
import { EmptyState } from '../../../ui/EmptyState';
import { Field } from '../../../ui/Field';
import { fieldErrors, type FieldErrors } from '../../../ui/formErrors';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { SaveActions } from '../../../ui/SaveActions';
import { useDepartments, useSiteMap, useSites } from '../../inbox/hooks/useInbox';
import { useAgents, useDeleteDepartment, usePermissions, useSaveDepartment } from '../hooks/useSettings';
import { sitesSummary, toggleId } from '../teams';
import { ConfirmDelete } from './ConfirmDelete';
import { QueryStatus } from '../../../ui/QueryStatus';

export function DepartmentsSettings() {
  return (
    <Routes>
      <Route index element={<DepartmentList />} />
      <Route path="new" element={<DepartmentEditor />} />
      <Route path=":departmentId" element={<DepartmentEditor />} />
    </Routes>
  );
}

function DepartmentList() {
  const { canAdmin } = usePermissions();
  const departments = useDepartments();
  const agents = useAgents();
  const siteMap = useSiteMap();
  const agentById = new Map((agents.data ?? []).map((a) => [a.id, a]));
  return (
    <Panel
      title="Departments"
      description="Teams such as Sales or Support. When a website has two or more, visitors pick one in the chat widget, and routing prefers that team’s agents."
      actions={
        canAdmin && (
          <Link to="new" className="btn btn--primary btn--sm" data-testid="department-new">
            <Icon name="plus" size={16} /> New department
          </Link>
        )
      }
    >
      <QueryStatus query={departments} />
      {departments.data?.length === 0 && (
        <EmptyState title="No departments yet.">{canAdmin ? 'Without departments, every chat of a website goes to all of its agents.' : null}</EmptyState>
      )}
      <ul className="rows">
        {departments.data?.map((d) => {
          const members = d.agentIds.map((id) => agentById.get(id)).filter((a) => !!a);
          return (
            <li key={d.id}>
              <Link to={d.id} className="row" data-testid="department-row" data-id={d.id}>
                <span className="row__main">
                  <span className="row__title">{d.name}</span>
                  <span className="row__sub">
                    {sitesSummary(d.siteIds, (id) => siteMap.get(id)?.name)} · {d.agentIds.length === 1 ? '1 agent' : `${d.agentIds.length} agents`}
                  </span>
                </span>
                <span className="avatar-stack" aria-hidden="true">
                  {members.slice(0, 4).map((a) => (
                    <Avatar key={a.id} name={a.pseudoName || a.name} seed={a.id} url={a.avatarUrl} size={26} />
                  ))}
                  {members.length > 4 && <span className="avatar-stack__more">+{members.length - 4}</span>}
                </span>
                <span className="row__action">{canAdmin ? 'Edit' : 'View'}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

function DepartmentEditor() {
  const { departmentId } = useParams();
  const departments = useDepartments();
  const department = departmentId ? departments.data?.find((d) => d.id === departmentId) : undefined;
  if (departmentId && departments.isPending) return <p className="muted">Loading…</p>;
  if (departmentId && !department) return <EmptyState title="This department does not exist." />;
  return <DepartmentForm key={department?.id ?? 'new'} department={department} />;
}

function DepartmentForm({ department }: { department: DepartmentDto | undefined }) {
  const { canAdmin } = usePermissions();
  const sites = useSites();
  const agents = useAgents();
  const save = useSaveDepartment();
  const remove = useDeleteDepartment();
  const navigate = useNavigate();
  const location = useLocation();
  const [name, setName] = useState(department?.name ?? '');
  const [siteIds, setSiteIds] = useState<string[]>(department?.siteIds ?? []);
  const [agentIds, setAgentIds] = useState<string[]>(department?.agentIds ?? []);
  const [errors, setErrors] = useState<FieldErrors>({});
  // Just created: the editor opens again on the new department's address, saying so.
  const [saved, setSaved] = useState(() => Boolean((location.state as { saved?: boolean } | null)?.saved));
  const readOnly = !canAdmin;
  const touched = (field?: string) => {
    setSaved(false);
    if (field && errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { name, siteIds, agentIds };
    const parsed = department ? UpdateDepartmentBody.safeParse(input) : CreateDepartmentBody.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error, input));
      return;
    }
    setErrors({});
    try {
      const result = await save.mutateAsync({ id: department?.id ?? null, body: parsed.data });
      setSaved(true);
      if (!department) navigate(`/settings/departments/${result.id}`, { replace: true, state: { saved: true } });
    } catch {
      // shown from save.error
    }
  }

  async function onDelete() {
    if (!department) return;
    try {
      await remove.mutateAsync(department.id);
      navigate('/settings/departments', { replace: true });
    } catch {
      // shown from remove.error
    }
  }

  return (
    <div className="stack">
      <Link to="/settings/departments" className="back-link">
        <Icon name="back" size={16} /> All departments
      </Link>
      <Panel title={department ? department.name : 'New department'} description={readOnly ? 'Read only: ask an admin to change departments.' : undefined}>
        <form className="form" onSubmit={onSubmit} noValidate>
          <fieldset disabled={readOnly} className="form__plain">
            <Field label="Name" error={errors.name} hint="Visitors see this name in the chat widget.">
              <input
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  touched('name');
                }}
                placeholder="e.g. Sales"
                data-testid="department-name"
              />
            </Field>
            <fieldset className="form__group">
              <legend>Websites</legend>
              <p className="field__hint group-hint">None ticked: the department is offered on every website.</p>
              {errors.siteIds && <p className="field__error">{errors.siteIds}</p>}
              <div className="checks">
                {sites.data?.map((s) => (
                  <label key={s.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={siteIds.includes(s.id)}
                      onChange={(e) => {
                        setSiteIds((ids) => toggleId(ids, s.id, e.target.checked));
                        touched();
                      }}
                      data-testid="department-site"
                      value={s.id}
                    />
                    {s.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <fieldset className="form__group">
              <legend>Agents</legend>
              {errors.agentIds && <p className="field__error">{errors.agentIds}</p>}
              {agents.isPending && <p className="muted">Loading…</p>}
              <div className="checks checks--people">
                {agents.data?.map((a) => (
                  <label key={a.id} className="checkbox">
                    <input
                      type="checkbox"
                      checked={agentIds.includes(a.id)}
                      onChange={(e) => {
                        setAgentIds((ids) => toggleId(ids, a.id, e.target.checked));
                        touched();
                      }}
                      data-testid="department-agent"
                      value={a.id}
                    />
                    <Avatar name={a.pseudoName || a.name} seed={a.id} url={a.avatarUrl} size={24} />
                    <span>
                      {a.name}
                      {a.pseudoName && a.pseudoName !== a.name && <span className="muted"> “{a.pseudoName}”</span>}
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </fieldset>
          {(save.isError || remove.isError) && (
            <div className="alert alert--error" role="alert">
              {errorMessage(save.error ?? remove.error)}
            </div>
          )}
          {canAdmin && (
            <SaveActions pending={save.isPending} saved={saved} label={department ? 'Save changes' : 'Create department'} testId="department-save">
              {department && (
                <ConfirmDelete
                  label="Delete department"
                  question={`Delete “${department.name}”? Its chats stay, without a department.`}
                  pending={remove.isPending}
                  onConfirm={onDelete}
                  testId="department-delete"
                />
              )}
            </SaveActions>
          )}
        </form>
      </Panel>
    </div>
  );
}
