import type { Ref } from 'preact';
import { S } from '../strings';
import { ChatIcon, DownIcon } from './icons';

interface Props {
  open: boolean;
  unread: number;
  onClick(): void;
  buttonRef: Ref<HTMLButtonElement>;
}

/** The round button in the page corner, with the unread badge. */
export function Launcher({ open, unread, onClick, buttonRef }: Props) {
  const label = open ? S.close : unread ? S.unread(unread) : S.open;
  return (
    <button ref={buttonRef} type="button" class="ln" data-testid="launcher" aria-label={label} aria-expanded={open} onClick={onClick}>
      {open ? <DownIcon /> : <ChatIcon />}
      {!open && unread > 0 && (
        <span class="badge" data-testid="unread-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
