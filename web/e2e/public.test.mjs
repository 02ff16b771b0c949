// The public portfolio in a real browser: empty database first (friendly empty states, no
// errors), then the demo portfolio with live monitors: home, filters, a project page with
// its uptime and latency, the status page, the theme toggle remembered per browser, an
// axe-core scan of every page in both themes, and the screenshots of docs/screenshots/.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import {
  ARTIFACTS,
  ROOT,
  axeInBothThemes,
  axeViolations,
  launchBrowser,
  newPage,
  screenshot,
  startTarget,
  startVitrine,
  stopAll,
  test,
  waitFor,
} from './harness.mjs';

let browser;
after(stopAll);
before(async () => {
  browser = await launchBrowser();
});

test('an empty portfolio shows friendly empty states and no errors', async () => {
  const site = await startVitrine();
  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/');
  await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Portfolio');
  await axeInBothThemes(page, 'empty home');
  await page.goto('/status');
  await page.getByRole('heading', { name: 'Nothing is monitored yet' }).waitFor();
  await axeInBothThemes(page, 'empty status page');
  await page.goto('/projects/does-not-exist');
  await page.getByText('This project not found.').waitFor();
  await axeInBothThemes(page, 'unknown project');
  assert.deepEqual(page.problems, []);
});

test('the demo portfolio: browse, filter, project evidence, status, themes, accessibility', async () => {
  const site = await startVitrine();
  execFileSync(process.env['VITRINE_BIN'] ?? join(ROOT, 'build/release/server/vitrine'), ['seed', '--demo'], {
    env: { PATH: process.env['PATH'], VITRINE_DATABASE_URL: `sqlite://${join(site.dir, 'vitrine.db')}` },
    cwd: site.dir,
  });
  // Live evidence: two public monitors on the featured Vitrine project, checking a target.
  const target = await startTarget();
  const project = (await site.api('GET', '/api/v1/projects/vitrine')).body;
  const monitors = [];
  for (const name of ['Public site', 'API']) {
    const created = await site.api('POST', '/api/v1/monitors', {
      kind: 'http',
      name,
      target: target.url,
      interval: 2,
      timeout: 2, // generous: a loaded two-core machine can take a second to answer
      project_id: project.id,
      public: true,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    monitors.push(created.body.id);
  }
  await waitFor(async () => (await site.api('GET', '/api/v1/status')).body.counts.up === 2, 'both monitors up');
  // Uptime needs two checks (the time between them is what is observed).
  for (const id of monitors) {
    await waitFor(async () => (await site.api('GET', `/api/v1/monitors/${id}/summary?window=90d`)).body.uptime !== null, 'uptime figures');
  }
  // An SLO on the public site: its badge on the card, its burn-down on the project page.
  const slo = await site.api('POST', '/api/v1/slos', { monitor_id: monitors[0], name: 'Site available', objective: 99.5, window: '30d' });
  assert.equal(slo.status, 201, JSON.stringify(slo.body));
  await waitFor(async () => {
    const doc = (await site.api('GET', '/api/v1/status')).body;
    return doc.groups.some((g) => g.monitors.some((m) => m.slos.length === 1));
  }, 'the SLO on the status document');

  for (const theme of /** @type {const} */ (['light', 'dark'])) {
    const page = await newPage(browser, { baseURL: site.url, colorScheme: theme });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Alex Morgan' }).waitFor();
    await page.getByRole('heading', { name: 'Featured' }).waitFor();
    const card = page.locator('article', { has: page.getByRole('link', { name: /^Vitrine/ }) }).first();
    await card.getByRole('img', { name: /^Uptime \d+\.\d\d % over 1 day observed/ }).waitFor();
    await card.getByText(/^SLO 99\.5 % · (On track|At risk|Budget spent) · /).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    assert.deepEqual(await axeViolations(page), [], `home, ${theme}`);
    await screenshot(page, `home-${theme}`);
    await screenshot(page, `home-${theme}-top`, { fullPage: false }); // for docs/screenshots

    await page.getByRole('link', { name: 'Vitrine: a portfolio that proves itself' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Vitrine: a portfolio that proves itself' }).waitFor();
    await page.getByRole('heading', { name: 'Public site', exact: true }).waitFor();
    await page.getByRole('term').filter({ hasText: 'Uptime 24h' }).first().waitFor();
    await page.locator('.chart canvas').first().waitFor();
    const slos = page.getByRole('region', { name: 'Service level objectives' });
    await slos.getByRole('heading', { name: 'Site available (Public site)' }).waitFor();
    await slos.getByText('99.5 % available over 30 days').waitFor();
    await slos.locator('.chart canvas').waitFor();
    // The chart's text alternative: one row per day of the window.
    assert.equal(await slos.locator('details.data-table tbody tr').count(), 30);
    assert.deepEqual(await axeViolations(page), [], `project, ${theme}`);
    await screenshot(page, `project-${theme}`);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Status' }).click();
    await page.getByText('All systems operational').waitFor();
    await page.getByRole('heading', { name: /Vitrine: a portfolio/ }).waitFor();
    assert.deepEqual(await axeViolations(page), [], `status, ${theme}`);
    await screenshot(page, `status-${theme}`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }

  // The home page's filters: a tag from a card, the search box, the status select; the URL
  // keeps them, so a reload shows the same list.
  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/');
  await page.getByRole('heading', { name: 'All projects' }).waitFor();
  await page.getByRole('button', { name: 'proxmox' }).first().click();
  await page.waitForURL(/tag=proxmox/);
  await page.getByRole('button', { name: /Tag: proxmox/ }).waitFor();
  await page.getByLabel('Search').fill('homelab');
  await page.waitForURL(/q=homelab/);
  const cards = page.locator('section[aria-labelledby="all-heading"] h3');
  await waitFor(async () => {
    const titles = await cards.allTextContents();
    return titles.length >= 1 && titles.every((t) => /homelab/i.test(t));
  }, 'only homelab projects listed');
  await page.reload();
  assert.equal(await page.getByLabel('Search').inputValue(), 'homelab');
  await page.getByLabel('Search').fill('no such project at all');
  await page.getByRole('heading', { name: 'No project matches' }).waitFor();
  assert.deepEqual(page.problems, []);
});

test('the theme toggle overrides the system and is remembered by this browser', async () => {
  const site = await startVitrine();
  const page = await newPage(browser, { baseURL: site.url, colorScheme: 'light' });
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  // A returning visit (index.html revalidated with a 304, bundles from the cache) renders.
  await page.goto('/status');
  await page.goto('/');
  await page.getByRole('heading', { name: 'No projects yet' }).waitFor();
  assert.deepEqual(page.problems, []);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 20, 27)');
});

test('the home page in both themes is what docs/screenshots shows', { skip: !process.env['VITRINE_UPDATE_SCREENSHOTS'] }, () => {
  // VITRINE_UPDATE_SCREENSHOTS=1 npm run e2e copies the fresh captures into the docs.
  const docs = join(ROOT, 'docs', 'screenshots');
  mkdirSync(docs, { recursive: true });
  for (const theme of /** @type {const} */ (['light', 'dark'])) {
    copyFileSync(join(ARTIFACTS, `home-${theme}-top.png`), join(docs, `home-${theme}.png`));
  }
});
