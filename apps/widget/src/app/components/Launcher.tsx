import type { Ref } from 'preact';
import type { LauncherIcon } from '@parley/protocol';
import { S } from '../i18n';
import { DownIcon, LauncherGlyph } from './icons';

interface Props {
  open: boolean;
  icon: LauncherIcon;
  unread: number;
  onClick(): void;
  onHover?(): void;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** The round button in the page corner, with the site's icon and the unread badge. */
export function Launcher({ open, icon, unread, onClick, onHover, buttonRef }: Props) {
  const label = open ? S.close : unread ? S.unread(unread) : S.open;
  return (
    <button ref={buttonRef} type="button" class="ln" data-testid="launcher" data-icon={icon} aria-label={label} aria-expanded={open} onClick={onClick} onPointerEnter={onHover} onFocus={onHover}>
      {open ? <DownIcon /> : <LauncherGlyph icon={icon} />}
      {!open && unread > 0 && (
        <span class="badge" data-testid="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
