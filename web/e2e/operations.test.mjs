// The console's operational pages in a real browser against the real server: an editor
// sets an SLO on a monitor and reads its report, announces maintenance and posts a public
// incident update that the status page shows; an admin creates a user, creates an API
// token (shown once, copied, usable), revokes it and finds both in the filtered audit log;
// axe-core on every console page in both themes.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import {
  axeInBothThemes,
  axeViolations,
  launchBrowser,
  newPage,
  signIn,
  signInAdminFirstTime,
  startTarget,
  startVitrine,
  stopAll,
  test,
  waitFor,
} from './harness.mjs';

let browser;
let site;
after(stopAll);
before(async () => {
  browser = await launchBrowser();
  site = await startVitrine();
});

test('an editor sets an SLO, announces maintenance and posts an incident update', async () => {
  const target = await startTarget();
  const project = await site.api('POST', '/api/v1/projects', { title: 'Billing API', visibility: 'published' });
  assert.equal(project.status, 201);
  const monitor = await site.api('POST', '/api/v1/monitors', {
    kind: 'http', name: 'Billing health', target: target.url, interval: 1, timeout: 1, retries: 0,
    project_id: project.body.id, public: true,
  });
  assert.equal(monitor.status, 201, JSON.stringify(monitor.body));

  const page = await newPage(browser, { baseURL: site.url });
  await signIn(page, 'editor@example.org');
  const nav = page.getByRole('navigation', { name: 'Admin' });
  assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0, 'admins only');

  // SLO: the client's rule on the objective first, then the report with its burn-down.
  await nav.getByRole('link', { name: 'SLOs' }).click();
  await page.getByRole('heading', { name: 'No SLOs yet' }).waitFor();
  await page.getByRole('link', { name: 'New SLO' }).click();
  await page.getByLabel('Name').fill('Billing available');
  await page.getByLabel('Monitor').selectOption({ label: 'Billing health' });
  await page.getByLabel('Objective (%)').fill('100');
  await page.getByRole('button', { name: 'Create SLO' }).click();
  await page.getByText('must be a percentage from 50 to 99.999').waitFor();
  assert.equal(await page.getByLabel('Objective (%)').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Objective (%)').fill('99.9');
  await page.getByLabel('Window').selectOption('7d');
  await page.getByRole('button', { name: 'Create SLO' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Billing available”' }).waitFor();
  await page.getByText('99.9 % available over 7 days').waitFor();
  await page.getByRole('table', { name: /Burn-rate alerts/ }).waitFor();
  assert.equal(await page.locator('details.data-table tbody tr').count(), 7, 'one budget point per day');
  await nav.getByRole('link', { name: 'SLOs' }).click();
  await page.locator('tr', { hasText: 'Billing available' }).getByText('Billing health').waitFor();

  // Maintenance on the monitor from now: the status page announces it.
  await nav.getByRole('link', { name: 'Maintenance' }).click();
  await page.getByRole('link', { name: 'New window' }).click();
  await page.getByLabel('Name').fill('Database upgrade');
  await page.getByLabel('Description').fill('PostgreSQL 15 to 16; writes pause for a minute.');
  await page.getByLabel('Monitor', { exact: true }).selectOption({ label: 'Billing health' });
  const now = await page.evaluate(() => {
    const d = new Date(Date.now() - 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await page.getByLabel('Starts').fill(now);
  await page.getByLabel('Duration (minutes)').fill('0');
  await page.getByRole('button', { name: 'Create window' }).click();
  await page.getByText('must be 1 minute to 7 days').waitFor();
  await page.getByLabel('Duration (minutes)').fill('30');
  await page.getByRole('button', { name: 'Create window' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Database upgrade”' }).waitFor();
  await page.getByText(/On now, until/).waitFor();
  const visitor = await newPage(browser, { baseURL: site.url });
  await visitor.goto('/status');
  await waitFor(async () => {
    await visitor.reload();
    return visitor.getByText('PostgreSQL 15 to 16; writes pause for a minute.').isVisible();
  }, 'the maintenance on the status page', 20_000);
  // Removed again, so the outage below opens an incident.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete window' }).click();
  await page.getByRole('heading', { level: 1, name: 'Maintenance' }).waitFor();

  // An outage: the incident in the console, a public update on the status page.
  await target.stop();
  await nav.getByRole('link', { name: 'Incidents' }).click();
  await page.getByLabel('Show').selectOption('open');
  await page.waitForURL(/state=open/);
  await waitFor(async () => (await site.api('GET', '/api/v1/incidents?state=open')).body.items.length === 1, 'the incident to open', 20_000);
  await page.reload();
  await page.getByRole('link', { name: 'Billing health' }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident: Billing health' }).waitFor();
  await page.getByText('The check that opened it found:').waitFor();
  await page.getByLabel('Message').fill('Line one\nline two');
  await page.getByRole('button', { name: 'Post update' }).click();
  await page.getByText('must be one paragraph: no line breaks').waitFor();
  await page.getByLabel('Status').selectOption('identified');
  await page.getByLabel('Message').fill('The billing database ran out of connections; raising the pool.');
  assert.deepEqual(await axeViolations(page), [], 'incident page');
  await page.getByRole('button', { name: 'Post update' }).click();
  await page.getByRole('status').filter({ hasText: 'Posted' }).waitFor();
  await visitor.goto('/status');
  await waitFor(async () => {
    await visitor.reload();
    return visitor.getByText('The billing database ran out of connections; raising the pool.').isVisible();
  }, 'the update on the status page', 20_000);
  assert.deepEqual([...page.problems, ...visitor.problems], []);
});

test('an admin creates a user, a token shown once, revokes it and finds it in the audit log', async () => {
  const page = await newPage(browser, { baseURL: site.url });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  await signInAdminFirstTime(page);
  const nav = page.getByRole('navigation', { name: 'Admin' });

  // A user: the email rule first, then created; the list shows them.
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'New user' }).click();
  await page.getByLabel('Email').fill('sam@example');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByText('must be an email address (local@domain.tld, at most 254 bytes)').waitFor();
  await page.getByText('must have at least 12 characters').waitFor();
  await page.getByLabel('Email').fill('sam@example.org');
  await page.getByLabel('Display name').fill('Sam Rivera');
  await page.getByLabel('Role').selectOption('viewer');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Sam Rivera”' }).waitFor();
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.locator('tr', { hasText: 'sam@example.org' }).getByText('viewer').waitFor();

  // A token: the secret once, copied, working; revoked, refused.
  await nav.getByRole('link', { name: 'API tokens' }).click();
  await page.getByLabel('Name').fill('CI deploy');
  await page.getByLabel(/^read:/).uncheck();
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByText('choose at least one scope').waitFor();
  await page.getByLabel(/^read:/).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.getByLabel('Token', { exact: true }).inputValue();
  assert.match(secret, /^vtr_[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'Copy' }).click();
  await page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
  assert.deepEqual(await axeViolations(page), [], 'new token secret');
  const me = (token) => fetch(`${site.url}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal((await me(secret)).status, 200);
  await page.getByRole('button', { name: 'Done' }).click();
  assert.equal(await page.getByLabel('Token', { exact: true }).count(), 0, 'the secret is not shown again');
  const row = page.locator('tr', { hasText: 'CI deploy' });
  await row.getByText(secret.slice(0, 8)).waitFor();
  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Revoke CI deploy' }).click();
  await row.getByText(/^Revoked /).waitFor();
  assert.equal((await me(secret)).status, 401);

  // The audit log, filtered to the token family and kept in the URL.
  await nav.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').fill('token.');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL(/action=token\./);
  const actions = page.locator('tbody tr td:nth-child(3)');
  await waitFor(async () => {
    const seen = await actions.allTextContents();
    return seen.includes('token.create') && seen.includes('token.revoke') && seen.every((a) => a.startsWith('token.'));
  }, 'the token records, and only those');
  await page.reload();
  assert.equal(await page.getByLabel('Action').inputValue(), 'token.');
  await page.getByLabel('Outcome').selectOption('denied');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('heading', { name: 'No records match' }).waitFor();
  assert.deepEqual(page.problems, []);
  site.adminPage = page;
});

test('every console page passes axe in both themes', async () => {
  const page = site.adminPage;
  assert.ok(page, 'signed in by the previous test');
  const slo = (await site.api('GET', '/api/v1/slos')).body.items[0];
  const incident = (await site.api('GET', '/api/v1/incidents')).body.items[0];
  const pages = [
    ['/admin', 'Projects'],
    ['/admin/projects/new', 'New project'],
    ['/admin/monitors', 'Monitors'],
    ['/admin/monitors/new', 'New monitor'],
    ['/admin/slos', 'SLOs'],
    [`/admin/slos/${slo.id}`, 'Edit “Billing available”'],
    ['/admin/slos/new', 'New SLO'],
    ['/admin/incidents', 'Incidents'],
    [`/admin/incidents/${incident.id}`, 'Incident: Billing health'],
    ['/admin/maintenance', 'Maintenance'],
    ['/admin/maintenance/new', 'New maintenance window'],
    ['/admin/settings', 'Profile'],
    ['/admin/users', 'Users'],
    ['/admin/users/new', 'New user'],
    ['/admin/tokens', 'API tokens'],
    ['/admin/audit', 'Audit log'],
  ];
  for (const [path, heading] of pages) {
    await page.goto(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.locator('.spinner').first().waitFor({ state: 'detached' });
    await axeInBothThemes(page, path);
  }
  assert.deepEqual(page.problems, []);
});
