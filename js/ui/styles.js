// The look of `<anytype-pair>`: one constructable stylesheet adopted by each shadow root (no
// <style> element and no style attribute, so it works under `style-src 'self'` and an MV3 CSP).
// Colours, radius and font are custom properties; light and dark follow prefers-color-scheme.

const CSS = `
:host{--anytype-pair-bg:#fff;--anytype-pair-fg:#1b1b1f;--anytype-pair-muted:#4a4a55;--anytype-pair-accent:#0b57d0;--anytype-pair-accent-fg:#fff;--anytype-pair-danger:#b3261e;--anytype-pair-warning-bg:#fff4e0;--anytype-pair-border:#767680;--anytype-pair-radius:8px;--anytype-pair-font:system-ui,sans-serif;
display:block;box-sizing:border-box;max-width:100%;padding:16px;background:var(--anytype-pair-bg);color:var(--anytype-pair-fg);font:15px/1.45 var(--anytype-pair-font);border-radius:var(--anytype-pair-radius);overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){:host{--anytype-pair-bg:#1b1b1f;--anytype-pair-fg:#f1f1f4;--anytype-pair-muted:#c4c4cc;--anytype-pair-accent:#a8c7fa;--anytype-pair-accent-fg:#062e6f;--anytype-pair-danger:#ffb4ab;--anytype-pair-warning-bg:#3d2e12;--anytype-pair-border:#9a9aa4}}
:host([hidden]){display:none}
*{box-sizing:border-box}
[hidden]{display:none!important}
h2{margin:0 0 8px;font-size:1.15em}
p{margin:0 0 8px}
.muted{color:var(--anytype-pair-muted)}
form,.row{display:flex;flex-wrap:wrap;gap:8px;align-items:end;margin:0 0 10px}
label{display:block;width:100%;font-weight:600}
input{flex:1 1 10em;min-width:0;padding:8px 10px;font:inherit;color:inherit;background:transparent;border:1px solid var(--anytype-pair-border);border-radius:var(--anytype-pair-radius)}
input[inputmode=numeric]{flex:0 1 8em;letter-spacing:.3em;font-variant-numeric:tabular-nums}
button{padding:8px 14px;font:inherit;font-weight:600;color:var(--anytype-pair-accent-fg);background:var(--anytype-pair-accent);border:1px solid var(--anytype-pair-accent);border-radius:var(--anytype-pair-radius);cursor:pointer}
button.secondary{color:var(--anytype-pair-accent);background:transparent}
button:disabled{opacity:.6;cursor:default}
:focus-visible{outline:3px solid var(--anytype-pair-accent);outline-offset:2px}
[part~=problem]{color:var(--anytype-pair-danger);font-weight:600}
ol{margin:0 0 10px;padding-left:1.3em}
[part~=warning]{padding:8px 10px;background:var(--anytype-pair-warning-bg);border-radius:var(--anytype-pair-radius)}
code{font-family:ui-monospace,monospace;word-break:break-all}
details{margin-top:8px}summary{cursor:pointer;font-weight:600;margin-bottom:8px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

let sheet;
/** The shared stylesheet (made on first use). */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}
