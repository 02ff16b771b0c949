// What the browser tests run against, all real and all on 127.0.0.1: the vitrine binary on
// a temporary SQLite database and a random port, a check target the test can stop, and
// Debian's Chromium driven by playwright-core. Everything started here is stopped by
// stopAll() (the tests call it in `after`, which runs also when a test fails).
import { execFileSync, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as nodeTest } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '..', '..');
const BIN = process.env['VITRINE_BIN'] ?? join(ROOT, 'build', 'release', 'server', 'vitrine');
/** Screenshots and failure captures: test artifacts (make test keeps them). */
export const ARTIFACTS = process.env['VITRINE_E2E_ARTIFACTS'] ?? join(ROOT, 'build', 'e2e-artifacts');

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };
export const PASSWORD = ADMIN.password;

const cleanups = [];
const openPages = [];

/** node:test's test(), capturing every open page (screenshot and text) when it fails. */
export function test(name, optionsOrFn, maybeFn) {
  const fn = maybeFn ?? optionsOrFn;
  const options = maybeFn ? optionsOrFn : {};
  return nodeTest(name, options, async (t) => {
    try {
      await fn(t);
    } catch (error) {
      const slug = name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
      for (const [i, page] of openPages.entries()) {
        if (!page.isClosed()) {
          await screenshot(page, `FAILED-${slug}-${i}`).catch(() => undefined);
          const text = await page.locator('body').innerText().catch(() => '');
          console.error(`--- page ${i} (${page.url()}) at the failure:\n${text.slice(0, 2000)}`);
        }
      }
      throw error;
    }
  });
}

export async function stopAll() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    try {
      await cleanup();
    } catch (error) {
      console.error('cleanup failed:', error);
    }
  }
}

/** Polls `probe` until it returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor(probe, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/** A vitrine server on a new SQLite database with one user per role (the admin without a
 *  second factor yet) and an API token for seeding. */
/** @param {Record<string, string>} extraEnv */
export async function startVitrine(extraEnv = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'vitrine-e2e-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    VITRINE_LISTEN: '127.0.0.1:0',
    VITRINE_DATABASE_URL: `sqlite://${join(dir, 'vitrine.db')}`,
    VITRINE_DATA_KEY: randomBytes(32).toString('base64url'),
    VITRINE_JWT_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    VITRINE_MONITOR_MIN_INTERVAL: '1s',
    VITRINE_STATUS_REFRESH: '1s',
    VITRINE_SLO_EVALUATION: '1s',
    VITRINE_LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const cli = (args, input) =>
    execFileSync(BIN, args, { env, cwd: dir, input: input ?? '', encoding: 'utf8' }).trim();
  for (const role of ['admin', 'editor', 'viewer']) {
    cli(['user', 'create', '--email', `${role}@example.org`, '--role', role], `${PASSWORD}\n`);
  }
  const token = cli(['token', 'create', '--name', 'e2e', '--scope', 'read', '--scope', 'content:write', '--expires-in', '1d']);

  const proc = spawn(BIN, ['serve'], { env: { ...env, VITRINE_LOG_LEVEL: 'info' }, cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = [];
  let port = 0;
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      lines.push(line);
      try {
        const entry = JSON.parse(line);
        if (entry.msg === 'listening') {
          port = entry.port;
        }
      } catch {
        // not JSON: kept in `lines` for the failure report
      }
    }
  });
  cleanups.push(
    () =>
      new Promise((done) => {
        if (proc.exitCode !== null) {
          done();
          return;
        }
        proc.once('exit', done);
        proc.kill('SIGTERM');
      }),
  );
  await waitFor(() => port || proc.exitCode !== null, 'vitrine to listen');
  if (!port) {
    throw new Error(`vitrine exited (${proc.exitCode}):\n${lines.join('\n')}`);
  }
  const url = `http://127.0.0.1:${port}`;

  /** A JSON API call with the seeding token. */
  async function api(method, path, body, headers = {}) {
    const response = await fetch(url + path, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, etag: response.headers.get('etag'), body: text ? JSON.parse(text) : null };
  }
  return { url, api, lines, dir };
}

/** An HTTP check target on 127.0.0.1: 200 "ok" until stop(). */
export async function startTarget() {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', () => done(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  let stopped = false;
  const stop = () =>
    new Promise((done) => {
      if (stopped) {
        done();
        return;
      }
      stopped = true;
      server.closeAllConnections();
      server.close(() => done());
    });
  cleanups.push(stop);
  return { url: `http://127.0.0.1:${port}/health`, stop };
}

export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: process.env['VITRINE_CHROMIUM'] ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  return browser;
}

/** A page in its own context (axe needs contexts from newContext()), failing the test on
 *  any uncaught error or console error the page reports, and on any request that leaves
 *  127.0.0.1 (nothing from a CDN, no external calls). */
/** @typedef {import('playwright-core').Page & { problems: string[] }} TestPage */

/** @param {import('playwright-core').Browser} browser
 *  @param {{ colorScheme?: 'light' | 'dark', baseURL?: string }} options
 *  @returns {Promise<TestPage>} */
export async function newPage(browser, { colorScheme = 'light', baseURL } = {}) {
  const context = await browser.newContext({ colorScheme, baseURL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|404|412|422)/.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]|data:|blob:)/, (route) => {
    problems.push(`external request: ${route.request().url()}`);
    return route.abort();
  });
  const testPage = /** @type {TestPage} */ (page);
  testPage.problems = problems;
  openPages.push(testPage);
  return testPage;
}

/** Zero axe-core violations (WCAG 2.1 A and AA rules) on the page as it is now. */
export async function axeViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** @param {import('playwright-core').Page} page @param {string} name
 *  @param {{ fullPage?: boolean }} options */
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage });
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) of a base32 secret, as an authenticator app does. */
export function totp(secret, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '')) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** Signs `email` in at /admin with the shared password (the console's first page shown). */
export async function signIn(page, email) {
  await page.goto('/admin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs the admin in for the first time: the second factor set up from the QR's secret. */
export async function signInAdminFirstTime(page) {
  await signIn(page, ADMIN.email);
  await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
  const secret = await page.getByTestId('mfa-secret').textContent();
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await page.getByRole('button', { name: 'I saved them, continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
}

/** Both themes, as the system's preference and as the page's own setting. */
export const THEMES = /** @type {const} */ (['light', 'dark']);

export async function setTheme(page, theme) {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => { document.documentElement.dataset.theme = t; }, theme);
}

/** Zero axe violations on the page as it is, in the light and then the dark theme (left
 *  in light). */
export async function axeInBothThemes(page, what) {
  for (const theme of THEMES) {
    await setTheme(page, theme);
    const violations = await axeViolations(page);
    if (violations.length > 0) {
      throw new Error(`axe: ${what}, ${theme}:\n${violations.join('\n')}`);
    }
  }
  await setTheme(page, 'light');
}
