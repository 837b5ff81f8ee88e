// The code part of the simulated Anytype window: the 4 digits and how long they stay. Two styles,
// one per generation of the desktop app:
//
// - `popup` (before 2026): "Grant Limited Access" with the code, which closes itself after 30 s,
//   as anytype-ts's popup does;
// - `approved` (2026): after Allow, "enter this code in <app>", valid for 5 minutes.
//
// It is only a view: simulated-anytype.js decides when to show and close it.
import { minutesAndSeconds } from './time-text.js';

const STYLES = Object.freeze({
  popup: {
    title: () => 'Grant Limited Access',
    text: () => 'An app asks to use your Anytype. Type this code in the app to allow it.',
    remaining: (ms) => `Closes in ${Math.ceil(ms / 1000)} s`,
  },
  approved: {
    title: () => 'Allowed',
    text: (appName) => `Enter this code in “${appName}”.`,
    remaining: (ms) => `Valid for ${minutesAndSeconds(ms)}`,
  },
});

/**
 * Drives the code pane `pane` (see index.html, `[data-code]`). `onClosed()` runs whenever the code
 * is taken away (its time ran out, it was used, or the person closed it).
 */
export function createCodeWindow(pane, { onClosed = () => {} } = {}) {
  const title = pane.querySelector('[data-code-title]');
  const text = pane.querySelector('[data-code-text]');
  const digitsBox = pane.querySelector('[data-code-digits]');
  const remaining = pane.querySelector('[data-code-remaining]');
  const bar = pane.querySelector('[data-code-bar]');

  let shown = null; // { challengeId, closesAt, lifetimeMs, style, timer }

  const close = () => {
    if (!shown) return;
    clearInterval(shown.timer);
    shown = null;
    pane.hidden = true;
    digitsBox.replaceChildren();
    onClosed();
  };

  const tick = () => {
    if (!shown) return;
    const left = Math.max(0, shown.closesAt - Date.now());
    remaining.textContent = STYLES[shown.style].remaining(left);
    bar.style.transform = `scaleX(${left / shown.lifetimeMs})`;
    if (left === 0) close();
  };

  return {
    /**
     * Shows `code` for `challengeId` for `lifetimeMs` from now (or until `closesAt`, ms since the
     * epoch, when the code was shown before), in `style` (`popup` or `approved`).
     */
    show({ challengeId, code, appName = '', lifetimeMs, style, closesAt = Date.now() + lifetimeMs }) {
      if (shown) {
        clearInterval(shown.timer);
        shown = null;
      }
      title.textContent = STYLES[style].title(appName);
      text.textContent = STYLES[style].text(appName);
      digitsBox.replaceChildren(
        ...[...code].map((digit) => {
          const span = document.createElement('span');
          span.textContent = digit;
          return span;
        }),
      );
      shown = { challengeId, closesAt, lifetimeMs, style, timer: setInterval(tick, 250) };
      pane.hidden = false;
      tick();
    },
    close,
    /** The challenge whose code is shown, or null. */
    shownChallenge: () => shown?.challengeId ?? null,
  };
}
