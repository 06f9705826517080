// The Regions page: the searchable Region table, choosing the current Region, and how the
// choice changes every ARN and sample event on the Partners page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot, waitForApp } from './support.mjs';

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

async function openRegions(options) {
  const opened = await openPage(browser, options);
  await opened.page.goto(`${server.url}#/regions`);
  await waitForApp(opened.page);
  await opened.page.getByRole('heading', { level: 1, name: 'Regions' }).waitFor();
  return opened;
}

function regionPill(page) {
  return page.getByRole('banner').getByRole('link', { name: /Current Region/ });
}

test('the Region table lists every Region with code, name and partition', async () => {
  const { context, page, problems } = await openRegions();
  const table = page.getByRole('table');
  const headers = await table.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(headers.map((h) => h.trim().toLowerCase()), ['code', 'name', 'partition', 'current region']);
  const rows = table.getByRole('row');
  assert.equal(await rows.count(), 24, '23 Regions and the header row');
  assert.equal(await table.getByRole('rowheader').count(), 23);
  const beijing = table.getByRole('row', { name: /cn-north-1\b/ });
  assert.match(await beijing.innerText(), /China \(Beijing\)\s+aws-cn/);
  // The default Region is the current one.
  assert.equal(await page.getByRole('radio', { name: 'Use this Region: us-east-1' }).isChecked(), true);
  await screenshot(page, 'regions-table');
  assert.deepEqual(problems, []);
  await context.close();
});

test('searching the Regions narrows the table', async () => {
  const { context, page, problems } = await openRegions();
  const search = page.getByLabel('Search by code, name or partition');
  const table = page.getByRole('table');
  await search.fill('ireland');
  await page.getByRole('status').filter({ hasText: '1 of 23 Regions matches.' }).waitFor();
  assert.equal(await table.getByRole('rowheader').count(), 1);
  assert.equal(await table.getByRole('rowheader').innerText(), 'eu-west-1');
  await search.fill('sao paulo');
  assert.equal(await table.getByRole('rowheader').innerText(), 'sa-east-1');
  await search.fill('aws-cn');
  assert.deepEqual(await table.getByRole('rowheader').allInnerTexts(), ['cn-north-1', 'cn-northwest-1']);
  await search.fill('atlantis');
  await page.getByRole('status').filter({ hasText: 'No Region matches.' }).waitFor();
  assert.equal(await table.getByRole('rowheader').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('choosing a Region makes it current everywhere and survives a reload', async () => {
  const { context, page, problems } = await openRegions();
  await page.getByLabel('Search by code, name or partition').fill('frankfurt');
  const radio = page.getByRole('radio', { name: 'Use this Region: eu-central-1' });
  await radio.check();
  await regionPill(page).filter({ hasText: 'eu-central-1' }).waitFor();
  const current = page.getByRole('heading', { level: 2, name: 'Current Region' }).locator('..');
  assert.match(await current.innerText(), /eu-central-1\s+Europe \(Frankfurt\)/);
  assert.match(await current.innerText(), /arn:aws:events:eu-central-1:123456789012:event-bus\/default/);
  assert.equal(await page.getByRole('table').getByRole('row', { name: /eu-central-1/ }).getAttribute('aria-current'), 'true');
  await screenshot(page, 'regions-frankfurt');

  await page.reload();
  await waitForApp(page);
  await regionPill(page).filter({ hasText: 'eu-central-1' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Use this Region: eu-central-1' }).isChecked(), true);

  // The China Regions use their own partition in ARNs.
  await page.getByRole('radio', { name: 'Use this Region: cn-north-1' }).check();
  await page.getByText('arn:aws-cn:events:cn-north-1:123456789012:event-bus/default').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('Regions can be chosen from the keyboard', async () => {
  const { context, page, problems } = await openRegions();
  const first = page.getByRole('radio', { name: 'Use this Region: us-east-1' });
  await first.focus();
  const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused radio shows an outline');
  await page.keyboard.press('ArrowDown');
  await regionPill(page).filter({ hasText: 'us-east-2' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: 'Use this Region: us-east-2' }).isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('switching Region changes the ARNs on the Partners page', async () => {
  const { context, page, problems } = await openRegions();
  await page.getByRole('link', { name: 'See your partner event sources in this Region' }).click();
  await page.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
  const flow = page.getByRole('region', { name: 'Connect Auth0 to EventBridge' });
  const sourceName = await page.getByLabel('Event source name').inputValue();
  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByRole('button', { name: 'Associate with event bus' }).click();
  await flow.getByText(/The source is Active/).waitFor();
  const usArn = (await flow.getByRole('definition').allInnerTexts())[2];
  assert.equal(usArn, `arn:aws:events:us-east-1:123456789012:event-bus/${sourceName}`);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Regions' }).click();
  await page.getByRole('radio', { name: 'Use this Region: eu-west-1' }).check();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Partners' }).click();
  await page.getByRole('heading', { level: 2, name: 'Your partner event sources in eu-west-1' }).waitFor();
  // Sources are regional: the us-east-1 one is not listed here, but the page says where it is.
  await page.getByText('No partner event sources here yet.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Switch to us-east-1 (1)' }).waitFor();

  await flow.getByRole('button', { name: 'Create the partner event source' }).click();
  await flow.getByRole('button', { name: 'Associate with event bus' }).click();
  await flow.getByText(/The source is Active/).waitFor();
  const euArn = (await flow.getByRole('definition').allInnerTexts())[2];
  assert.equal(euArn, `arn:aws:events:eu-west-1:123456789012:event-bus/${sourceName}`);
  const row = page.getByRole('table').getByRole('row', { name: /auth0\.logs/ });
  assert.ok((await row.innerText()).includes(`arn:aws:events:eu-west-1::event-source/${sourceName}`));

  // Sample events follow the Region too.
  const samples = page.getByRole('region', { name: 'Sample events' });
  await samples.locator('summary').first().click();
  const event = JSON.parse(await samples.getByLabel(/^Sample event:/).first().innerText());
  assert.equal(event.region, 'eu-west-1');
  await screenshot(page, 'partners-eu-west-1');

  // Switching back from the note brings the first source back.
  await page.getByRole('button', { name: 'Switch to us-east-1 (1)' }).click();
  await page.getByRole('heading', { level: 2, name: 'Your partner event sources in us-east-1' }).waitFor();
  assert.ok((await page.getByRole('table').innerText()).includes(usArn));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the Regions page in the dark scheme', async () => {
  const { context, page, problems } = await openRegions({ colorScheme: 'dark' });
  await page.getByRole('radio', { name: 'Use this Region: ap-southeast-2' }).check();
  await regionPill(page).filter({ hasText: 'ap-southeast-2' }).waitFor();
  await screenshot(page, 'regions-dark');
  assert.deepEqual(problems, []);
  await context.close();
});
