// After the first visit the playground works with the network off (service worker + manifest).
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

test('the app loads offline on a second visit', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  // Wait until the worker controls the page and has cached this deployment.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  const cached = await page.evaluate(async () => (await (await caches.open('eventbridge-playground')).keys()).map((r) => r.url));
  assert.ok(cached.some((url) => url.endsWith('.wasm')), `the wasm is cached: ${cached.join(', ')}`);
  const manifest = await page.evaluate(() => document.querySelector('link[rel="manifest"]').href);
  assert.ok(manifest.startsWith(server.url), 'the manifest sits beside the app');

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Regions' }).click();
  await page.getByRole('heading', { level: 1, name: 'Regions' }).waitFor();
  await screenshot(page, 'offline-second-visit');
  assert.deepEqual(problems, []);
  await context.close();
});
