// A monitor against a local target in a real browser: the status page shows it up, then,
// once the target stops, down with an open incident; the project page lists the incident.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { launchBrowser, newPage, startTarget, startVitrine, stopAll, test } from './harness.mjs';

let browser;
after(stopAll);
before(async () => {
  browser = await launchBrowser();
});

test('a monitor goes up, then down with an incident when its target stops', async () => {
  const site = await startVitrine();
  const target = await startTarget();
  const project = await site.api('POST', '/api/v1/projects', { title: 'Edge proxy', visibility: 'published' });
  assert.equal(project.status, 201);
  const monitor = await site.api('POST', '/api/v1/monitors', {
    kind: 'http',
    name: 'Edge health',
    target: target.url,
    interval: 1,
    timeout: 1,
    retries: 0,
    project_id: project.body.id,
    public: true,
  });
  assert.equal(monitor.status, 201, JSON.stringify(monitor.body));

  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/status');
  // The page refreshes itself; reloading only shortens the test (the server rebuilds every 1 s).
  const row = page.locator('.monitor-list li', { hasText: 'Edge health' });
  await waitReloading(page, () => row.getByText('Up', { exact: true }).isVisible());
  await page.getByText('All systems operational').waitFor();

  await target.stop();
  await waitReloading(page, () => row.getByText('Down', { exact: true }).isVisible());
  await page.getByRole('heading', { name: 'Open incidents' }).waitFor();
  await page.getByRole('heading', { name: 'Edge health: outage ongoing' }).waitFor();
  assert.match(await page.locator('.status-banner').textContent(), /outage/i);

  await page.goto('/projects/edge-proxy');
  await page.getByRole('heading', { name: 'Edge health: outage ongoing' }).waitFor();
  assert.deepEqual(page.problems, []);
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
