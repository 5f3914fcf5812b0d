/**
 * All of the widget's CSS, injected into its shadow root: nothing leaks out, and
 * `:host { all: initial }` keeps the page's inherited styles out.
 * `--c` is the site colour, `--t` the text colour readable on it.
 */
export const CSS = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
.pw{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif,"Apple Color Emoji","Segoe UI Emoji","Noto Color Emoji";color:#1f2937;-webkit-font-smoothing:antialiased}
button{font:inherit;color:inherit;cursor:pointer}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:2px solid var(--c);outline-offset:2px}
.ln{position:fixed;bottom:20px;right:20px;z-index:2147483000;width:56px;height:56px;padding:0;border:0;border-radius:50%;background:var(--c);color:var(--t);display:flex;align-items:center;justify-content:center;box-shadow:0 4px 16px rgba(0,0,0,.22);transition:transform .15s}
.ln:hover{transform:scale(1.06)}
.ln:focus-visible{outline-color:#1f2937}
.left .ln{right:auto;left:20px}
.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 6px;border-radius:10px;background:#dc2626;color:#fff;font-size:12px;font-weight:600;line-height:20px;text-align:center;box-shadow:0 0 0 2px #fff}
.win{position:fixed;bottom:88px;right:20px;z-index:2147483000;width:370px;height:min(620px,calc(100vh - 108px));display:flex;flex-direction:column;background:#fff;border-radius:16px;overflow:hidden;box-shadow:0 12px 48px rgba(0,0,0,.2);animation:pw-in .18s ease-out}
.left .win{right:auto;left:20px}
@keyframes pw-in{from{opacity:0;transform:translateY(12px) scale(.98)}}
.hd{display:flex;align-items:center;gap:10px;padding:14px 10px 14px 16px;background:var(--c);color:var(--t);position:relative}
.av{flex:none;width:36px;height:36px;border-radius:50%;background:rgba(255,255,255,.25);display:flex;align-items:center;justify-content:center;font-weight:600;overflow:hidden}
.av img{width:100%;height:100%;object-fit:cover}
.ti{flex:1;min-width:0}
.ti b{display:block;font-size:15px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.ti small{display:block;font-size:12px;opacity:.85}
.ib{flex:none;width:34px;height:34px;border:0;border-radius:8px;background:transparent;color:inherit;display:flex;align-items:center;justify-content:center}
.ib:hover{background:rgba(127,127,127,.2)}
.hd .ib:focus-visible{outline-color:currentColor}
.menu{position:absolute;top:52px;right:44px;z-index:1;min-width:160px;padding:4px;background:#fff;color:#1f2937;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.18)}
.menu button{display:block;width:100%;padding:8px 12px;border:0;border-radius:6px;background:none;text-align:left}
.menu button:hover{background:#f3f4f6}
.bn{padding:6px 12px;background:#fef3c7;color:#92400e;font-size:12px;text-align:center}
.q{background:#f1f5f9;background:color-mix(in srgb,var(--c) 10%,#fff);color:#1f2937;font-size:13px}
.q span{white-space:nowrap}
.q span:first-child{font-weight:600}
.dp{display:flex;flex-wrap:wrap;align-items:center;gap:6px;padding:10px 14px;border-top:1px solid #e5e7eb;font-size:13px}
.dp span{width:100%;font-weight:600;color:#4b5563}
.dp button{padding:5px 12px;border:1px solid var(--cr);border-radius:16px;background:#fff;color:var(--cr)}
.dp [aria-pressed=true]{background:var(--c);border-color:var(--c);color:var(--t)}
.ls{flex:1;overflow-y:auto;padding:16px 14px 8px;background:#f7f8fa;display:flex;flex-direction:column;gap:6px;overscroll-behavior:contain}
.row{display:flex;flex-direction:column;align-items:flex-start;max-width:100%}
.row.v{align-items:flex-end}
.row.s{align-items:center;margin:6px 0}
.who{display:flex;align-items:center;gap:6px;font-size:12px;font-weight:600;margin:6px 0 3px 2px}
.av.sm{width:22px;height:22px;font-size:10px;color:#fff}
.bb{max-width:80%;padding:8px 12px;border-radius:16px 16px 16px 4px;background:#fff;border:1px solid #e5e7eb;white-space:pre-wrap;overflow-wrap:anywhere}
.v .bb{border:0;border-radius:16px 16px 4px 16px;background:var(--c);color:var(--t)}
.v.p .bb{opacity:.75}
.bb a{color:inherit;text-decoration:underline}
.s .bb{max-width:90%;padding:2px 8px;border:0;background:none;color:#6b7280;font-size:12px;text-align:center}
.mt{display:flex;gap:4px;align-items:center;margin:2px 4px 0;font-size:11px;color:#6b7280}
.rc{display:inline-flex;color:#6b7280}
.rc[data-state=read]{color:var(--cr)}
.er{margin:2px 4px 0;font-size:12px;color:#b91c1c;text-align:right}
.er button{margin-left:6px;padding:0;border:0;background:none;color:#b91c1c;font-weight:600;text-decoration:underline}
.ty{margin:2px 4px;font-size:12px;font-style:italic;color:#6b7280;animation:pw-pulse 1.4s infinite}
@keyframes pw-pulse{50%{opacity:.5}}
.end{padding:16px;border-top:1px solid #e5e7eb;text-align:center;color:#4b5563}
.btn{margin-top:8px;padding:9px 16px;border:0;border-radius:8px;background:var(--c);color:var(--t);font-weight:600}
.cp{display:flex;align-items:flex-end;gap:8px;padding:10px 10px 10px 14px;border-top:1px solid #e5e7eb;background:#fff}
.cp textarea{flex:1;min-height:38px;max-height:120px;padding:8px 0;border:0;outline:0;resize:none;background:none;font:inherit;color:inherit}
.cp textarea::placeholder{color:#9ca3af}
.snd{flex:none;width:38px;height:38px;border:0;border-radius:50%;background:var(--c);color:var(--t);display:flex;align-items:center;justify-content:center}
.snd:disabled{opacity:.4;cursor:default}
.cnt{font-size:11px;color:#6b7280;align-self:center}
.cnt.over{color:#b91c1c;font-weight:600}
@media (max-width:480px){
.win{inset:0;width:auto;height:auto;border-radius:0}
.open .ln{display:none}
}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{animation:none!important;transition:none!important}}
`;
