/**
 * The widget's CSS for the launcher and the palette, injected into its shadow root: nothing
 * leaks out, and `:host { all: initial }` keeps the page's inherited styles out. The lazily
 * loaded parts (the chat window, the emoji picker) bring their own sheets (`addStyles`).
 *
 * Custom properties: `--c` the site colour, `--t` text readable on it, `--cr` the site colour
 * where it is readable on the window (else a neutral), and the palette (`--bg` window,
 * `--bg2` message list, `--fg` text, `--mu` muted text, `--bd` borders, `--hv` hover,
 * `--ab` team bubbles, `--wn`/`--wt` warning banner, `--er` errors, `--ok` success).
 * `.dark` (and `.auto` when the visitor's system is dark) swaps the palette.
 * Layout uses logical properties, so `dir=rtl` mirrors it.
 */
import { adoptStyles } from '../shared/styles';

const DARK =
  'color-scheme:dark;--nm:50%;--bg:#1c2026;--bg2:#13161a;--fg:#e6e8eb;--mu:#9aa3ae;--bd:#2e343c;--hv:#2a3038;--ab:#252b33;--wn:#3d3012;--wt:#fcd34d;--er:#f87171;--ok:#4ade80;--cr:var(--crd)';

export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.pw{--bg:#fff;--bg2:#f6f7f9;--fg:#1f2937;--mu:#6b7280;--bd:#e5e7eb;--hv:#f3f4f6;--ab:#fff;--wn:#fef3c7;--wt:#92400e;--er:#b91c1c;--ok:#15803d;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif,"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji";color:var(--fg);-webkit-font-smoothing:antialiased}
.dark{${DARK}}
@media (prefers-color-scheme:dark){.auto{${DARK}}}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:2px solid var(--cr);outline-offset:2px}
.ln{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:var(--c);color:var(--t);display:flex;align-items:center;justify-content:center;box-shadow:0 4px 16px rgba(0,0,0,.22);transition:transform .15s}
.ln:hover{transform:scale(1.06)}
.ln:focus-visible{outline-color:#1f2937}
.left .ln{right:auto;left:20px}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}
.left .badge{right:auto;left:-4px}
.btn{margin-top:8px;padding:9px 16px;border:0;border-radius:8px;background:var(--c);color:var(--t);font-weight:600}
.btn:disabled{opacity:.6;cursor:default}
@media (max-width:480px){.open:not(.pv) .ln{display:none}}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}}
`;

const added = new WeakMap<ShadowRoot, Set<string>>();

/** Adds a lazily loaded part's sheet to the shadow root that holds `node` (once per root). */
export function addStyles(node: Node | null | undefined, id: string, css: string): void {
  const root = node?.getRootNode();
  if (!(root instanceof ShadowRoot)) return;
  const ids = added.get(root) ?? new Set<string>();
  if (ids.has(id)) return;
  ids.add(id);
  added.set(root, ids);
  adoptStyles(root, css, true);
}
