// The admin console in a real browser against the real server: keyboard-only sign-in, the
// first sign-in of an admin (second factor set up with a code from the QR's secret), signing
// out and in again with the TOTP step; creating, editing and deleting a project and seeing
// the public page follow; client and server validation on the fields; a 412 explained and
// reloaded; the profile; a viewer's read-only console; axe on every console page.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { ADMIN, PASSWORD, axeInBothThemes, axeViolations, test, launchBrowser, newPage, startVitrine, stopAll, totp } from './harness.mjs';

let browser;
let site;
after(stopAll);
before(async () => {
  browser = await launchBrowser();
  site = await startVitrine();
});

/** Signs in by keyboard only: Tab to each field, type, Enter. */
async function keyboardSignIn(page, email, password) {
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'email')) {
      break;
    }
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'email', 'Tab reaches the email field');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, 'solid', 'the focused field shows a visible focus ring');
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

test('an admin signs in by keyboard, sets up TOTP, signs out and in again with a code', async () => {
  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/admin');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await axeInBothThemes(page, 'sign-in');
  await keyboardSignIn(page, ADMIN.email, 'wrong password');
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor();
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.keyboard.press('Enter');

  // An admin without a second factor sets one up before anything else.
  await page.getByRole('heading', { name: 'Set up two-factor authentication' }).waitFor();
  const qr = page.getByRole('img', { name: 'QR code of the authenticator set-up key' });
  assert.match(await qr.getAttribute('src'), /^data:image\/svg\+xml/);
  await axeInBothThemes(page, 'MFA set-up');
  const secret = await page.getByTestId('mfa-secret').textContent();
  await page.getByLabel('Authentication code').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await page.getByRole('button', { name: 'I saved them, continue' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();

  // A reload resumes the session from the refresh cookie.
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Authentication code');
  await code.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'code', 'focus moves to the code');
  // The enrolment used this time step; the next one is accepted (one step of skew) and unused.
  await code.fill(totp(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await axeInBothThemes(page, 'console');
  assert.deepEqual(page.problems, []);
  site.adminPage = page;
});

test('create, edit and delete a project; the public page follows', async () => {
  const page = site.adminPage;
  assert.ok(page, 'signed in by the previous test');
  await page.evaluate(() => { document.documentElement.dataset.theme = 'light'; });
  const taken = await site.api('POST', '/api/v1/projects', { title: 'Taken', slug: 'taken' });
  assert.equal(taken.status, 201);

  await page.getByRole('link', { name: 'New project' }).click();
  await page.getByRole('heading', { level: 1, name: 'New project' }).waitFor();
  await page.getByLabel('Title').fill('Load balancer lab');
  await page.getByLabel('Summary').fill('Two nginx nodes behind keepalived.');
  await page.getByLabel('Body', { exact: true }).fill('## Design\n\nTwo **nodes**, one floating address.');
  await page.getByTestId('markdown-preview').locator('strong', { hasText: 'nodes' }).waitFor();
  await page.getByLabel('Tags').fill('networking, nginx');
  await page.getByLabel('Visibility').selectOption('published');

  // The client's rules catch a bad URL before any request.
  await page.getByLabel('Repository URL').fill('github.com/me/lb');
  await page.getByRole('button', { name: 'Create project' }).click();
  const repo = page.getByLabel('Repository URL');
  assert.equal(await repo.getAttribute('aria-invalid'), 'true');
  await page.getByText('must be an absolute http:// or https:// URL').waitFor();
  await repo.fill('https://github.com/me/lb');

  // The server's answer lands on the field it names: this slug is taken (409).
  await page.getByLabel('Slug').fill('taken');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByText(/slug/i).and(page.locator('.field-error')).first().waitFor();
  assert.equal(await page.getByLabel('Slug').getAttribute('aria-invalid'), 'true');
  await page.getByLabel('Slug').fill('');
  assert.deepEqual(await axeViolations(page), [], 'editor with errors');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await page.getByRole('heading', { level: 1, name: 'Edit “Load balancer lab”' }).waitFor();

  const visitor = await newPage(browser, { baseURL: site.url });
  await visitor.goto('/projects/load-balancer-lab');
  await visitor.getByRole('heading', { level: 1, name: 'Load balancer lab' }).waitFor();
  await visitor.locator('.prose h2', { hasText: 'Design' }).waitFor();

  // Edit: the public page shows the new title.
  await page.getByLabel('Title').fill('Load balancer lab, v2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edit “Load balancer lab, v2”' }).waitFor();
  await visitor.reload();
  await visitor.getByRole('heading', { level: 1, name: 'Load balancer lab, v2' }).waitFor();

  // Someone else saves first: the console says so and reloads their version.
  const id = page.url().split('/').pop();
  const current = await site.api('GET', `/api/v1/projects/${id}`);
  const other = await site.api('PATCH', `/api/v1/projects/${id}`, { summary: 'Changed elsewhere.' }, { 'If-Match': current.etag });
  assert.equal(other.status, 200);
  await page.getByLabel('Summary').fill('My change.');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Someone else saved this project after you opened it').waitFor();
  await page.getByRole('button', { name: 'Reload the saved version' }).click();
  await waitForValue(page.getByLabel('Summary'), 'Changed elsewhere.');

  // Delete: gone from the console and from the public site.
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  await visitor.reload();
  await visitor.getByText('This project not found.').waitFor();
  assert.deepEqual([...page.problems.filter((p) => !/409|412/.test(p)), ...visitor.problems], []);
});

test('the profile edited in the console heads the public home page', async () => {
  const page = site.adminPage;
  await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
  await page.getByLabel('Name').fill('Jordan Lee');
  await page.getByLabel('Headline').fill('Platform engineer');
  await page.getByRole('button', { name: 'Add a link' }).click();
  await page.getByLabel('Label 1').fill('GitHub');
  await page.getByLabel('URL 1').fill('https://github.com/jordan');
  assert.deepEqual(await axeViolations(page), [], 'profile');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const visitor = await newPage(browser, { baseURL: site.url });
  await visitor.goto('/');
  await visitor.getByRole('heading', { level: 1, name: 'Jordan Lee' }).waitFor();
  await visitor.getByText('Platform engineer').waitFor();
  assert.equal(await visitor.getByRole('link', { name: 'GitHub' }).getAttribute('href'), 'https://github.com/jordan');
});

test('a viewer reads the console but cannot change anything', async () => {
  const page = await newPage(browser, { baseURL: site.url });
  await page.goto('/admin');
  await page.getByLabel('Email').fill('viewer@example.org');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('You are a viewer').waitFor();
  assert.equal(await page.getByRole('link', { name: 'New project' }).count(), 0);
  await page.getByRole('link', { name: 'Taken' }).click();
  await page.getByLabel('Title').waitFor();
  assert.equal(await page.getByLabel('Title').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0);
  assert.deepEqual(await axeViolations(page), [], 'viewer editor');
});

async function waitForValue(locator, value) {
  for (let i = 0; i < 100; i++) {
    if ((await locator.inputValue()) === value) {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(await locator.inputValue(), value);
}
