// After the first visit the playground works with the network off (service worker + manifest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, pollUntil, screenshot, waitForApp } from './support.mjs';

let server;
let browser;
// Every file the server sent, to count what a first visit downloads.
const served = [];

before(async () => {
  server = await startServer(undefined, undefined, { onServe: (file) => served.push(file) });
  browser = await launchBrowser();
});

/**
 * Waits until the worker controls the page and has cached a file matching `pattern`. Trunk drops
 * leading zeros of its hashes, so the patterns allow 12 to 16 hex digits (as sw.js does).
 */
async function waitForCached(page, pattern) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  const cachedUrls = () => page.evaluate(async () => (await (await caches.open('eventbridge-playground')).keys()).map((r) => r.url));
  return pollUntil(cachedUrls, (urls) => urls.some((url) => pattern.test(url)), `nothing matching ${pattern} was cached`, 20_000);
}

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the app loads offline on a second visit, and the first visit downloads the bundle once', async () => {
  const { context, page, problems } = await openPage(browser);
  served.length = 0;
  await page.goto(server.url);
  await waitForApp(page);
  const cached = await waitForCached(page, /playground-[0-9a-f]{12,16}_bg\.wasm$/);
  assert.ok(cached.some((url) => url.endsWith('.wasm')), `the wasm is cached: ${cached.join(', ')}`);
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
  assert.ok(manifest.startsWith(server.url), 'the manifest sits beside the app');
  // Issue 16: the worker's install-time precache downloaded the wasm a second time.
  const wasm = served.filter((file) => /\/playground-[0-9a-f]+_bg\.wasm$/.test(file.path));
  const total = served.reduce((sum, file) => sum + file.bytes, 0);
  console.log(`first visit: ${served.length} files, ${total} bytes served; wasm downloads: ${served.filter((f) => f.path.endsWith('.wasm')).map((f) => `${f.path.split('/').pop()} ${f.bytes}`).join(', ')}`);
  assert.equal(wasm.length, 1, `the page's wasm was downloaded ${wasm.length} times`);

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Regions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Regions' }).waitFor();
  await screenshot(page, 'offline-second-visit');
  assert.deepEqual(problems, []);
  await context.close();
});

// Since the rule builder is a page of its own (issue 14), the home page has the worker fetch it a
// few seconds after starting, so that one visit still covers the whole workbench offline.
test('after a visit to the home page only, the rule builder opens offline', async () => {
  const { context, page, problems } = await openPage(browser);
  served.length = 0;
  await page.goto(server.url);
  await waitForApp(page);
  const cached = await waitForCached(page, /\/rules\/rules-[0-9a-f]{12,16}_bg\.wasm$/);
  assert.ok(cached.some((url) => url.endsWith('/rules/')), `the rule builder's page is cached: ${cached.join(', ')}`);
  const rulesWasm = served.filter((file) => /\/rules-[0-9a-f]+_bg\.wasm$/.test(file.path));
  assert.equal(rulesWasm.length, 1, 'the rule builder was fetched once');
  await context.setOffline(true);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Rules' }).click();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  await page.getByRole('button', { name: 'Create rule' }).waitFor();
  await screenshot(page, 'offline-rules-after-home-only');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the simulator and the docs example work offline once visited', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await waitForCached(page, /playground-[0-9a-f]{12,16}_bg\.wasm$/);
  // The simulator's first visit is already controlled: the worker caches what it fetches.
  await page.goto(`${server.url}simulator/#/simulator`);
  await waitForApp(page);
  await waitForCached(page, /simulator-[0-9a-f]{12,16}_bg\.wasm$/);
  await page.goto(`${server.url}examples/docs.html`);
  await page.locator('#api-result').filter({ hasText: 'testEventPattern' }).waitFor();
  await page.frameLocator('#example').getByText('Matches', { exact: true }).waitFor();
  await waitForCached(page, /embed-[0-9a-f]{12,16}_bg\.wasm$/);

  await context.setOffline(true);
  await page.goto(`${server.url}simulator/#/simulator`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await screenshot(page, 'offline-simulator');
  await page.goto(`${server.url}examples/docs.html`);
  await page.locator('#api-result').filter({ hasText: 'testEventPattern → { result: true }' }).waitFor();
  await page.frameLocator('#example').getByText('Matches', { exact: true }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
