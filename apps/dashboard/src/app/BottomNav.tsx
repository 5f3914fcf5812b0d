import { NavLink } from 'react-router';
import { useInboxList } from '../features/inbox/hooks/useInbox';
import { Icon } from '../ui/Icon';
import { StatusSelect } from './StatusSelect';

/** Phone navigation: Inbox / Visitors / Settings / my status. */
export function BottomNav() {
  const waiting = useInboxList('waiting').data?.length ?? 0;
  return (
    <nav className="bottomnav" aria-label="Main">
      <NavLink to="/inbox" className="bottomnav__item" data-testid="nav-inbox">
        <span className="bottomnav__icon">
          <Icon name="inbox" />
          {waiting > 0 && <span className="bottomnav__badge">{waiting}</span>}
        </span>
        Inbox
      </NavLink>
      <NavLink to="/visitors" className="bottomnav__item" data-testid="nav-visitors">
        <Icon name="users" />
        Visitors
      </NavLink>
      <NavLink to="/settings" className="bottomnav__item" data-testid="nav-settings">
        <Icon name="settings" />
        Settings
      </NavLink>
      <div className="bottomnav__item bottomnav__status">
        <StatusSelect compact />
      </div>
    </nav>
  );
}
