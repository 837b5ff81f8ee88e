// Added to popup.html of the bench's copy of the example extension (bench/extension.mjs), before
// popup.js: sets the mark `make bench` reads when <anytype-pair>'s `state` attribute first leaves
// `checking`, i.e. when its first look for Anytype (checkAnytype, then the keyless whoami that
// tells the generations apart) answered. A classic script, so it observes from the start.
const FIRST_CALL_MARK = 'anytype-auth:first-call'; // bench/chromium.mjs's FIRST_CALL_MARK
new MutationObserver((changes, observer) => {
  if (changes.some(({ target }) => target.localName === 'anytype-pair' && target.getAttribute('state') !== 'checking')) {
    performance.mark(FIRST_CALL_MARK);
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributeFilter: ['state'] });
