// The declarativeNetRequest rule of rules.json, for whichever browser runs the example.
//
// rules.json is a static rule scoped to this extension with `initiatorDomains`, which must name
// the host of the extension's own origin. In Chromium that is the extension id, which the
// manifest's `key` fixes, so the static rule already covers every request, from the first one.
// In Firefox the origin is moz-extension://<UUID>, a random UUID per install that no file can
// name: there the same rule is added as a session rule naming this install's UUID.
// `originRuleReady()` resolves once the rule covers this extension's requests; popup.js waits
// for it before it adds <anytype-pair>, so no request goes out before it.

const RULES_FILE = 'rules.json';

let ready = null;

/** Resolves once this extension's requests to Anytype get past its origin check (see above). */
export function originRuleReady() {
  ready ??= addSessionRuleIfNeeded().catch((error) => {
    ready = null; // try again on the next request
    throw error;
  });
  return ready;
}

async function addSessionRuleIfNeeded() {
  const rules = await (await fetch(chrome.runtime.getURL(RULES_FILE))).json();
  const own = location.host; // the extension id in Chromium, this install's UUID in Firefox
  const missing = rules.filter(({ condition }) => condition.initiatorDomains && !condition.initiatorDomains.includes(own));
  if (missing.length === 0) return;
  await chrome.declarativeNetRequest.updateSessionRules({
    removeRuleIds: missing.map((rule) => rule.id),
    addRules: missing.map((rule) => ({ ...rule, condition: { ...rule.condition, initiatorDomains: [own] } })),
  });
}
