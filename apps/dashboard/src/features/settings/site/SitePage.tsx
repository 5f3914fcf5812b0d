import { useEffect, useRef, type MouseEvent } from 'react';
import { Link, NavLink, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { EmptyState } from '../../../ui/EmptyState';
import { Icon } from '../../../ui/Icon';
import { useSites } from '../../inbox/hooks/useInbox';
import { TriggersSettings } from '../../triggers/components/TriggersSettings';
import { SiteGeneralForm } from '../components/SiteGeneralForm';
import { usePermissions } from '../hooks/useSettings';
import { AppearanceSection } from './AppearanceSection';
import { BusinessHoursSection } from './BusinessHoursSection';
import { FilesSection } from './FilesSection';
import { IdentitySection } from './IdentitySection';
import { MessagesSection } from './MessagesSection';
import { PreChatSection } from './PreChatSection';
import { PrivacySection } from './PrivacySection';
import { confirmLeave } from './unsaved';
import './site.css';
import './forms.css';

/** One website's settings: a tab per section (Settings → Websites → <site> → …). */
export function SitePage() {
  const { siteId } = useParams();
  const { canAdmin } = usePermissions();
  const sites = useSites();
  const site = sites.data?.find((s) => s.id === siteId);
  const nav = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  // On a phone the tab row scrolls: keep the open tab in view.
  useEffect(() => {
    const active = nav.current?.querySelector<HTMLElement>('.active');
    if (nav.current && active) nav.current.scrollLeft = active.offsetLeft - (nav.current.clientWidth - active.offsetWidth) / 2;
  }, [pathname, site]);
  if (sites.isPending) return <p className="muted">Loading…</p>;
  if (!site) return <EmptyState title="This website does not exist." />;

  const tabs = [
    { to: '', label: 'General', end: true },
    { to: 'appearance', label: 'Appearance' },
    { to: 'prechat', label: 'Pre-chat form' },
    { to: 'hours', label: 'Business hours' },
    { to: 'messages', label: 'Offline & messages' },
    { to: 'triggers', label: 'Triggers' },
    { to: 'files', label: 'Files' },
    { to: 'privacy', label: 'Privacy' },
    ...(canAdmin ? [{ to: 'identity', label: 'Identity' }] : []),
  ];
  // Leaving a tab drops its draft: ask first when it has unsaved changes.
  const guard = (e: MouseEvent) => {
    if (!confirmLeave()) e.preventDefault();
  };
  const base = `/settings/sites/${site.id}`;

  return (
    <div className="stack site-page">
      <Link to="/settings/sites" className="back-link" onClick={guard}>
        <Icon name="back" size={16} /> All websites
      </Link>
      <header className="site-head">
        <span className="row__swatch" style={{ background: site.settings.color }} aria-hidden="true" />
        <h1 className="site-head__name">{site.name}</h1>
        {site.isDemo && <span className="tag">Demo</span>}
        {!site.active && <span className="tag tag--muted">Inactive</span>}
      </header>
      <nav ref={nav} className="site-tabs" aria-label={`${site.name} settings`}>
        {tabs.map((t) => (
          <NavLink key={t.to} to={t.to ? `${base}/${t.to}` : base} end={t.end} className="site-tabs__tab" onClick={guard} data-testid={`site-tab-${t.to || 'general'}`}>
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<SiteGeneralForm key={site.id} site={site} />} />
        <Route path="appearance" element={<AppearanceSection key={site.id} site={site} />} />
        <Route path="prechat" element={<PreChatSection key={site.id} site={site} />} />
        <Route path="hours" element={<BusinessHoursSection key={site.id} site={site} />} />
        <Route path="messages" element={<MessagesSection key={site.id} site={site} />} />
        <Route path="triggers/*" element={<TriggersSettings key={site.id} site={site} />} />
        <Route path="files" element={<FilesSection key={site.id} site={site} />} />
        <Route path="privacy" element={<PrivacySection key={site.id} site={site} />} />
        {canAdmin && <Route path="identity" element={<IdentitySection site={site} />} />}
        <Route path="*" element={<Navigate to={base} replace />} />
      </Routes>
    </div>
  );
}
