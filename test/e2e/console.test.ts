import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type HostProcess } from '../support/hostProcess.js';

/**
 * The local console in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * pick an identity, create exports, watch them progress live, download, cancel, retry — with the
 * keyboard and by accessible names — and the contrast of every text on the page. Screenshots are
 * saved to reports/console/ as test artifacts.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const ARTIFACTS = resolve(__dirname, '..', '..', 'reports', 'console');
const inCi = Boolean(process.env.CI);
const missing = 'Chromium not found (apt-get install chromium; or set CHROMIUM_PATH)';
if (!CHROMIUM) {
  if (inCi) throw new Error(`test/e2e/console.test.ts: ${missing}; .ci/run installs it`);
  console.warn(`test/e2e/console.test.ts SKIPPED: ${missing}`);
}

// In-page checks, as scripts (they run in the browser, not in this process).
/** Form controls with no accessible name (no label, no aria-label, no text). */
const UNLABELLED_CONTROLS = `[...document.querySelectorAll('input, select, button')]
  .filter((e) => !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label') && !(e.textContent || '').trim())
  .map((e) => e.outerHTML.slice(0, 80))`;

/** Visible texts whose contrast with their background is under WCAG AA's 4.5:1. */
const LOW_CONTRAST_TEXTS = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b]
    .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c[3] === undefined || c[3] > 0)) return c;
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent || '').trim());
    const style = getComputedStyle(el);
    if (!own || style.visibility === 'hidden' || el.offsetParent === null || el.closest('.visually-hidden')) continue;
    const a = lum(rgb(style.color));
    const b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) bad.push(el.tagName + ' "' + (el.textContent || '').trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return bad;
})()`;

let host: HostProcess;
let browser: Browser;
let page: Page;

const shot = async (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

describe.skipIf(!CHROMIUM)('local console in headless Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    host = await startHost({
      SEED_SESSIONS: '40000',
      SEED_USERS: '200',
      EXPORT_PAGE_SIZE: '20',
      EXPORT_PROGRESS_INTERVAL_MS: '100',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM!,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('signs in with a picked organization and role, using only the keyboard', async () => {
    await page.goto(`${host.origin}/`);
    await expect.poll(() => page.getByText(/Signed in as console-user \(Admin\) of Acme/).count()).toBe(1);
    // Keyboard: the skip link comes first, then the identity form's controls in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe('Skip to the exports');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('org');
    await page.keyboard.press('ArrowDown'); // Globex
    await page.keyboard.press('Tab');
    await page.keyboard.type('M'); // Manager
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('mia');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#whoami').textContent()).toBe('Signed in as mia (Manager) of Globex.');
    // Back to Acme's Admin for the rest.
    await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Acme' });
    await page.getByLabel('Role', { exact: true }).selectOption('Admin');
    await page.getByLabel('User id', { exact: true }).fill('console-admin');
    await page.getByRole('button', { name: 'Use this identity' }).click();
    await expect.poll(() => page.locator('#whoami').textContent()).toBe('Signed in as console-admin (Admin) of Acme.');
  }, 60_000);

  it('creates an export and shows its progress live until it completes, then downloads the file', async () => {
    await page.getByLabel('Dataset', { exact: true }).selectOption('sessions');
    await page.getByLabel('Format', { exact: true }).selectOption('csv');
    await page.getByLabel('From', { exact: true }).fill('2026-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-06-30');
    await page.getByRole('button', { name: 'Create export' }).click();
    const bar = page.getByRole('progressbar', { name: 'Progress of sessions csv 2026-01-01 to 2026-06-30' });
    // Live: the bar moves between 0 and 100 before the job completes (events, not a reload).
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const now = Number((await bar.getAttribute('aria-valuenow')) ?? -1);
          seen.add(now);
          return now;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(100);
    expect(
      [...seen].some((v) => v > 0 && v < 100),
      `values seen: ${[...seen].join(', ')}`,
    ).toBe(true);
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/Completed/);
    await shot('completed');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download sessions csv 2026-01-01 to 2026-06-30' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('sessions_2026-01-01_2026-06-30.csv');
    const saved = join(ARTIFACTS, file.suggestedFilename());
    await file.saveAs(saved);
    const text = readFileSync(saved, 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFSession ID,User ID,User email,Started at (UTC),Ended at (UTC),Duration (s),Page views,Bounced,Device,Browser,Country,Entry page',
    );
  }, 90_000);

  it('cancels a running export and retries it from the list', async () => {
    await page.getByLabel('Format', { exact: true }).selectOption('json');
    await page.getByRole('button', { name: 'Create export' }).click();
    const name = 'sessions json 2026-01-01 to 2026-06-30';
    const row = page.locator('#jobs tbody tr', { hasText: name }).first();
    await expect.poll(() => row.locator('td').nth(2).textContent(), { timeout: 30_000, interval: 50 }).toBe('Processing');
    await shot('running');
    await page.getByRole('button', { name: `Cancel ${name}` }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent()).toBe('Cancelled');
    await page
      .getByRole('button', { name: `Retry ${name}` })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#announcer').textContent()).toMatch(/retried as a new export/);
    // The retry is a new row that completes.
    await expect
      .poll(async () => page.locator('#jobs tbody tr', { hasText: name }).locator('td:nth-child(3)').allTextContents(), {
        timeout: 60_000,
      })
      .toEqual(['Completed', 'Cancelled']);
    await page.getByRole('button', { name: 'Refresh the list' }).click();
    expect(await page.locator('#jobs tbody tr').count()).toBe(3);
    await shot('list');
  }, 120_000);

  it('shows a refused request’s problem, labels every control, and keeps every text at WCAG AA contrast', async () => {
    await page.getByLabel('From', { exact: true }).fill('2026-03-01');
    await page.getByLabel('To', { exact: true }).fill('2026-01-01');
    await page.getByRole('button', { name: 'Create export' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/VALIDATION_FAILED/);
    await shot('problem');
    const unlabelled = await page.evaluate<string[]>(UNLABELLED_CONTROLS);
    expect(unlabelled).toEqual([]);
    const lowContrast = await page.evaluate<string[]>(LOW_CONTRAST_TEXTS);
    expect(lowContrast).toEqual([]);
    // The check itself can fail: a pale grey text on white is caught.
    // (Styled through the CSSOM: the page's CSP refuses inline style attributes.)
    await page.evaluate(
      `(() => { const p = document.createElement('p'); p.id = 'pale'; p.textContent = 'pale'; p.style.color = '#b0b0b0'; document.querySelector('main').append(p); })()`,
    );
    expect(await page.evaluate<string[]>(LOW_CONTRAST_TEXTS)).toEqual([expect.stringMatching(/^P "pale" 2\.\d+$/)]);
    await page.evaluate(`document.getElementById('pale').remove()`);
  }, 60_000);
});
