import { Link, Route, Routes } from 'react-router';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { Panel } from '../../../ui/Panel';
import { useSites } from '../../inbox/hooks/useInbox';
import { usePermissions } from '../hooks/useSettings';
import { SitePage } from '../site/SitePage';
import { SiteGeneralForm } from './SiteGeneralForm';
import { QueryStatus } from '../../../ui/QueryStatus';

export function SitesSettings() {
  return (
    <Routes>
      <Route index element={<SiteList />} />
      <Route path="new" element={<SiteGeneralForm site={undefined} />} />
      <Route path=":siteId/*" element={<SitePage />} />
    </Routes>
  );
}

function SiteList() {
  const { canAdmin } = usePermissions();
  const sites = useSites();
  return (
    <Panel
      title="Websites"
      description="Each website gets its own chat widget and embed code."
      actions={
        canAdmin && (
          <Link to="new" className="btn btn--primary btn--sm" data-testid="site-new">
            <Icon name="plus" size={16} /> New website
          </Link>
        )
      }
    >
      <QueryStatus query={sites} />
      {sites.data?.length === 0 && <EmptyState title="No websites yet." />}
      <ul className="rows">
        {sites.data?.map((s) => (
          <li key={s.id}>
            <Link to={s.id} className="row" data-testid="site-row" data-id={s.id}>
              <span className="row__swatch" style={{ background: s.settings.color }} aria-hidden="true" />
              <span className="row__main">
                <span className="row__title">
                  {s.name}
                  {s.isDemo && <span className="tag">Demo</span>}
                  {!s.active && <span className="tag tag--muted">Inactive</span>}
                </span>
                <span className="row__sub">{s.domains.length ? s.domains.join(', ') : 'Any domain not yet restricted'}</span>
              </span>
              <span className="row__action">{canAdmin ? 'Edit' : 'View'}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
