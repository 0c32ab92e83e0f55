// Debian's Chromium driven by playwright-core (no downloaded browsers here).

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launchChromium() {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (scripts/test does this)`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A page that collects its console errors and uncaught exceptions, and records
 * every `input` event a textarea receives (value and whether a script fired it)
 * in window.__inputEvents, installed before any page script runs.
 */
export async function newRecordingPage(browser, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    window.__inputEvents = [];
    document.addEventListener('input', (event) => {
      if (event.target instanceof HTMLTextAreaElement) {
        window.__inputEvents.push({ id: event.target.id, value: event.target.value, bubbles: event.bubbles, trusted: event.isTrusted });
      }
    });
  });
  return page;
}

/** Values the textarea `id` received through script-fired (not typed) input events, in order. */
export function inputValues(page, id) {
  return page.evaluate((textareaId) => window.__inputEvents.filter((e) => e.id === textareaId && !e.trusted).map((e) => e.value), id);
}

/** Opens the demo page and connects it as `user`; resolves once the relay acknowledged. */
export async function openDemo(page, baseUrl, user) {
  await page.goto(baseUrl);
  await page.fill('#user-id', user);
  await page.click('#connect-btn');
  await page.waitForSelector('#connection-state[data-state="connected"]');
}

/** Waits until the textarea holds exactly `value`. */
export function waitForValue(page, id, value, timeout = 30000) {
  return page.waitForFunction(([textareaId, expected]) => document.getElementById(textareaId)?.value === expected, [id, value], { timeout });
}
