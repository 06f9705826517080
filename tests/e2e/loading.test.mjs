// What a reader on a slow connection waits for: a docs embed and the playground's first page,
// loaded in a fresh browser over a throttled link (about 1.6 Mbit/s down, 150 ms latency) from a
// server that gzips as static hosts do. The bytes per file and the time until the page answers
// are printed and written to target/e2e/loading.json; the byte budgets are checked here too,
// because they are what the browser really transferred (xtask's size report checks the files).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer, launchBrowser, openPage, screenshot, screenshotDir } from './support.mjs';

const THROTTLE = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (0.75 * 1024 * 1024) / 8,
};
// The budgets have one home, xtask/size-budgets.toml (the page budgets, in gzip bytes).
const EMBED_BUDGET = pageBudget('dist/embed/index.html');
const EXERCISE_EMBED_BUDGET = pageBudget('dist/embed/exercise/index.html');
const PLAYGROUND_BUDGET = pageBudget('dist/index.html');
const RULES_BUDGET = pageBudget('dist/rules/index.html');

function pageBudget(html) {
  const text = fs.readFileSync(new URL('../../xtask/size-budgets.toml', import.meta.url), 'utf8');
  const entry = text.split('[[page]]').find((block) => block.includes(`html = "${html}"`));
  const gzip = entry && /^gzip = (\d+)/m.exec(entry);
  if (!gzip) throw new Error(`no page budget for ${html} in xtask/size-budgets.toml`);
  return Number(gzip[1]);
}

let server;
let browser;
const results = {};

before(async () => {
  server = await startServer(undefined, undefined, { gzip: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.writeFileSync(path.join(screenshotDir, 'loading.json'), `${JSON.stringify(results, null, 2)}\n`);
});

/** Opens `url` throttled and waits for `ready`; returns the transferred bytes per file and the time. */
async function loadThrottled(url, ready) {
  const { context, page, problems } = await openPage(browser, { serviceWorkers: 'block' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', THROTTLE);
  const urls = new Map();
  const transferred = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => urls.set(requestId, response.url));
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const file = urls.get(requestId);
    if (file) transferred.set(file, (transferred.get(file) ?? 0) + encodedDataLength);
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const milliseconds = Date.now() - started;
  const files = Object.fromEntries(
    [...transferred].map(([file, bytes]) => [new URL(file).pathname.replace(/^.*\/playground\//, ''), bytes]),
  );
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  await context.close();
  assert.deepEqual(problems, []);
  return { milliseconds, total, files };
}

const EVENT = JSON.stringify({
  id: '1', account: '123456789012', source: 'aws.partner/shopify.com/1/orders', time: '2024-01-01T00:00:00Z',
  region: 'us-east-1', 'detail-type': 'shopifyWebhook', detail: { metadata: { 'X-Shopify-Topic': 'orders/create' } },
});
const PATTERN = '{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}';

test('a docs embed answers on a slow link within its byte budget', async () => {
  const url = `${server.url}embed/#/embed?pattern=${encodeURIComponent(PATTERN)}&event=${encodeURIComponent(EVENT)}`;
  const result = await loadThrottled(url, (page) =>
    page.getByText('Matches', { exact: true }).waitFor({ timeout: 120_000 }),
  );
  results.embed = result;
  console.log(`embed: ${result.total} B transferred, result shown after ${result.milliseconds} ms`, result.files);
  assert.ok(result.total <= EMBED_BUDGET, `embed transferred ${result.total} B > ${EMBED_BUDGET} B`);
});

test('an exercise embed grades on a slow link within its byte budget', async () => {
  // An exercise link as the teacher's editor makes it: the document, raw deflate, base64url.
  const exercise = {
    version: 1,
    task: 'Match the order-creation events of this store, and no other topic.',
    events: [
      { expect: 'match', event: EVENT },
      { expect: 'no-match', event: EVENT.replace('orders/create', 'orders/paid') },
    ],
    answer: PATTERN,
  };
  const link = `1.${zlib.deflateRawSync(Buffer.from(JSON.stringify(exercise))).toString('base64url')}`;
  const result = await loadThrottled(`${server.url}embed/exercise/#/embed?exercise=${link}`, (page) =>
    page.locator('tr.event-row').nth(1).waitFor({ timeout: 120_000 }),
  );
  results.exerciseEmbed = result;
  console.log(`exercise embed: ${result.total} B transferred, events graded after ${result.milliseconds} ms`, result.files);
  assert.ok(result.total <= EXERCISE_EMBED_BUDGET, `exercise embed transferred ${result.total} B > ${EXERCISE_EMBED_BUDGET} B`);
});

test('the playground shows its first page on a slow link within its byte budget', async () => {
  const result = await loadThrottled(`${server.url}#/partners`, (page) =>
    page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 120_000 }),
  );
  results.playground = result;
  console.log(`playground: ${result.total} B transferred, first page after ${result.milliseconds} ms`, result.files);
  assert.ok(result.total <= PLAYGROUND_BUDGET, `playground transferred ${result.total} B > ${PLAYGROUND_BUDGET} B`);
});

// The rule builder is its own page (what the embeds' "Open in the playground" and old `#/rules`
// links open): its time to a usable wizard on the same slow link.
test('the rule builder opens on a slow link within its byte budget', async () => {
  const result = await loadThrottled(`${server.url}rules/#/rules`, (page) =>
    page.getByRole('button', { name: 'Create rule' }).waitFor({ timeout: 120_000 }),
  );
  results.rules = result;
  console.log(`rule builder: ${result.total} B transferred, usable after ${result.milliseconds} ms`, result.files);
  assert.ok(result.total <= RULES_BUDGET, `the rule builder transferred ${result.total} B > ${RULES_BUDGET} B`);
});

// Issue 16, item 12: a blank page until the wasm arrived, and a blank page forever (with only a
// console error) when it could not load.
test('the page says it is loading, then gives way to the app', async () => {
  const { context, page, problems } = await openPage(browser, { serviceWorkers: 'block' });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(server.url, { waitUntil: 'commit' });
  await page.getByRole('status').filter({ hasText: 'Loading the playground' }).waitFor();
  release();
  await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('#app-loading').count(), 0, 'the loading note is gone');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [name, entry] of [['playground', ''], ['simulator', 'simulator/'], ['embed', 'embed/'], ['custom bus', 'custom-bus/'], ['course', 'learn/']]) {
  test(`the ${name} page explains a wasm that cannot load`, async () => {
    const { context, page } = await openPage(browser, { serviceWorkers: 'block' });
    await page.route(/_bg\.wasm$/, (route) => route.abort('failed'));
    await page.goto(`${server.url}${entry}`);
    const alert = page.getByRole('alert').filter({ hasText: 'could not start' });
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /reload the page/i);
    await alert.getByRole('button', { name: 'Reload the page' }).waitFor();
    if (name === 'playground') await screenshot(page, 'wasm-failed');
    await context.close();
  });
}

test('a browser without WebAssembly is told what the page needs', async () => {
  const { context, page } = await openPage(browser, { serviceWorkers: 'block' });
  await page.addInitScript(() => { delete globalThis.WebAssembly; });
  await page.goto(server.url);
  const alert = page.getByRole('alert').filter({ hasText: 'cannot run WebAssembly' });
  await alert.waitFor({ timeout: 30_000 });
  await context.close();
});
