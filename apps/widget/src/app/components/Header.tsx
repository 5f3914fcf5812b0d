import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentInfo } from '../store';
import { S } from '../strings';
import { CloseIcon, MoreIcon } from './icons';

interface Props {
  title: string;
  agent: AgentInfo | null;
  agentsOnline: number;
  /** Offer "End chat" (there is an open conversation). */
  canEnd: boolean;
  onEnd(): void;
  onClose(): void;
}

/** Title or the assigned agent, the menu (end chat) and the close button. */
export function Header({ title, agent, agentsOnline, canEnd, onEnd, onClose }: Props) {
  const [menu, setMenu] = useState(false);
  const item = useRef<HTMLButtonElement>(null);
  const wrap = useRef<HTMLDivElement>(null);
  // Focus the item when the menu opens; a press anywhere else (page included) closes it.
  useEffect(() => {
    if (!menu) return;
    item.current?.focus();
    const outside = (e: Event) => !e.composedPath().includes(wrap.current as EventTarget) && setMenu(false);
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [menu]);
  const name = agent?.name ?? title;
  return (
    <div class="hd">
      <div class="av" aria-hidden="true">
        {agent?.avatarUrl ? <img src={agent.avatarUrl} alt="" referrerpolicy="no-referrer" /> : name.trim().charAt(0).toUpperCase()}
      </div>
      <div class="ti">
        {agent ? <b data-testid="agent-name">{agent.name}</b> : <b>{title}</b>}
        <small>{agent ? title : agentsOnline > 0 ? S.online : S.later}</small>
      </div>
      {canEnd && (
        <div ref={wrap}>
          <button type="button" class="ib" data-testid="menu" aria-label={S.more} aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
            <MoreIcon />
          </button>
          {menu && (
            <div class="menu" role="menu" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setMenu(false))}>
              <button
                type="button"
                role="menuitem"
                data-testid="close-chat"
                ref={item}
                onClick={() => {
                  setMenu(false);
                  onEnd();
                }}
              >
                {S.endChat}
              </button>
            </div>
          )}
        </div>
      )}
      <button type="button" class="ib" data-testid="close-window" aria-label={S.closeWindow} onClick={onClose}>
        <CloseIcon />
      </button>
    </div>
  );
}
