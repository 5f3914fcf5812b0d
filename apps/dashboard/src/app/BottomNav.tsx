import { NavLink } from 'react-router';
import { useInboxList } from '../features/inbox/hooks/useInbox';
import { Icon } from '../ui/Icon';
import { StatusSelect } from './StatusSelect';

/** Phone navigation: Inbox / Settings / my status. */
export function BottomNav() {
  const waiting = useInboxList('waiting').data?.length ?? 0;
  return (
    <nav className="bottomnav" aria-label="Main">
      <NavLink to="/inbox" className="bottomnav__item">
        <span className="bottomnav__icon">
          <Icon name="inbox" />
          {waiting > 0 && <span className="bottomnav__badge">{waiting}</span>}
        </span>
        Inbox
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
