/**
 * The chat window's sheet (travels with the lazily loaded window; palette and `--c` come from
 * styles.ts). Texts people wrote (`.bb` bubbles, the welcome `.intro`) take their direction from
 * their own first letters (`unicode-bidi: plaintext`): English in an Arabic widget reads right.
 */
export const WINDOW_CSS = `
.win{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:370px;height:min(640px,calc(100vh - 108px));display:flex;flex-direction:column;background:var(--bg);color:var(--fg);border-radius:16px;overflow:hidden;box-shadow:0 12px 48px rgba(0,0,0,.22);animation:pw-in .18s ease-out}
.dark .win{box-shadow:0 12px 48px rgba(0,0,0,.5),0 0 0 1px var(--bd)}
.left .win{right:auto;left:20px}
@keyframes pw-in{from{opacity:0;transform:translateY(12px) scale(.98)}}
.hd{display:flex;align-items:center;gap:10px;padding:14px 10px;padding-inline-start:16px;background:var(--c);color:var(--t);position:relative}
.av{flex:none;width:38px;height:38px;border-radius:50%;background:rgba(255,255,255,.22);display:flex;align-items:center;justify-content:center;font-weight:600;overflow:hidden}
.av img{width:100%;height:100%;object-fit:cover}
.ti{flex:1;min-width:0}
.ti b{display:block;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ti small{display:flex;align-items:center;gap:6px;font-size:12px;opacity:.88}
.ti small span:last-child{min-width:0;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.dot{flex:none}
.dot{width:8px;height:8px;border-radius:50%;background:#22c55e;box-shadow:0 0 0 2px rgba(255,255,255,.5)}
.dot.aw{background:#9ca3af}
.ib{flex:none;width:34px;height:34px;border:0;border-radius:8px;background:transparent;color:inherit;display:flex;align-items:center;justify-content:center}
.ib:hover{background:rgba(127,127,127,.2)}
.hd :focus-visible{outline-color:currentColor}
.menu{position:absolute;top:52px;inset-inline-end:44px;z-index:2;min-width:200px;padding:4px;background:var(--bg);color:var(--fg);border:1px solid var(--bd);border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.18)}
.menu button{display:block;width:100%;padding:8px 12px;border:0;border-radius:6px;background:none;text-align:start}
.menu button:hover,.menu button:focus-visible{background:var(--hv);outline:0}
.bn{padding:6px 12px;background:var(--wn);color:var(--wt);font-size:12px;text-align:center}
.bn.ok{background:color-mix(in srgb,var(--ok) 14%,var(--bg));color:var(--ok)}
.bn.bad{background:color-mix(in srgb,var(--er) 12%,var(--bg));color:var(--er)}
.q{background:color-mix(in srgb,var(--c) 12%,var(--bg));color:var(--fg);font-size:13px}
.q span{white-space:nowrap}
.q span:first-child{font-weight:600}
.dp{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:10px 14px;border-top:1px solid var(--bd);font-size:13px}
.dp span{width:100%;font-weight:600;color:var(--mu)}
.dp button{padding:5px 12px;border:1px solid var(--cr);border-radius:16px;background:var(--bg);color:var(--cr)}
.dp [aria-pressed=true]{background:var(--c);border-color:var(--c);color:var(--t)}
.ls{flex:1;overflow-y:auto;padding:16px 14px 8px;background:var(--bg2);display:flex;flex-direction:column;gap:6px;overscroll-behavior:contain}
.intro{margin:0 8px 8px;color:var(--mu);text-align:center;white-space:pre-wrap;unicode-bidi:plaintext}
.row{display:flex;flex-direction:column;align-items:flex-start;max-width:100%}
.row.v{align-items:flex-end}
.row.s{align-items:center;margin:6px 0}
.who{display:flex;align-items:center;gap:6px;font-size:12px;font-weight:600;margin:6px 0 3px;margin-inline-start:2px}
.av.sm{width:22px;height:22px;font-size:10px;color:#fff}
.av.tm{background:var(--c);color:var(--t)}
.av.ag{background:var(--a)}
.nm{color:var(--a);color:color-mix(in srgb,var(--a),#fff var(--nm,0%))}
.bb{max-width:80%;unicode-bidi:plaintext;padding:8px 12px;border-radius:16px;border-end-start-radius:4px;background:var(--ab);border:1px solid var(--bd);white-space:pre-wrap;overflow-wrap:anywhere}
.v .bb{border:0;border-radius:16px;border-end-end-radius:4px;background:var(--c);color:var(--t)}
.v.p .bb{opacity:.75}
.bb a{color:inherit;text-decoration:underline}
.s .bb{max-width:90%;padding:2px 8px;border:0;background:none;color:var(--mu);font-size:12px;text-align:center}
.mt{display:flex;gap:4px;align-items:center;margin:2px 4px 0;font-size:11px;color:var(--mu)}
.rc{display:inline-flex;color:var(--mu)}
.rc[data-state=read]{color:var(--cr)}
.er{margin:2px 4px 0;font-size:12px;color:var(--er);text-align:end}
.er button{margin-inline-start:6px;padding:0;border:0;background:none;color:inherit;font-weight:600;text-decoration:underline}
.ty{margin:2px 4px;font-size:12px;font-style:italic;color:var(--mu);animation:pw-pulse 1.4s infinite}
@keyframes pw-pulse{50%{opacity:.5}}
.end{padding:16px;border-top:1px solid var(--bd);text-align:center;color:var(--mu)}
.cp{position:relative;display:flex;align-items:flex-end;gap:4px;padding:10px;padding-inline-start:14px;border-top:1px solid var(--bd);background:var(--bg)}
.cp textarea{flex:1;min-height:38px;max-height:120px;padding:8px 0;border:0;outline:0;resize:none;background:none;font:inherit;color:inherit}
.cp textarea::placeholder{color:var(--mu)}
.cp .ib{width:38px;height:38px;border-radius:50%;color:var(--mu)}
.cp .ib[aria-expanded=true]{color:var(--cr)}
.cp .ib:disabled{opacity:.4;cursor:default}
.snd{flex:none;width:38px;height:38px;border:0;border-radius:50%;background:var(--c);color:var(--t);display:flex;align-items:center;justify-content:center}
.snd:disabled{opacity:.4;cursor:default}
[dir=rtl] .snd svg{transform:scaleX(-1)}
.cnt{font-size:11px;color:var(--mu);align-self:center}
.cnt.over{color:var(--er);font-weight:600}
.ld{padding:16px;text-align:center;color:var(--mu)}
.fp{width:220px;max-width:80%;height:56px;margin:2px 0;border-radius:12px;background:var(--hv)}
.drop{position:absolute;inset:0;z-index:3;display:flex;align-items:center;justify-content:center;margin:6px;border:2px dashed var(--cr);border-radius:12px;background:color-mix(in srgb,var(--bg) 90%,transparent);color:var(--cr);font-size:15px;font-weight:600;pointer-events:none}
@media (max-width:480px){:not(.pv)>.win{inset:0;width:auto;height:auto;border-radius:0}}
`;
