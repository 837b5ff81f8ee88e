// The example's popup: <anytype-pair> does the whole pairing, keeps the pending request in
// chrome.storage.session and the key in chrome.storage.local (key-storage="local"). These lines
// add what is the extension's own: the grant kept beside the key, the Anytype address the person
// uses kept for the next opening, and the element added only once the origin rule covers this
// extension's requests (origin-rule.js: at once in Chromium, after a session rule in Firefox).
import './vendor/anytype-auth/ui.js';
import { originRuleReady } from './origin-rule.js';

const GRANT = 'anytype-auth:grant';
const [{ baseUrl }] = await Promise.all([chrome.storage.local.get('baseUrl'), originRuleReady()]);
const pair = document.createElement('anytype-pair');
pair.setAttribute('app-name', 'anytype-auth example extension');
pair.setAttribute('key-storage', 'local');
if (baseUrl) pair.setAttribute('base-url', baseUrl);
pair.addEventListener('anytype-paired', ({ detail }) => chrome.storage.local.set({ [GRANT]: detail.grant }));
pair.addEventListener('anytype-forgotten', () => chrome.storage.local.remove(GRANT));
document.body.append(pair);
let saved = pair.controller.snapshot.baseUrl;
pair.controller.subscribe((s) => s.baseUrl !== saved && chrome.storage.local.set({ baseUrl: (saved = s.baseUrl) }));
