/**
 * The emoji picker: a lazily loaded chunk (never part of app.js), fetched on the first click of
 * the composer's smiley. Searchable by name, one tab per group, arrow keys move through the grid.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { W } from '../../i18n/window';
import { addStyles } from '../../styles';
import { EMOJI, searchEmoji, type Emoji } from './data';

const CSS = `
.ep{position:absolute;bottom:calc(100% + 6px);inset-inline-end:8px;z-index:3;width:316px;max-width:calc(100% - 16px);height:330px;display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:12px;box-shadow:0 8px 28px rgba(0,0,0,.2);overflow:hidden;animation:pw-in .12s ease-out}
.ep input{margin:10px 10px 6px;padding:7px 10px;border:1px solid var(--bd);border-radius:8px;background:var(--bg2);color:inherit;font:inherit;outline:0}
.ep input:focus{border-color:var(--cr)}
.et{display:flex;padding:0 6px;border-bottom:1px solid var(--bd)}
.et button{flex:1;padding:4px 0 6px;border:0;border-bottom:2px solid transparent;background:none;font-size:17px;line-height:1.3;filter:grayscale(1);opacity:.65}
.et button:hover,.et button[aria-current=true]{filter:none;opacity:1}
.et button[aria-current=true]{border-bottom-color:var(--cr)}
.eg{flex:1;overflow-y:auto;padding:0 8px 8px;overscroll-behavior:contain}
.eg h3{margin:10px 4px 4px;font-size:11px;font-weight:600;color:var(--mu)}
.eg div{display:grid;grid-template-columns:repeat(8,1fr)}
.eg button{aspect-ratio:1;padding:0;border:0;border-radius:8px;background:none;font-size:22px;line-height:1}
.eg button:hover,.eg button:focus-visible{background:var(--hv);outline:0}
.eg button:focus-visible{box-shadow:inset 0 0 0 2px var(--cr)}
.eg p{margin:24px 0;text-align:center;color:var(--mu)}
`;

export interface EmojiPickerProps {
  onPick(emoji: string): void;
  /** `refocus`: give the focus back to the smiley button (Escape), not on a click elsewhere. */
  onClose(refocus: boolean): void;
}

/** The grid neighbour of `from` in a direction, by position on screen (groups break the rows). */
function neighbour(buttons: HTMLButtonElement[], from: HTMLButtonElement, key: string, rtl: boolean): HTMLButtonElement | undefined {
  const i = buttons.indexOf(from);
  if (key === 'ArrowRight' || key === 'ArrowLeft') return buttons[i + ((key === 'ArrowRight') !== rtl ? 1 : -1)];
  const down = key === 'ArrowDown';
  const { top, left } = from.getBoundingClientRect();
  let best: HTMLButtonElement | undefined;
  let bestScore = Infinity;
  for (const b of buttons) {
    const r = b.getBoundingClientRect();
    const dy = down ? r.top - top : top - r.top;
    if (dy < 4) continue;
    const score = dy * 1000 + Math.abs(r.left - left);
    if (score < bestScore) [best, bestScore] = [b, score];
  }
  return best;
}

/** Picks an emoji; closes on Escape and on a press outside. */
export function EmojiPicker({ onPick, onClose }: EmojiPickerProps) {
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  const results = query.trim() ? searchEmoji(query) : null;

  useLayoutEffect(() => addStyles(box.current, 'emoji', CSS), []);
  useEffect(() => {
    box.current?.querySelector('input')?.focus();
    const outside = (e: Event) => {
      const path = e.composedPath();
      // The smiley button toggles the picker itself.
      if (!path.includes(box.current as EventTarget) && !path.some((n) => (n as HTMLElement).dataset?.testid === 'emoji-button')) onClose(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, [onClose]);

  const pick = (e: Emoji) => {
    onPick(e.char);
    onClose(false);
  };
  const buttons = () => [...(grid.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      onClose(true);
      return;
    }
    if (!e.key.startsWith('Arrow')) return;
    const all = buttons();
    const active = (box.current?.getRootNode() as ShadowRoot).activeElement as HTMLButtonElement | null;
    if (active?.tagName === 'INPUT') {
      if (e.key !== 'ArrowDown') return;
      e.preventDefault();
      all[0]?.focus();
      return;
    }
    if (!active || !all.includes(active)) return;
    e.preventDefault();
    const next = neighbour(all, active, e.key, getComputedStyle(active).direction === 'rtl');
    if (next) next.focus();
    else if (e.key === 'ArrowUp') box.current?.querySelector('input')?.focus();
  };
  const jump = (i: number) => {
    setQuery('');
    setGroup(i);
    requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[data-group="${i}"]`)?.scrollIntoView({ block: 'start' }));
  };
  // The tab of the group at the top of the scrolled grid.
  const scrolled = () => {
    const el = grid.current;
    if (!el || results) return;
    let at = 0;
    el.querySelectorAll<HTMLElement>('h3').forEach((h, i) => {
      if (h.offsetTop - el.offsetTop <= el.scrollTop + 8) at = i;
    });
    if (at !== group) setGroup(at);
  };

  // One tab stop for the whole grid (the first emoji); arrow keys move from there.
  const cell = (e: Emoji, i: number) => (
    <button type="button" key={e.char} tabIndex={i ? -1 : 0} data-testid="emoji" aria-label={e.name} title={e.name} onClick={() => pick(e)}>
      {e.char}
    </button>
  );

  return (
    <div class="ep" ref={box} role="dialog" aria-label={W().emoji} data-testid="emoji-picker" onKeyDown={keys}>
      <input
        type="search"
        data-testid="emoji-search"
        aria-label={W().emojiSearch}
        placeholder={W().emojiSearch}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (results?.[0]) pick(results[0]);
          }
        }}
      />
      {!results && (
        <div class="et">
          {EMOJI.map((list, i) => (
            <button type="button" key={i} aria-label={W().emojiGroups[i]} title={W().emojiGroups[i]} aria-current={i === group} onClick={() => jump(i)}>
              {list[0].char}
            </button>
          ))}
        </div>
      )}
      <div class="eg" ref={grid} onScroll={scrolled}>
        {results ? (
          results.length ? <div>{results.map(cell)}</div> : <p>{W().noEmoji}</p>
        ) : (
          EMOJI.map((list, i) => (
            <section key={i} aria-label={W().emojiGroups[i]}>
              <h3 data-group={i}>{W().emojiGroups[i]}</h3>
              <div>{list.map((e, j) => cell(e, i + j))}</div>
            </section>
          ))
        )}
      </div>
    </div>
  );
}
