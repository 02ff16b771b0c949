// A monitor created in the console against a local target, in a real browser: "Test now"
// reports the check; the status page shows it up, then, once the target stops, down with an
// open incident; the project page lists the incident.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { PASSWORD, axeViolations, launchBrowser, newPage, startTarget, startVitrine, stopAll, test } from './harness.mjs';

let browser;
after(stopAll);
before(async () => {
  browser = await launchBrowser();
});

test('a monitor made in the console goes up, then down with an incident when its target stops', async () => {
  const site = await startVitrine();
  const target = await startTarget();
  const project = await site.api('POST', '/api/v1/projects', { title: 'Edge proxy', visibility: 'published' });
  assert.equal(project.status, 201);

  // An editor (no second factor needed) creates the monitor.
  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/admin');
  await page.getByLabel('Email').fill('editor@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Monitors' }).click();
  await page.getByRole('heading', { name: 'No monitors yet' }).waitFor();
  await page.getByRole('link', { name: 'New monitor' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Edge health');
  await page.getByLabel('Project', { exact: true }).selectOption({ label: 'Edge proxy' });
  await page.getByLabel('Target').fill('localhost:8080');
  await page.getByLabel('Interval (seconds)').fill('1');
  await page.getByLabel('Timeout (seconds)').fill('1');
  await page.getByLabel('Retries').fill('0');
  await page.getByLabel('Public: shown on the status page and the project page').check();
  await page.getByRole('button', { name: 'Create monitor' }).click();
  // The client's rule names the field before anything is sent.
  await page.getByText('must be an absolute http:// or https:// URL of at most 2048 characters').waitFor();
  await page.getByLabel('Target').fill(target.url);
  assert.deepEqual(await axeViolations(page), [], 'monitor editor');
  await page.getByRole('button', { name: 'Create monitor' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Edge health”' }).waitFor();

  // The request and its assertions: a header and "body must contain"; a JSON pointer without
  // its value is refused on the field before anything is sent.
  await page.getByText('Request and assertions').click();
  await page.getByLabel('Headers').fill('X-Check: console\nAuthorization: Bearer s3cret');
  await page.getByLabel('Body must contain').fill('ok');
  await page.getByLabel('JSON pointer').fill('/status');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('json_pointer and json_equals go together').waitFor();
  await page.getByLabel('JSON pointer').fill('');
  assert.deepEqual(await axeViolations(page), [], 'monitor editor, request and assertions');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const id = page.url().split('/').pop();
  const saved = (await site.api('GET', `/api/v1/monitors/${id}`)).body;
  assert.deepEqual(saved.http.headers, { 'X-Check': 'console', Authorization: '<redacted>' });
  assert.equal(saved.http.body_contains, 'ok');
  // The secret reads back redacted and survives a save that leaves it so.
  await page.getByText('Request and assertions').click();
  assert.equal(await page.getByLabel('Headers').inputValue(), 'Authorization: <redacted>\nX-Check: console');

  await page.getByRole('button', { name: 'Test now' }).click();
  await page.getByRole('status').filter({ hasText: /^Up · HTTP 200 · \d+ ms$/ }).waitFor();

  const visitor = await newPage(browser, { baseURL: site.url });
  await visitor.goto('/status');
  // The page refreshes itself; reloading only shortens the test (the server rebuilds every 1 s).
  const row = visitor.locator('.monitor-list li', { hasText: 'Edge health' });
  await waitReloading(visitor, () => row.getByText('Up', { exact: true }).isVisible());
  await visitor.getByText('All systems operational').waitFor();

  await target.stop();
  await waitReloading(visitor, () => row.getByText('Down', { exact: true }).isVisible());
  await visitor.getByRole('heading', { name: 'Open incidents' }).waitFor();
  await visitor.getByRole('heading', { name: 'Edge health: outage ongoing' }).waitFor();
  assert.match(await visitor.locator('.status-banner').textContent(), /outage/i);

  await visitor.goto('/projects/edge-proxy');
  await visitor.getByRole('heading', { name: 'Edge health: outage ongoing' }).waitFor();

  // The console's list shows it down too.
  await page.getByRole('link', { name: '← Monitors' }).click();
  await page.locator('tr', { hasText: 'Edge health' }).getByText('Down', { exact: true }).waitFor();
  assert.deepEqual([...page.problems, ...visitor.problems], []);
});

async function waitReloading(page, visible, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await visible()) {
      return;
    }
    await page.waitForTimeout(500);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
  }
  assert.fail('the status page never showed the expected state');
}
