import { useId, useState } from 'react';
import { LeadStatus, Priority, type DatePreset } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { useSession } from '../../auth/hooks/useSession';
import { useAgents } from '../../settings/hooks/useSettings';
import { DATE_PRESET_LABEL, hasFilters, NO_FILTERS, toDay, toSavedFilters, type ListFilters } from '../filters';
import { patchListFilters, setListFilters } from '../filterStore';
import { useCreateView, useDepartments, useSites, useTags } from '../hooks/useInbox';
import type { InboxTab } from '../inboxLists';

const LEAD_LABEL: Record<LeadStatus, string> = { filled: 'Lead form filled', pending: 'Lead form pending' };
const PRIORITY_LABEL: Record<Priority, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

/** The filter form under the list toolbar; every change applies at once. */
export function FilterPanel({ tab, filters, onDone }: { tab: InboxTab; filters: ListFilters; onDone: () => void }) {
  const id = useId();
  const { agent: me } = useSession();
  const sites = useSites().data ?? [];
  const tags = useTags().data ?? [];
  const departments = useDepartments().data ?? [];
  const canSeeTeam = me.role !== 'agent';
  const teammates = (useAgents(canSeeTeam).data ?? []).filter((a) => a.id !== me.id);

  const toggleSite = (siteId: string, on: boolean) =>
    patchListFilters({ siteIds: on ? [...filters.siteIds, siteId] : filters.siteIds.filter((s) => s !== siteId) });

  return (
    <div className="filters" data-testid="filter-panel">
      {sites.length > 1 && (
        <fieldset className="filters__group">
          <legend>Sites</legend>
          <div className="filters__checks">
            {sites.map((s) => (
              <label key={s.id} className="checkbox">
                <input type="checkbox" checked={filters.siteIds.includes(s.id)} onChange={(e) => toggleSite(s.id, e.target.checked)} data-testid="filter-site" />
                {s.name}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="filters__grid">
        <label className="filters__field" htmlFor={`${id}-agent`}>
          Agent
          <select id={`${id}-agent`} value={filters.agent ?? ''} onChange={(e) => patchListFilters({ agent: e.target.value || null })} data-testid="filter-agent">
            <option value="">Anyone</option>
            <option value="mine">Assigned to me</option>
            <option value="unassigned">Unassigned</option>
            {teammates.map((a) => (
              <option key={a.id} value={a.id}>
                {a.pseudoName || a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field" htmlFor={`${id}-date`}>
          Started
          <select
            id={`${id}-date`}
            value={filters.datePreset ?? ''}
            onChange={(e) => {
              const preset = (e.target.value || null) as DatePreset | null;
              const today = toDay(new Date());
              patchListFilters(preset === 'custom' ? { datePreset: preset, fromDay: filters.fromDay ?? today, toDay: filters.toDay ?? today } : { datePreset: preset, fromDay: null, toDay: null });
            }}
            data-testid="filter-date"
          >
            <option value="">Any time</option>
            {(Object.keys(DATE_PRESET_LABEL) as DatePreset[]).map((p) => (
              <option key={p} value={p}>
                {DATE_PRESET_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        {filters.datePreset === 'custom' && (
          <>
            <label className="filters__field" htmlFor={`${id}-from`}>
              From
              <input id={`${id}-from`} type="date" value={filters.fromDay ?? ''} max={filters.toDay ?? undefined} onChange={(e) => patchListFilters({ fromDay: e.target.value || null })} />
            </label>
            <label className="filters__field" htmlFor={`${id}-to`}>
              To
              <input id={`${id}-to`} type="date" value={filters.toDay ?? ''} min={filters.fromDay ?? undefined} onChange={(e) => patchListFilters({ toDay: e.target.value || null })} />
            </label>
          </>
        )}
        <label className="filters__field" htmlFor={`${id}-lead`}>
          Lead
          <select id={`${id}-lead`} value={filters.leadStatus ?? ''} onChange={(e) => patchListFilters({ leadStatus: (e.target.value || null) as LeadStatus | null })} data-testid="filter-lead">
            <option value="">Any</option>
            {LeadStatus.options.map((l) => (
              <option key={l} value={l}>
                {LEAD_LABEL[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field" htmlFor={`${id}-priority`}>
          Priority
          <select id={`${id}-priority`} value={filters.priority ?? ''} onChange={(e) => patchListFilters({ priority: (e.target.value || null) as Priority | null })} data-testid="filter-priority">
            <option value="">Any</option>
            {Priority.options.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field" htmlFor={`${id}-tag`}>
          Tag
          <select id={`${id}-tag`} value={filters.tag ?? ''} onChange={(e) => patchListFilters({ tag: e.target.value || null })} data-testid="filter-tag">
            <option value="">Any</option>
            {/* A tag from a saved view may no longer be in use: keep it selectable. */}
            {[...new Set([...tags, ...(filters.tag ? [filters.tag] : [])])].map((t) => (
              <option key={t} value={t}>
                #{t}
              </option>
            ))}
          </select>
        </label>
        {departments.length > 0 && (
          <label className="filters__field" htmlFor={`${id}-dept`}>
            Department
            <select id={`${id}-dept`} value={filters.departmentId ?? ''} onChange={(e) => patchListFilters({ departmentId: e.target.value || null })}>
              <option value="">Any</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <SaveView tab={tab} filters={filters} />
      <div className="filters__actions">
        <button type="button" className="btn btn--link" onClick={() => setListFilters(NO_FILTERS)} disabled={!hasFilters(filters)}>
          Clear filters
        </button>
        <button type="button" className="btn btn--secondary btn--sm" onClick={onDone} data-testid="filters-done">
          Done
        </button>
      </div>
    </div>
  );
}

function SaveView({ tab, filters }: { tab: InboxTab; filters: ListFilters }) {
  const [name, setName] = useState('');
  const create = useCreateView();
  const id = useId();
  return (
    <form
      className="filters__save"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim()) return;
        create.mutate({ name: name.trim(), filters: toSavedFilters(tab, filters) }, { onSuccess: () => setName('') });
      }}
    >
      <label htmlFor={`${id}-name`} className="visually-hidden">
        View name
      </label>
      <input id={`${id}-name`} type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="Name this view…" maxLength={100} data-testid="view-name" />
      <button type="submit" className="btn btn--primary btn--sm" disabled={!name.trim() || create.isPending} data-testid="save-view">
        Save as view
      </button>
      {create.isError && (
        <p className="field__error" role="alert">
          {errorMessage(create.error)}
        </p>
      )}
    </form>
  );
}
