// A classic script that runs even when the walkthrough module cannot: if demo.js did not start by
// the time the page has loaded (pkg/ missing or half-built), say so instead of a silent page.
window.addEventListener('load', () => {
  if (document.documentElement.dataset.demoStarted === 'true') return;
  const message = document.getElementById('check-message');
  message.textContent = 'The demo could not load the anytype-auth package from /pkg/. Run "make build" (or "make demo", which builds it), then reload this page.';
  message.dataset.tone = 'error';
});
