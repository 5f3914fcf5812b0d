import { useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router';
import type { SiteDto, TriggerDto } from '@parley/protocol';
import { errorMessage } from '../../../api/client';
import { showToast } from '../../../lib/toast';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { usePermissions } from '../../settings/hooks/useSettings';
import { describeCondition } from '../conditions';
import { useSaveTrigger, useTriggerStats, useTriggers } from '../hooks';
import { PERIODS, acceptanceRate, statsFor, type Period } from '../stats';
import { TriggerEditor } from './TriggerEditor';
import '../triggers.css';
import { QueryStatus } from '../../../ui/QueryStatus';

/** Settings → Websites → <site> → Triggers: the list with analytics, and the editor. */
export function TriggersSettings({ site }: { site: SiteDto }) {
  const listUrl = `/settings/sites/${site.id}/triggers`;
  return (
    <Routes>
      <Route index element={<TriggerList site={site} />} />
      <Route path="new" element={<TriggerEditor siteId={site.id} trigger={undefined} listUrl={listUrl} />} />
      <Route path=":triggerId" element={<EditExisting site={site} listUrl={listUrl} />} />
    </Routes>
  );
}

function EditExisting({ site, listUrl }: { site: SiteDto; listUrl: string }) {
  const { triggerId } = useParams();
  const triggers = useTriggers(site.id);
  const trigger = triggers.data?.find((t) => t.id === triggerId);
  if (triggers.isPending) return <p className="muted">Loading…</p>;
  if (!trigger) return <EmptyState title="This trigger does not exist." />;
  return <TriggerEditor key={trigger.id} siteId={site.id} trigger={trigger} listUrl={listUrl} />;
}

function TriggerList({ site }: { site: SiteDto }) {
  const { canAdmin } = usePermissions();
  const [days, setDays] = useState<Period>(30);
  const triggers = useTriggers(site.id);
  const stats = useTriggerStats(site.id, days);
  const list = triggers.data ?? [];
  return (
    <Panel
      title="Proactive triggers"
      description="Invite visitors to chat at the right moment: a message slides in above the chat button when a visitor matches a trigger’s conditions."
      actions={
        <>
          <select className="period-select" aria-label="Statistics period" value={days} onChange={(e) => setDays(Number(e.target.value) as Period)} data-testid="trigger-period">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
          {canAdmin && (
            <Link to="new" className="btn btn--primary btn--sm" data-testid="trigger-new">
              <Icon name="plus" size={16} /> New trigger
            </Link>
          )}
        </>
      }
    >
      <QueryStatus query={triggers} />
      {stats.isError && <div className="alert alert--error">Statistics are unavailable: {errorMessage(stats.error)}</div>}
      {triggers.isSuccess && list.length === 0 && (
        <EmptyState title="No triggers yet.">{canAdmin ? 'For example: after 30 seconds on the pricing page, ask “Questions about our plans?”.' : null}</EmptyState>
      )}
      {list.length > 0 && (
        <div className="trigger-table-wrap">
          <table className="trigger-table" data-testid="trigger-table">
            <thead>
              <tr>
                <th scope="col" className="trigger-table__on">
                  On
                </th>
                <th scope="col">Trigger</th>
                <th scope="col" className="num">
                  Priority
                </th>
                <th scope="col" className="num">
                  Shown
                </th>
                <th scope="col" className="num">
                  Accepted
                </th>
                <th scope="col" className="num" title="Accepted ÷ shown">
                  Rate
                </th>
                <th scope="col" className="num" title="Chats started from the prompt">
                  Chats
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <TriggerRow key={t.id} trigger={t} stats={statsFor(stats.data, t.id)} canAdmin={canAdmin} siteId={site.id} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

interface RowProps {
  trigger: TriggerDto;
  stats: ReturnType<typeof statsFor>;
  canAdmin: boolean;
  siteId: string;
}

function TriggerRow({ trigger: t, stats: s, canAdmin, siteId }: RowProps) {
  const save = useSaveTrigger(siteId);
  async function toggle(enabled: boolean) {
    try {
      await save.mutateAsync({ id: t.id, body: { enabled } });
      showToast(`${t.name} ${enabled ? 'enabled' : 'paused'}`);
    } catch (err) {
      showToast(errorMessage(err), 'error');
    }
  }
  return (
    <tr className={t.enabled ? undefined : 'trigger-table__off'} data-testid="trigger-row" data-id={t.id}>
      <td className="trigger-table__on">
        <input
          type="checkbox"
          role="switch"
          className="switch"
          checked={t.enabled}
          disabled={!canAdmin || save.isPending}
          onChange={(e) => void toggle(e.target.checked)}
          aria-label={`${t.name} enabled`}
          data-testid="trigger-enabled-toggle"
        />
      </td>
      <td className="trigger-table__main">
        <Link to={t.id} className="trigger-table__name" data-testid="trigger-link">
          {t.name}
        </Link>
        <span className="trigger-table__sub">{t.conditions.map(describeCondition).join(' · ')}</span>
      </td>
      <td className="num" data-label="Priority">
        {t.priority}
      </td>
      <td className="num" data-label="Shown" data-testid="trigger-shown">
        {s.shown}
      </td>
      <td className="num" data-label="Accepted" data-testid="trigger-accepted">
        {s.accepted}
      </td>
      <td className="num" data-label="Rate" data-testid="trigger-rate">
        {acceptanceRate(s)}
      </td>
      <td className="num" data-label="Chats" data-testid="trigger-chats">
        {s.chats}
      </td>
    </tr>
  );
}
