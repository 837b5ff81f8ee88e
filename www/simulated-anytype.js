// The simulated Anytype window, shown only when the demo talks to its built-in stand-in: it plays
// the desktop app's part, reading the stand-in's state through its control endpoints
// (standin-control.js) a few times a second, as the real app would react to a pairing request.
//
// - Today's Anytype (stand-in mode `current`): a waiting request opens the approval form
//   (approval-window.js), one request at a time, oldest first. Allow sends the person's choice of
//   spaces and access to the stand-in and shows the code it minted, for the code's lifetime
//   (code-window.js); Deny drops the request. The form closes by itself when the request lapses
//   or is replaced, the code when it is used, runs out or is replaced.
// - Anytype before 2026 (`v0.47`, `gate`): each new request shows its code at once, in a popup
//   that closes itself after 30 s or once the code is used. In gate mode, revealing the code is
//   the person's Allow.
import { createApprovalWindow } from './approval-window.js';
import { createCodeWindow } from './code-window.js';
import { accountSpaces, approve, deny, liveChallenges, pendingRequests, revealCode } from './standin-control.js';

/** How often the window asks the stand-in what changed. */
const POLL_MS = 400;

/**
 * The code the window shows after Allow, so that it shows it again after a reload of the page, as
 * Anytype's own window stays open: `{ challengeId, appName, approvedAt }` in sessionStorage. The
 * code itself is read from the stand-in again, never stored.
 */
const SHOWN_CODE_KEY = 'anytype-auth-demo:simulated-code';

function rememberShownCode(shown) {
  try {
    if (shown) sessionStorage.setItem(SHOWN_CODE_KEY, JSON.stringify(shown));
    else sessionStorage.removeItem(SHOWN_CODE_KEY);
  } catch {
    // Without storage the window simply forgets the code on a reload.
  }
}

function shownCodeBefore() {
  try {
    return JSON.parse(sessionStorage.getItem(SHOWN_CODE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/**
 * Starts the window `element` (see index.html, `#anytype-window`) for the stand-in `mode`.
 * `codeMs` is how long a code is shown: the stand-in's code lifetime today, the popup's 30 s
 * before 2026.
 */
export async function startSimulatedAnytype(element, { mode, codeMs }) {
  const approvalForm = element.querySelector('[data-approval]');
  const codePane = element.querySelector('[data-code]');
  const closeButton = element.querySelector('[data-window-close]');

  /** The window shows while either part does; it scrolls into view when it opens (narrow layouts). */
  const updateWindow = () => {
    const wasHidden = element.hidden;
    element.hidden = approvalForm.hidden && codePane.hidden;
    closeButton.hidden = !approvalForm.hidden;
    if (wasHidden && !element.hidden) element.scrollIntoView({ block: 'nearest' });
  };
  const codeWindow = createCodeWindow(codePane, {
    onClosed() {
      rememberShownCode(null);
      updateWindow();
    },
  });
  closeButton.addEventListener('click', () => codeWindow.close());

  const poll = mode === 'current' ? await approvalPoller(approvalForm, codeWindow, codePane, updateWindow, codeMs) : await popupPoller(codeWindow, updateWindow, codeMs);
  const loop = async () => {
    try {
      await poll();
    } catch {
      // The stand-in went away with the demo server; the page itself reports that.
    }
    setTimeout(loop, POLL_MS);
  };
  loop();
}

/** Today's Anytype: the approval form for waiting requests, then the code after Allow. */
async function approvalPoller(approvalForm, codeWindow, codePane, updateWindow, codeMs) {
  const spaces = await accountSpaces();
  const approval = createApprovalWindow(approvalForm, {
    spaces,
    async onAllow(request, chosen, permission) {
      let code;
      try {
        code = await approve(request.challenge_id, chosen, permission);
      } catch {
        approval.close(); // it lapsed or was replaced meanwhile
        updateWindow();
        return;
      }
      approval.close();
      codeWindow.show({ challengeId: request.challenge_id, code, appName: request.app_name, lifetimeMs: codeMs, style: 'approved' });
      rememberShownCode({ challengeId: request.challenge_id, appName: request.app_name, approvedAt: Date.now() });
      updateWindow();
      codePane.querySelector('[data-code-title]').focus();
    },
    async onDeny(request) {
      await deny(request.challenge_id).catch(() => {});
      approval.close();
      updateWindow();
    },
  });

  // A code shown before the page reloaded is still on screen in Anytype: show it again.
  const before = shownCodeBefore();
  const stillLive = before && (await liveChallenges()).find((c) => c.challenge_id === before.challengeId && c.approved);
  if (stillLive) {
    codeWindow.show({ challengeId: before.challengeId, code: stillLive.code, appName: before.appName, lifetimeMs: codeMs, closesAt: before.approvedAt + codeMs, style: 'approved' });
    updateWindow();
  } else {
    rememberShownCode(null);
  }

  return async () => {
    const pending = await pendingRequests();
    const asked = approval.shownRequest();
    if (asked && !pending.some((request) => request.challenge_id === asked)) approval.close(); // lapsed or replaced
    if (!approval.shownRequest() && pending.length > 0) {
      codeWindow.close(); // a new request from the same app replaces the code it was shown
      approval.show(pending[0]);
    }
    const showing = codeWindow.shownChallenge();
    if (showing && !(await liveChallenges()).some((c) => c.challenge_id === showing)) codeWindow.close(); // used, run out, replaced
    updateWindow();
  };
}

/** Anytype before 2026: a popup with the code of each new request. */
async function popupPoller(codeWindow, updateWindow, codeMs) {
  // Requests made before the page opened are not shown: Anytype pops up only when one arrives.
  let seenSeq = Math.max(0, ...(await liveChallenges()).map((c) => c.seq));
  return async () => {
    const challenges = await liveChallenges();
    const showing = codeWindow.shownChallenge();
    if (showing && !challenges.some((c) => c.challenge_id === showing)) codeWindow.close(); // used: Anytype hides it
    const newest = challenges.filter((c) => c.seq > seenSeq).at(-1);
    if (newest) {
      seenSeq = Math.max(...challenges.map((c) => c.seq));
      // Asking for the code is the stand-in's "Allow" in gate mode, as a person's click.
      const { code } = await revealCode(newest.challenge_id);
      codeWindow.show({ challengeId: newest.challenge_id, code, appName: newest.app_name, lifetimeMs: codeMs, style: 'popup' });
    }
    updateWindow();
  };
}
