// How `make bench` starts Chromium: Debian's /usr/bin/chromium under playwright-core, headless,
// with the flags below (shared by the bench page in bench/run.mjs and the example extension in
// bench/extension.mjs).

/** Debian's Chromium (never a browser download). */
export const EXECUTABLE_PATH = '/usr/bin/chromium';

/** Headless, quiet, no network chatter of its own. */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/**
 * The bench page's extra flag. Anytype sends no CORS headers; extension pages with
 * host_permissions read its answers without CORS checks or preflights, and the bench page, a
 * plain http:// page, gets the same treatment this way. The extension bench does not use it.
 */
export const PAGE_ARGS = Object.freeze([...CHROMIUM_ARGS, '--disable-web-security']);

/** The mark a page sets when its first call resolved: its startTime counts from navigation start. */
export const FIRST_CALL_MARK = 'anytype-auth:first-call';
