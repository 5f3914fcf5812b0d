/** The files chunk's sheet: thumbnails, cards, uploads and the image viewer. */
export const FILES_CSS = `
.fa{max-width:80%;margin:2px 0}
.th{display:block;max-width:100%;padding:0;border:1px solid var(--bd);border-radius:12px;overflow:hidden;background:var(--hv)}
.th img{display:block;width:100%;height:100%;object-fit:cover}
.fc{display:flex;align-items:center;gap:10px;width:250px;max-width:100%;padding:10px 12px;border:1px solid var(--bd);border-radius:12px;background:var(--bg);color:var(--fg);text-align:start;text-decoration:none}
a.fc:hover{background:var(--hv)}
.fc>span:not(.ft){flex:1;min-width:0;display:flex;flex-direction:column}
.fc b{font-weight:600;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;unicode-bidi:plaintext}
.fc small{font-size:12px;color:var(--mu)}
.fc small.bad{color:var(--er)}
.fx{border-style:dashed;background:none}
.fx .ft{opacity:.5}
.ft{flex:none;width:36px;height:36px;border-radius:8px;color:#fff;display:flex;align-items:center;justify-content:center}
.fu .ib{flex:none;width:36px;height:36px;margin-inline-end:-6px;border:0;border-radius:50%;background:none;color:var(--mu);display:flex;align-items:center;justify-content:center}
.fu .ib:hover{background:var(--hv)}
[data-upload-state=failed] .fc{border-color:color-mix(in srgb,var(--er) 50%,var(--bd))}
.pg{display:block;height:4px;margin-top:6px;border-radius:2px;background:var(--bd);overflow:hidden}
.pg i{display:block;height:100%;background:var(--c);transition:width .2s}
.lb{position:fixed;inset:0;z-index:2147483001;display:flex;align-items:center;justify-content:center;padding:56px 16px 16px;background:rgba(0,0,0,.86);color:#fff;cursor:zoom-out}
.lb img{max-width:100%;max-height:100%;object-fit:contain;border-radius:4px;box-shadow:0 8px 40px rgba(0,0,0,.5)}
.lb .ib{position:absolute;top:12px;inset-inline-end:12px;width:40px;height:40px;border:0;border-radius:50%;background:rgba(255,255,255,.14);color:#fff;display:flex;align-items:center;justify-content:center}
.lb .ib:focus-visible{outline-color:#fff}
.pw:has(.lb) .ln{display:none}
`;
