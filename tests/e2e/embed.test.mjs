// The embed view for documentation iframes and the example docs page that uses it together with
// the JavaScript API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot } from './support.mjs';

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

const EVENT = JSON.stringify({
  id: '1', account: '123456789012', source: 'aws.partner/shopify.com/1/orders', time: '2024-01-01T00:00:00Z',
  region: 'us-east-1', 'detail-type': 'shopifyWebhook', detail: { metadata: { 'X-Shopify-Topic': 'orders/create' } },
});
const embedUrl = (pattern, extra = '') =>
  `${server.url}embed/#/embed?pattern=${encodeURIComponent(pattern)}&event=${encodeURIComponent(EVENT)}${extra}`;

test('the embed shows the editors and a live result without the site chrome', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(embedUrl('{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}'));
  await page.getByText('Matches', { exact: true }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Sections' }).count(), 0, 'no site navigation in the embed');
  const pattern = page.getByRole('textbox', { name: 'Event pattern' });
  await pattern.fill('{"detail":{"metadata":{"X-Shopify-Topic":["orders/paid"]}}}');
  await page.getByText('Does not match', { exact: true }).waitFor();
  await pattern.fill('{"detail":[]}');
  await page.getByText(/Empty arrays are not allowed/).first().waitFor();
  const link = await page.getByRole('link', { name: 'Open in the playground' }).getAttribute('href');
  assert.match(link, /^\.\.\/#\/rules\?pattern=/, 'the playground link carries the texts as written');
  await screenshot(page, 'embed-editable');
  // Following it puts the same texts, as written, into the rule builder's draft.
  await page.goto(new URL(link, page.url()).href);
  await page.getByRole('status').filter({ hasText: 'Opened the example in the rule builder' }).waitFor();
  const saved = JSON.parse(await page.evaluate(() => localStorage.getItem('eventbridge-playground/state/v1')));
  assert.equal(saved.draft.pattern, '{"detail":[]}');
  assert.equal(saved.draft.event, EVENT);
  assert.doesNotMatch(page.url(), /pattern=/, 'the texts leave the URL once opened');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the read-only embed cannot be edited and follows the theme parameter', async () => {
  const { context, page, problems } = await openPage(browser, { colorScheme: 'light' });
  await page.goto(embedUrl('{"source":[{"prefix":"aws.partner/shopify.com"}]}', '&readonly=1&theme=dark'));
  await page.getByText('Matches', { exact: true }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: 'Event pattern' }).isEditable(), false);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await screenshot(page, 'embed-readonly-dark');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the docs example page resizes its iframe and checks a pattern with the JS API', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}examples/docs.html`);
  await page.locator('#api-result').filter({ hasText: 'testEventPattern → { result: true }' }).waitFor();
  const frame = page.frameLocator('#example');
  await frame.getByText('Matches', { exact: true }).waitFor();
  // The embed reported its height and the page applied it.
  await page.waitForFunction(() => document.getElementById('example').style.height !== '');
  const height = await page.evaluate(() => parseInt(document.getElementById('example').style.height, 10));
  assert.ok(height > 200, `iframe resized to ${height}px`);
  await screenshot(page, 'docs-example');
  assert.deepEqual(problems, []);
  await context.close();
});
