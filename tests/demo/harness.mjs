// Test harness for the demo page: starts the demo server exactly as `make demo` does (a child
// process running scripts/demo-server.mjs), drives Debian's Chromium through playwright-core, and
// keeps a screenshot of the page when a test fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../support/browser.mjs';
export { closedPort } from '../support/net.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** Where a failing test leaves its screenshot. */
export const FAILURE_DIR = `${REPO}test-results/`;
/**
 * Where the step screenshots are written: docs/screenshots/ (shown in docs/demo.md) when UPDATE_SCREENSHOTS=1
 * (`make screenshots`), else test-results/screenshots/, so a plain test run leaves git clean.
 */
export const DOCS_SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? `${REPO}docs/screenshots/` : `${REPO}test-results/screenshots/`;

const READY_LINE = /anytype-auth demo: (http:\/\/127\.0\.0\.1:\d+\/)/;

/**
 * Starts `node scripts/demo-server.mjs` with `env` added (PORT defaults to 0, so parallel runs
 * never collide) and resolves once it prints its URL: `{ url, output(), stop() }`.
 */
export function startDemo(env = {}) {
  const child = spawn(process.execPath, ['scripts/demo-server.mjs'], {
    cwd: REPO,
    env: { ...process.env, ANYTYPE_URL: '', STANDIN_MODE: '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const match = READY_LINE.exec(output);
      if (!match) return;
      child.stdout.off('data', onData);
      resolve({
        url: match[1],
        output: () => output,
        async stop() {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`demo server exited with ${code} before it was ready:\n${output}`)));
  });
}

/** Launches headless Debian Chromium (never a downloaded browser). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** Screen sizes the page must work at: a desktop window and an extension popup. */
export const DESKTOP = { width: 1280, height: 900 };
export const POPUP = { width: 360, height: 740 };

/**
 * Watches `page`: `problems` collects uncaught page errors and Content-Security-Policy violations;
 * `failures` every console error or warning (Chromium logs each answer of status 400 or more as
 * "Failed to load resource"), every answer of status 400 or more, and every request that got no
 * answer, each as one line that names no key or code.
 *
 * Not a failure: a request whose answer arrived and whose body the package then declined, which
 * Chromium reports as `net::ERR_ABORTED` (and nothing reaches the console). checkAnytype never
 * reads the body of its `GET /docs/openapi.json`, nor verifyApiKey that of a `/v1/spaces` check
 * or of whoami's 404; the answer's status is still checked above. Nor is a request the page
 * still had in flight when it was reloaded or left (`net::ERR_ABORTED` too): the simulated
 * Anytype window polls all the time.
 */
export function watchPage(page) {
  const problems = [];
  const failures = [];
  const answered = new WeakSet();
  let documents = 0; // main-frame navigations started so far
  const startedIn = new WeakMap(); // request → the value of `documents` when it started
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents++;
    else startedIn.set(request, documents);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    if (message.type() === 'error' || message.type() === 'warning') failures.push(`console ${message.type()}: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    answered.add(response.request());
    if (response.status() >= 400) failures.push(`HTTP ${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
  });
  page.on('requestfailed', (request) => {
    const aborted = request.failure()?.errorText === 'net::ERR_ABORTED';
    if (aborted && answered.has(request)) return; // an unread body
    if (aborted && startedIn.get(request) < documents) return; // the page it belonged to was left
    failures.push(`request failed: ${request.method()} ${new URL(request.url()).pathname} ${request.failure()?.errorText}`);
  });
  return { problems, failures };
}

/**
 * Opens `url` in a fresh browser context (after `beforeLoad(page)`, e.g. to route requests).
 * Resolves to `{ page, context, problems, failures }` (see watchPage).
 */
export async function openPage(browser, url, { viewport = DESKTOP, colorScheme = 'light', beforeLoad } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', deviceScaleFactor: 1 });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const { problems, failures } = watchPage(page);
  await beforeLoad?.(page);
  await page.goto(url);
  return { page, context, problems, failures };
}

/** A file-name-safe form of a test name. */
function slug(text) {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

/**
 * Runs `body(page)` and, if it throws, saves a full-page screenshot to test-results/ before
 * passing the failure on. The context is always closed.
 */
export async function withScreenshotOnFailure(name, opened, body) {
  try {
    await body(opened.page);
  } catch (error) {
    mkdirSync(FAILURE_DIR, { recursive: true });
    const path = `${FAILURE_DIR}demo-${slug(name)}.png`;
    await opened.page.screenshot({ path, fullPage: true }).catch(() => {});
    error.message += `\n(screenshot: ${path})`;
    throw error;
  } finally {
    await opened.context.close();
  }
}

/**
 * Opens `url` in `browser` and runs `body(page, opened)`, with a screenshot in test-results/ if it
 * fails. Afterwards the page must have had no errors or CSP violations; with `clean`, no failure
 * either (a healthy walkthrough: watchPage); with `expectFailures`, exactly those (in any order,
 * without the console lines' locations). `options` also go to openPage.
 */
export async function runOnPage(browser, name, url, options, body) {
  const opened = await openPage(browser, url, options);
  await withScreenshotOnFailure(name, opened, async (page) => {
    await body(page, opened);
    assert.deepEqual(opened.problems, [], 'the page had errors or CSP violations');
    if (options.expectFailures) assert.deepEqual(opened.failures.map((f) => f.replace(/ \(http[^)]*\)$/, '')).sort(), [...options.expectFailures].sort());
    else if (options.clean) assert.deepEqual(opened.failures, [], 'a healthy walkthrough logs no console error and no failed request');
  });
}

const STATUS_TEXTS = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/**
 * What one answer of `status` to `method path` costs in Chromium, as watchPage writes it: the
 * answer, and the console's "Failed to load resource" line.
 */
export const failedLoad = (status, method, path) => [
  `HTTP ${status} ${method} ${path}`,
  `console error: Failed to load resource: the server responded with a status of ${status} (${STATUS_TEXTS[status]})`,
];

/** Saves a screenshot of the viewport for docs/demo.md. */
export async function docScreenshot(page, name) {
  mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${DOCS_SCREENSHOT_DIR}${name}.png`, animations: 'disabled', caret: 'hide' });
}
