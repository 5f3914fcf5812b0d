/** The sheet of the lazily loaded parts: form cards, the offline screens, the rating, the transcript sheet. */
export const EXTRAS_CSS = `
.card{align-self:stretch;flex:none;margin:8px 0 4px;padding:14px;background:var(--bg);border:1px solid var(--bd);border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.ci{margin:0 0 12px;unicode-bidi:plaintext}
.fl{display:block;margin-bottom:12px}
.fl>span{display:block;margin-bottom:4px;font-size:13px;font-weight:600}
.fl>span small{font-weight:400;color:var(--mu)}
.fl>span i{color:var(--er);font-style:normal}
.fl input,.fl select,.fl textarea{display:block;width:100%;padding:8px 10px;border:1px solid var(--bd);border-radius:8px;background:var(--bg);color:var(--fg);font:inherit;outline:0}
.fl textarea{resize:vertical;min-height:84px}
.fl :is(input,select,textarea):focus{border-color:var(--cr);box-shadow:0 0 0 3px color-mix(in srgb,var(--cr) 22%,transparent)}
.fl [aria-invalid=true],.fl [aria-invalid=true]:focus{border-color:var(--er)}
.fl [aria-invalid=true]:focus{box-shadow:0 0 0 3px color-mix(in srgb,var(--er) 20%,transparent)}
.fe{margin:4px 0 0;font-size:12px;color:var(--er)}
.wide{display:block;width:100%;margin-top:4px}
.off{flex:1;overflow-y:auto;padding:18px 14px;background:var(--bg2);overscroll-behavior:contain}
.off h2,.done h2{margin:0 0 4px;font-size:17px}
.off .card{margin-top:14px}
.oi{margin:0;white-space:pre-wrap;unicode-bidi:plaintext}
.when{display:flex;align-items:center;gap:6px;margin:8px 0 0;color:var(--mu);font-size:13px}
.done{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:6px;padding:24px;text-align:center;background:var(--bg2)}
.done>svg{color:var(--ok)}
.done p{margin:0 0 8px;color:var(--mu)}
.csat{text-align:center}
.csat b{display:block}
.stars{display:flex;justify-content:center;gap:4px;margin:8px 0 0;padding:0;border:0}
.stars label{display:flex;padding:2px;color:var(--bd);cursor:pointer;transition:transform .1s}
.stars label:hover{transform:scale(1.12)}
.stars .on{color:#f59e0b}
.stars input{position:absolute;opacity:0;width:1px;height:1px}
.stars input:focus-visible+svg{outline:2px solid var(--cr);outline-offset:2px;border-radius:4px}
.sl{min-height:18px;margin-bottom:6px;font-size:12px;color:var(--mu)}
.csat textarea{display:block;width:100%;min-height:60px;margin-bottom:4px;padding:8px 10px;border:1px solid var(--bd);border-radius:8px;background:var(--bg);color:var(--fg);font:inherit;resize:vertical;outline:0}
.csat textarea:focus{border-color:var(--cr)}
.sheet{position:absolute;inset:0;z-index:3;display:flex;flex-direction:column;justify-content:flex-end;background:rgba(0,0,0,.35)}
.sheet .card{margin:0;border:0;border-radius:14px 14px 0 0;box-shadow:0 -6px 24px rgba(0,0,0,.2)}
.acts{display:flex;justify-content:flex-end;gap:8px}
.lnk{margin-top:8px;padding:9px 12px;border:0;border-radius:8px;background:none;color:var(--mu)}
.lnk:hover{background:var(--hv)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
