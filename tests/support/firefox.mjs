// Shared by the Firefox-driven Node tests: Debian's firefox-esr (never a downloaded browser)
// through puppeteer-core over WebDriver BiDi.
import { readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';

/** Debian's Firefox ESR, which scripts/setup.sh installs (`FIREFOX=…` picks another binary). */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * Preferences on top of puppeteer's own (which already point Firefox's update, telemetry and
 * blocklist services at a dummy host): anything Firefox would still send off this machine goes to
 * a proxy on a closed loopback port and fails there. Loopback itself is never proxied
 * (`network.proxy.allow_hijacking_localhost` stays false), so the pages and servers under test are
 * reached directly. The same file gives geckodriver these prefs (`make test-firefox`).
 */
export const FIREFOX_PREFS = JSON.parse(readFileSync(new URL('./firefox-webdriver.json', import.meta.url), 'utf8'))['moz:firefoxOptions'].prefs;

/**
 * Launches headless Firefox. `prefs` are added to FIREFOX_PREFS; `args` go to Firefox (e.g.
 * `--remote-allow-system-access`, which the extension tests need to script moz-extension pages).
 */
export function launchFirefox({ prefs = {}, args = [] } = {}) {
  return puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    args,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
  });
}
