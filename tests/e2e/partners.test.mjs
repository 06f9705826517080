// The Partners page: searching and filtering the partner list, sample events (copy, use in the
// rule builder), the set-up walk-through from account ID to an Active source, and the table of
// sources and buses with its actions, surviving a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot, storedJson, waitForApp } from './support.mjs';

const STATE_KEY = 'eventbridge-playground/state/v1';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPartners(options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  await opened.page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
  return opened;
}

function walkthrough(page, partner = 'Auth0') {
  return page.getByRole('region', { name: `Connect ${partner} to EventBridge` });
}

function sourcesSection(page) {
  return page.getByRole('region', { name: /^Your partner event sources in / });
}

/** Runs the walk-through for the partner on screen until its source is Active. */
async function connectShownPartner(page, partner = 'Auth0') {
  const flow = walkthrough(page, partner);
  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByText('Event source status: Pending').waitFor();
  await flow.getByRole('button', { name: 'Associate with event bus' }).click();
  await flow.getByText(/The source is Active/).waitFor();
  return flow;
}

test('searching finds a partner and opens its details', async () => {
  const { context, page, problems } = await openPartners();
  const search = page.getByLabel('Search by name, id or description');
  await search.fill('zendesk');
  await page.getByRole('status').filter({ hasText: '1 of 35 partners matches.' }).waitFor();
  const list = page.getByRole('list', { name: 'Partners found' });
  assert.equal(await list.getByRole('button').count(), 1);
  await page.getByRole('heading', { level: 2, name: 'Zendesk' }).waitFor();
  assert.match(await page.getByText('aws.partner/zendesk.com/', { exact: false }).first().innerText(), /aws\.partner\/zendesk\.com\//);
  const consoleLink = page.getByRole('link', { name: /Set-up page in the EventBridge console/ });
  assert.equal(await consoleLink.getAttribute('href'), 'https://console.aws.amazon.com/events/#/partners/zendesk.com?page=overview');

  // By description and by id too; a search that matches nothing says so.
  await search.fill('ethereum');
  await list.getByRole('button', { name: /BUIDLHub/ }).waitFor();
  await search.fill('datadoghq.com');
  await page.getByRole('heading', { level: 2, name: 'Datadog' }).waitFor();
  await search.fill('no partner is called this');
  await page.getByText('No partner matches: try fewer words or another category.').waitFor();
  assert.equal(await list.getByRole('button').count(), 0);
  await screenshot(page, 'partners-search-nothing');

  await search.fill('');
  await list.getByRole('button', { name: /Zendesk/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Zendesk' }).waitFor();
  // Choosing a partner takes keyboard focus to its details.
  await page.waitForFunction(() => document.activeElement?.id === 'partner-details-title');
  await screenshot(page, 'partners-zendesk');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the category filter keeps only partners of that category', async () => {
  const { context, page, problems } = await openPartners();
  const category = page.getByLabel('Category');
  await category.selectOption('identity-and-access');
  const list = page.getByRole('list', { name: 'Partners found' });
  await list.getByRole('button', { name: /Auth0/ }).waitFor();
  const entries = await list.getByRole('button').allInnerTexts();
  assert.ok(entries.length >= 2, `several identity partners, got ${entries.length}`);
  for (const entry of entries) assert.match(entry, /Identity and access/);
  assert.equal(await list.getByRole('button', { name: /Zendesk/ }).count(), 0);

  // Search and category combine.
  await page.getByLabel('Search by name, id or description').fill('onelogin');
  assert.deepEqual((await list.getByRole('button').allInnerTexts()).map((t) => t.split('\n')[0]), ['OneLogin']);
  await page.getByLabel('Search by name, id or description').fill('');
  await category.selectOption('sales-and-crm');
  await list.getByRole('button', { name: /Salesforce/ }).click();
  await page.getByRole('heading', { level: 2, name: 'Salesforce' }).waitFor();
  await page.getByText(/you create an event relay in Salesforce/).waitFor();
  await category.selectOption('all');
  await page.getByRole('status').filter({ hasText: 'All 35 partners.' }).waitFor();
  await screenshot(page, 'partners-category-filter');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the account ID is validated next to the field and saved when valid', async () => {
  const { context, page, problems } = await openPartners();
  const account = page.getByLabel('AWS account ID');
  assert.equal(await account.inputValue(), '123456789012');

  await account.fill('12345');
  const error = walkthrough(page).getByRole('alert').filter({ hasText: /12 digits/ });
  assert.equal(await error.innerText(), 'An AWS account ID has exactly 12 digits; this one has 5 digits.');
  assert.equal(await account.getAttribute('aria-invalid'), 'true');
  // Nothing can be created for an invalid account.
  assert.equal(await walkthrough(page).getByRole('button', { name: 'Create the partner event source' }).count(), 0);
  await account.fill('12345678901x');
  await walkthrough(page).getByRole('alert').filter({ hasText: '\u201cx\u201d is not one' }).waitFor();
  await screenshot(page, 'partners-account-invalid');

  // The console shows account IDs with dashes; they are accepted.
  await account.fill('1111-2222-3333');
  assert.equal(await account.getAttribute('aria-invalid'), null);
  assert.equal(await walkthrough(page).getByRole('alert').filter({ hasText: /\S/ }).count(), 0);
  await page.getByText('Working as account 111122223333').waitFor();
  const suggested = await page.getByLabel('Event source name').inputValue();
  assert.match(suggested, /^aws\.partner\/auth0\.com\//);
  const saved = await storedJson(page, STATE_KEY, (stored) => stored.account === '111122223333');
  assert.equal(saved.account, '111122223333');

  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByLabel('AWS account ID').inputValue(), '111122223333');
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16, item 14: a refused event-source name was not linked to its input.
test('a refused event source name marks its input and points at the reason', async () => {
  const { context, page, problems } = await openPartners();
  const name = page.getByLabel('Event source name');
  await name.fill('my-source');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  await walkthrough(page).getByRole('button', { name: 'Create the partner event source' }).click();
  const error = walkthrough(page).locator('#setup-action-error');
  await error.waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.match(await name.getAttribute('aria-describedby'), /\bsetup-action-error\b/);
  // Typing again clears the refusal.
  await name.fill(await name.inputValue() + 'x');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  // The set-up also offers the new Custom Event Bus, for this partner.
  const link = walkthrough(page).locator('#setup-bus-kind a');
  assert.match(await link.getAttribute('href'), /custom-bus\/#\/custom-bus\?partner=auth0\.com$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the set-up flow reaches Active with a bus named like the source, and survives a reload', async () => {
  const { context, page, problems } = await openPartners();
  const flow = walkthrough(page);
  const sourceName = await page.getByLabel('Event source name').inputValue();
  assert.match(sourceName, /^aws\.partner\/auth0\.com\/[^/]+\/auth0\.logs$/);

  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByText('Event source status: Pending').waitFor();
  // Keyboard focus moves on to the next action.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Associate with event bus');
  // Before the association, the partner's events are dropped.
  await flow.getByRole('button', { name: 'Send a test event' }).click();
  const dropped = flow.getByRole('status').filter({ hasText: /^Dropped:/ });
  await dropped.waitFor();
  assert.match(await dropped.innerText(), /no event bus has been associated/);
  await screenshot(page, 'partners-setup-pending');

  // Associating works from the keyboard.
  await flow.getByRole('button', { name: 'Associate with event bus' }).focus();
  await page.keyboard.press('Enter');
  await flow.getByText(/The source is Active/).waitFor();
  assert.match(await flow.getByText('Event source status:').innerText(), /Active/);
  const facts = flow.getByRole('definition');
  const [shownSource, shownBus, busArn] = await facts.allInnerTexts();
  assert.equal(shownSource, sourceName);
  assert.equal(shownBus, sourceName, 'the bus has the name of its source');
  assert.equal(busArn, `arn:aws:events:us-east-1:123456789012:event-bus/${sourceName}`);

  await flow.getByRole('button', { name: 'Send a test event' }).click();
  const accepted = flow.getByRole('status').filter({ hasText: /^Accepted:/ });
  await accepted.waitFor();
  assert.match(await accepted.innerText(), new RegExp(busArn.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')));

  const table = sourcesSection(page).getByRole('table');
  const row = table.getByRole('row', { name: new RegExp(sourceName.replaceAll('.', '\\.')) });
  assert.match(await row.innerText(), /Active/);
  assert.match(await row.innerText(), new RegExp(`arn:aws:events:us-east-1::event-source/${sourceName.replaceAll('.', '\\.')}`));
  assert.ok((await row.innerText()).includes(busArn));
  await screenshot(page, 'partners-setup-active');

  await page.reload();
  await waitForApp(page);
  const rowAfterReload = sourcesSection(page).getByRole('table').getByRole('row', { name: /auth0\.logs/ });
  assert.ok((await rowAfterReload.innerText()).includes(busArn), 'the bus is still there after a reload');
  await walkthrough(page).getByText(/The source is Active/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('table actions deactivate, reactivate, delete the bus and let the partner delete the source', async () => {
  const { context, page, problems } = await openPartners();
  await connectShownPartner(page);
  const section = sourcesSection(page);
  const row = () => section.getByRole('table').getByRole('row', { name: /auth0\.logs/ });
  const state = async () => (await row().getByRole('cell').nth(0).innerText()).split('\n')[0];

  await row().getByRole('button', { name: 'Deactivate' }).click();
  await row().getByRole('button', { name: 'Reactivate' }).waitFor();
  assert.equal(await state(), 'Pending');
  // Focus stays in the row for keyboard users.
  await page.waitForFunction(() => document.activeElement?.closest('tr') !== null);
  await row().getByRole('button', { name: 'Send a test event' }).click();
  await row().getByRole('status').filter({ hasText: /Dropped.*deactivated/ }).waitFor();

  await row().getByRole('button', { name: 'Reactivate' }).click();
  await row().getByRole('button', { name: 'Deactivate' }).waitFor();
  assert.equal(await state(), 'Active');

  await row().getByRole('button', { name: 'Partner deletes source' }).click();
  await row().getByText('Deleted', { exact: true }).waitFor();
  await row().getByRole('button', { name: 'Send a test event' }).click();
  await row().getByRole('status').filter({ hasText: /Dropped.*partner deleted/ }).waitFor();
  assert.equal(await row().getByRole('button', { name: 'Reactivate' }).count(), 0);
  await screenshot(page, 'partners-source-deleted');

  await row().getByRole('button', { name: 'Delete event bus' }).click();
  await section.getByText('No partner event sources here yet.', { exact: false }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('registry errors are shown next to the action that caused them', async () => {
  const { context, page, problems } = await openPartners();
  const flow = walkthrough(page);
  const name = page.getByLabel('Event source name');
  await name.fill('not-a-partner-name');
  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  const alert = flow.getByRole('alert').filter({ hasText: 'ValidationException' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /failed to satisfy constraint/);
  await screenshot(page, 'partners-create-error');

  // The same name in one Region cannot be offered twice, not even to another account.
  await flow.getByRole('button', { name: 'Use the suggested name' }).click();
  const suggested = await name.inputValue();
  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByText('Event source status: Pending').waitFor();
  await page.getByLabel('AWS account ID').fill('444455556666');
  await name.fill(suggested);
  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByRole('alert').filter({ hasText: 'ResourceAlreadyExistsException' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('sample events can be read, copied and used in the rule builder', async () => {
  const { context, page, problems } = await openPartners();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
  await page.getByLabel('Search by name, id or description').fill('auth0');
  const samples = page.getByRole('region', { name: 'Sample events' });
  await samples.locator('summary').filter({ hasText: 'Successful login (log type s)' }).click();
  const pre = page.getByLabel('Sample event: Successful login (log type s)');
  const text = await pre.innerText();
  const event = JSON.parse(text);
  assert.equal(event.account, '123456789012');
  assert.equal(event.region, 'us-east-1');
  assert.match(event.source, /^aws\.partner\/auth0\.com\//);

  await samples.getByRole('button', { name: 'Copy Successful login (log type s)' }).click();
  await samples.getByText('Copied to the clipboard.').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  await screenshot(page, 'partners-sample-open');

  await samples.getByRole('button', { name: 'Use in rule builder: Successful login (log type s)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  assert.match(page.url(), /\/rules\/#\/rules$/, 'the rule builder is its own page');
  const saved = await storedJson(page, STATE_KEY, (stored) => Boolean(stored.draft?.event));
  assert.equal(saved.draft.event, text);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Partners page in the dark scheme', async () => {
  const { context, page, problems } = await openPartners({ colorScheme: 'dark' });
  await connectShownPartner(page);
  await page.getByRole('region', { name: 'Sample events' }).locator('summary').filter({ hasText: 'Successful login' }).click();
  await screenshot(page, 'partners-dark');
  const cardBg = await page.locator('.partner-card').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(cardBg, 'rgb(28, 28, 38)', 'cards use the dark surface colour');
  assert.deepEqual(problems, []);
  await context.close();
});
