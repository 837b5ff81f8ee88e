// The demo page: `<anytype-pair>` (the package's `anytype-auth/ui`) does the whole pairing, with
// `base-url` set to this page's own origin, because the demo server forwards /v1, /v2 and /docs to
// Anytype (which sends no CORS headers, so a page could not read its answers directly). These
// lines add what is the demo's own: the badge naming the Anytype it talks to, the simulated
// Anytype window when that is the built-in stand-in (with the stand-in's shortened lifetimes
// passed to the element), and how to send the key once paired.
import '/pkg/ui.js';
import { DEFAULTS } from '/pkg/index.js';
import { startSimulatedAnytype } from './simulated-anytype.js';

const $ = (id) => document.getElementById(id);

/** How long the simulated code popup of Anytype before 2026 stays open: `?codeWindowSeconds=`, else 30 s. */
function popupSeconds() {
  const value = Number(new URLSearchParams(location.search).get('codeWindowSeconds'));
  return Number.isInteger(value) && value >= 1 && value <= 600 ? value : 30;
}

function browserName() {
  const ua = navigator.userAgent;
  if (/Firefox\//.test(ua)) return 'Firefox';
  if (/Edg\//.test(ua)) return 'Edge';
  if (/Chrome\//.test(ua)) return 'Chrome';
  if (/Safari\//.test(ua)) return 'Safari';
  return 'browser';
}

/** What the demo server says it talks to (scripts/demo-server.mjs); `{}` if it cannot tell. */
async function loadConfig() {
  try {
    const answer = await fetch('/demo-config.json', { cache: 'no-store' });
    return answer.ok ? await answer.json() : {};
  } catch {
    return {};
  }
}

/**
 * The request an app sends with the key, on /v2 for a key /v1 refuses (a narrowed one); the key
 * shows as its last four characters only.
 */
function showSnippet(apiKey, narrowed, target) {
  const masked = `${'•'.repeat(8)}${apiKey.slice(-4)}`;
  const version = narrowed ? 'v2' : 'v1';
  $('snippet').textContent = `fetch("${target}/${version}/spaces", {\n  headers: {\n    "Authorization": "Bearer ${masked}",\n    "Anytype-Version": "${DEFAULTS.apiVersion}"\n  }\n})`;
  $('key-use').hidden = false;
}

async function start() {
  document.documentElement.dataset.demoStarted = 'true'; // see load-check.js
  $('check-message').hidden = true;
  const config = await loadConfig();
  const pair = document.createElement('anytype-pair');
  pair.setAttribute('app-name', `anytype-auth demo (${browserName()})`);
  pair.setAttribute('base-url', location.origin);
  const lifetimes = { codeMsV047: popupSeconds() * 1000 };
  if (config.ttls) Object.assign(lifetimes, { pendingMs: config.ttls.pendingTtlMs, codeMs: config.ttls.codeTtlMs });
  pair.flowOptions = { lifetimes };
  const badge = $('target-badge');
  if (config.simulated) {
    badge.textContent = `Simulated Anytype · ${config.mode} mode`;
    document.documentElement.classList.add('simulated');
    $('simulated-banner').hidden = false;
    $('anytype-slot').hidden = false;
    const codeMs = config.mode === 'current' ? config.ttls.codeTtlMs : lifetimes.codeMsV047;
    startSimulatedAnytype($('anytype-window'), { mode: config.mode, codeMs }).catch(() => {});
  } else if (config.target) {
    badge.textContent = `Anytype at ${config.target.replace(/^https?:\/\//, '')}`;
  }
  badge.hidden = !badge.textContent;
  const target = config.target ?? DEFAULTS.baseUrl;
  pair.addEventListener('anytype-paired', ({ detail }) => showSnippet(detail.apiKey, pair.controller.snapshot.key?.narrowed, target));
  pair.addEventListener('anytype-forgotten', () => ($('key-use').hidden = true));
  $('pair-slot').append(pair);
}

start();
