import { NavLink } from 'react-router';
import { useLogout, useSession } from '../features/auth/hooks/useSession';
import { useInboxList } from '../features/inbox/hooks/useInbox';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { SearchBox } from '../features/search/SearchBox';
import { toggleHelp } from '../features/shortcuts/helpStore';
import { Avatar } from '../ui/Avatar';
import { Icon } from '../ui/Icon';
import { SoundToggle } from './SoundToggle';
import { StatusSelect } from './StatusSelect';

export function TopBar({ isPhone }: { isPhone: boolean }) {
  const { agent, workspace } = useSession();
  const logout = useLogout();
  const waiting = useInboxList('waiting').data?.length ?? 0;

  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand__logo" aria-hidden="true" />
        <span className="brand__name">Parley</span>
        <span className="topbar__workspace" title="Workspace">
          {workspace.name}
        </span>
      </div>
      {!isPhone && (
        <nav className="topbar__nav" aria-label="Main">
          <NavLink to="/inbox" className="topbar__link" data-testid="nav-inbox">
            <Icon name="inbox" size={18} /> Inbox
            {waiting > 0 && <span className="pill pill--accent" aria-label={`${waiting} waiting`}>{waiting}</span>}
          </NavLink>
          <NavLink to="/visitors" className="topbar__link" data-testid="nav-visitors">
            <Icon name="users" size={18} /> Visitors
          </NavLink>
          <NavLink to="/settings" className="topbar__link" data-testid="nav-settings">
            <Icon name="settings" size={18} /> Settings
          </NavLink>
        </nav>
      )}
      {!isPhone && <SearchBox compact={false} />}
      <div className="topbar__right">
        {isPhone && <SearchBox compact />}
        <NotificationBell />
        <SoundToggle />
        {!isPhone && (
          <button type="button" className="icon-btn" onClick={toggleHelp} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)" data-testid="shortcuts-button">
            <Icon name="keyboard" />
          </button>
        )}
        {!isPhone && <StatusSelect />}
        <span className="topbar__me" title={`${agent.name} (${agent.email})`}>
          <Avatar name={agent.pseudoName || agent.name} seed={agent.id} url={agent.avatarUrl} size={30} />
          {!isPhone && <span className="topbar__me-name">{agent.pseudoName || agent.name}</span>}
        </span>
        <button type="button" className="icon-btn" onClick={() => logout.mutate()} aria-label="Log out" title="Log out" data-testid="logout">
          <Icon name="logout" />
        </button>
      </div>
    </header>
  );
}
