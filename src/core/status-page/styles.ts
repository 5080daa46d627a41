/**
 * The status page's style sheet, inlined in the page: no font, image or script is fetched, so the
 * page is one request and works from a file. System fonts; light and dark schemes from the
 * reader's setting. Every text colour keeps at least 4.5:1 contrast against its background in
 * both schemes (WCAG AA); the browser test measures it.
 */
export const STATUS_PAGE_CSS = `
:root{color-scheme:light dark;
--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--surface:#f6f8fa;--border:#d1d9e0;--link:#0550ae;
--now-bg:#ddf4ff;--now-edge:#0969da;--badge-bg:#0550ae;--badge-fg:#ffffff;
--warn-bg:#fff8c5;--warn-edge:#bf8700;--ok-bg:#dafbe1;--ok-fg:#116329;--ok-edge:#1a7f37;
--sev1-bg:#ffebe9;--sev1-fg:#82071e;--sev2-bg:#fff1e5;--sev2-fg:#953800;--sev3-bg:#fff8c5;--sev3-fg:#6c4400}
@media (prefers-color-scheme:dark){:root{
--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--surface:#151b23;--border:#3d444d;--link:#58a6ff;
--now-bg:#10264a;--now-edge:#4493f8;--badge-bg:#1158c7;--badge-fg:#ffffff;
--warn-bg:#2b2111;--warn-edge:#bb8009;--ok-bg:#0f2a1b;--ok-fg:#7ee2a0;--ok-edge:#2ea043;
--sev1-bg:#3c1618;--sev1-fg:#ffa198;--sev2-bg:#3b2113;--sev2-fg:#ffb77c;--sev3-bg:#332a0c;--sev3-fg:#e3b341}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);line-height:1.5;
font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Helvetica,Arial,sans-serif}
a{color:var(--link);text-underline-offset:.15em}
a:focus-visible,.scroll:focus-visible,summary:focus-visible{outline:2px solid var(--now-edge);outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px;top:.5rem;background:var(--bg);padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--border);background:var(--surface);padding:1.25rem 0 .75rem}
.eyebrow{margin:0;color:var(--muted);font-size:.9rem}
h1{margin:.1rem 0 .25rem;font-size:1.75rem;line-height:1.2}
h2{margin:2.25rem 0 .75rem;font-size:1.35rem;line-height:1.25;padding-bottom:.3rem;border-bottom:1px solid var(--border)}
h3{margin:1.5rem 0 .5rem;font-size:1.1rem}
.built{margin:0;color:var(--muted)}
nav ul{list-style:none;margin:.75rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
time{white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(19rem,1fr));gap:1rem}
.card{border:1px solid var(--border);border-left:4px solid var(--now-edge);border-radius:6px;padding:.75rem 1rem;background:var(--bg)}
.card.gap{border-left-color:var(--warn-edge)}
.card h3{margin:0 0 .5rem;font-size:1.15rem}
.oncall{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;align-items:baseline}
.oncall dt{color:var(--muted);font-size:.85rem;text-transform:uppercase;letter-spacing:.04em}
.oncall dd{margin:0}
.who{font-size:1.15rem;font-weight:600}
.login,.details,.meta,.note{color:var(--muted)}
.login,.details{font-size:.9rem}
.details{display:block}
.meta,.next{margin:.6rem 0 0;font-size:.95rem}
.cover{display:block;font-size:.875rem;margin-top:.15rem}
td .cover{color:var(--fg)}
td .cover::before{content:"↳ " / "";color:var(--muted)}
.notice{border:1px solid var(--warn-edge);border-left-width:4px;background:var(--warn-bg);border-radius:6px;padding:.6rem .9rem;margin:.5rem 0}
.ok{border:1px solid var(--ok-edge);border-left-width:4px;background:var(--ok-bg);color:var(--ok-fg);border-radius:6px;padding:.6rem .9rem;margin:.5rem 0}
.ok a{color:inherit}
.scroll{overflow-x:auto;margin:.5rem 0}
table{border-collapse:collapse;width:100%;font-size:.95rem;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:.25rem 0 .5rem;caption-side:top}
th,td{text-align:left;vertical-align:top;padding:.4rem .65rem;border-bottom:1px solid var(--border)}
thead th{background:var(--surface);font-size:.85rem;white-space:nowrap}
tbody th{font-weight:400}
.num{text-align:right}
tr.current{background:var(--now-bg)}
tr.current>*:first-child{box-shadow:inset 4px 0 0 var(--now-edge)}
.badge{display:inline-block;margin-left:.35rem;padding:0 .45rem;border-radius:1rem;background:var(--badge-bg);color:var(--badge-fg);font-size:.75rem;font-weight:600;vertical-align:.1em}
.sev{display:inline-block;padding:0 .45rem;border-radius:1rem;font-weight:600;font-size:.85rem;white-space:nowrap}
.sev1{background:var(--sev1-bg);color:var(--sev1-fg)}
.sev2{background:var(--sev2-bg);color:var(--sev2-fg)}
.sev3{background:var(--sev3-bg);color:var(--sev3-fg)}
.sev0{border:1px solid var(--border)}
.rotation-meta{color:var(--muted);margin:0 0 .5rem}
.feeds{padding-left:1.25rem}
.feeds li{margin:.3rem 0}
code{font:.85rem/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:600}
.people{columns:15rem;padding-left:1.25rem;margin:.5rem 0}
.people li{break-inside:avoid;margin:.15rem 0}
footer{margin-top:3rem;border-top:1px solid var(--border);background:var(--surface);padding:1rem 0 2rem;color:var(--muted);font-size:.9rem}
footer p{margin:.3rem 0}
`
  .trim()
  .replace(/\n/g, '');
