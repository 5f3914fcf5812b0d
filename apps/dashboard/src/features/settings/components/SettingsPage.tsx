import { NavLink, Navigate, Route, Routes } from 'react-router';
import { usePermissions } from '../hooks/useSettings';
import { ProfileSettings } from './ProfileSettings';
import { SitesSettings } from './SitesSettings';
import { AgentsSettings } from './AgentsSettings';
import { DepartmentsSettings } from './DepartmentsSettings';
import { CannedSettings } from './CannedSettings';
import { WorkspaceSettingsPage } from './WorkspaceSettingsPage';
import { TokensSettings } from './TokensSettings';
import '../settings.css';

export function SettingsPage() {
  const { canView, canAdmin } = usePermissions();
  const sections = [
    { to: 'profile', label: 'My profile', show: true },
    { to: 'sites', label: 'Websites', show: canView },
    { to: 'agents', label: 'Team', show: canView },
    { to: 'departments', label: 'Departments', show: canView },
    { to: 'canned', label: 'Canned responses', show: true },
    { to: 'workspace', label: 'Workspace', show: canView },
    { to: 'tokens', label: 'API tokens', show: canAdmin },
  ].filter((s) => s.show);

  return (
    <div className="settings">
      <nav className="settings__nav" aria-label="Settings">
        <h1 className="settings__title">Settings</h1>
        {sections.map((s) => (
          <NavLink key={s.to} to={`/settings/${s.to}`} className="settings__link" data-testid={`settings-${s.to}`}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <div className="settings__content">
        <Routes>
          <Route index element={<Navigate to={canView ? 'sites' : 'profile'} replace />} />
          <Route path="profile" element={<ProfileSettings />} />
          <Route path="canned/*" element={<CannedSettings />} />
          {canView && <Route path="sites/*" element={<SitesSettings />} />}
          {canView && <Route path="agents/*" element={<AgentsSettings />} />}
          {canView && <Route path="departments/*" element={<DepartmentsSettings />} />}
          {canView && <Route path="workspace" element={<WorkspaceSettingsPage />} />}
          {canAdmin && <Route path="tokens" element={<TokensSettings />} />}
          <Route path="*" element={<Navigate to="/settings" replace />} />
        </Routes>
      </div>
    </div>
  );
}
