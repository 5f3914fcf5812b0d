import { useEffect, useRef, useState } from 'preact/hooks';
import { initials } from './display';
import { W } from '../i18n/window';
import type { AgentInfo } from '../state';
import { CloseIcon } from './icons';
import { MoreIcon } from './window-icons';

/** One entry of the header's menu. */
export interface MenuItem {
  id: string;
  label: string;
  run(): void;
}

interface Props {
  /** The team name. */
  title: string;
  /** The team's avatar (site setting), shown until an agent has the chat. */
  avatarUrl: string | null;
  agent: AgentInfo | null;
  /** Someone can answer now. */
  online: boolean;
  items: MenuItem[];
  onClose(): void;
}

/** A picture, or the name's initials. */
export function Avatar({ url, name, class: cls = 'av' }: { url: string | null | undefined; name: string; class?: string }) {
  return (
    <span class={cls} aria-hidden="true">
      {url ? <img src={url} alt="" referrerpolicy="no-referrer" /> : initials(name)}
    </span>
  );
}

/** Team (or the assigned agent) with avatar and status, the menu and the close button. */
export function Header({ title, avatarUrl, agent, online, items, onClose }: Props) {
  const [menu, setMenu] = useState(false);
  const wrap = useRef<HTMLDivElement>(null);
  // Focus the first item when the menu opens; a press anywhere else (page included) closes it.
  useEffect(() => {
    if (!menu) return;
    wrap.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
    const outside = (e: Event) => !e.composedPath().includes(wrap.current as EventTarget) && setMenu(false);
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [menu]);

  // Arrow keys move between the items; Escape closes the menu (not the window).
  const keys = (e: KeyboardEvent) => {
    const all = [...(wrap.current?.querySelectorAll<HTMLButtonElement>('[role=menuitem]') ?? [])];
    const at = all.indexOf((wrap.current?.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement);
    if (e.key === 'Escape') {
      e.stopPropagation();
      setMenu(false);
      wrap.current?.querySelector<HTMLButtonElement>('[data-testid=menu]')?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    }
  };

  return (
    <div class="hd">
      <Avatar url={agent ? agent.avatarUrl : avatarUrl} name={agent?.name ?? title} />
      <div class="ti">
        {agent ? <b data-testid="agent-name">{agent.name}</b> : <b data-testid="team-name">{title}</b>}
        <small data-testid="team-status">
          {!agent && <span class={online ? 'dot' : 'dot aw'} />}
          <span>{agent ? title : online ? W().online : W().later}</span>
        </small>
      </div>
      {items.length > 0 && (
        <div ref={wrap} onKeyDown={keys}>
          <button type="button" class="ib" data-testid="menu" aria-label={W().more} aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
            <MoreIcon />
          </button>
          {menu && (
            <div class="menu" role="menu">
              {items.map((item) => (
                <button
                  type="button"
                  role="menuitem"
                  key={item.id}
                  data-testid={item.id}
                  onClick={() => {
                    setMenu(false);
                    item.run();
                  }}
                >
                  {item.label}
                </button>
              ))}
            </div>
          )}
        </div>
      )}
      <button type="button" class="ib" data-testid="close-window" aria-label={W().closeWindow} onClick={onClose}>
        <CloseIcon />
      </button>
    </div>
  );
}
