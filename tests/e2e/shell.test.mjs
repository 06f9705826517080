// The application shell: loads under a sub-path, every section is reachable from the navigation,
// back/forward work, and nothing goes wrong in the console or on the network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot, waitForApp } from './support.mjs';

const SECTIONS = ['Partners', 'Regions', 'Rules', 'Simulator'];

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

test('the shell loads under a sub-path with landmarks and the privacy footer', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  assert.match(await page.getByRole('banner').innerText(), /EventBridge Pattern Playground/);
  await page.getByRole('main').waitFor();
  assert.match(await page.getByRole('contentinfo').innerText(), /nothing you enter is sent anywhere/i);
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Partners');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every section is reachable from the navigation and back/forward work', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const name of SECTIONS) {
    await nav.getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    assert.equal(await nav.getByRole('link', { name }).getAttribute('aria-current'), 'page');
    assert.match(page.url(), new RegExp(`#/${name.toLowerCase()}$`));
    assert.match(await page.title(), new RegExp(`^${name} `));
    await screenshot(page, `section-${name.toLowerCase()}`);
  }
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Regions' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a deep link opens its section directly and unknown sections say so', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}#/simulator`);
  await waitForApp(page);
  await page.getByRole('heading', { level: 1, name: 'Simulator' }).waitFor();
  await page.goto(`${server.url}#/no-such-section`);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the navigation works from the keyboard with a visible focus ring', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  const rulesLink = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Rules' });
  await rulesLink.focus();
  const outline = await rulesLink.evaluate((el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none', 'focused links must show an outline');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Rules' }).waitFor();
  // Focus moves to the new page's heading so keyboard users land on the content.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dark colour scheme follows the system preference', async () => {
  const { context, page, problems } = await openPage(browser, { colorScheme: 'dark' });
  await page.goto(server.url);
  await waitForApp(page);
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await screenshot(page, 'shell-dark');
  await context.close();
  const light = await openPage(browser, { colorScheme: 'light' });
  await light.page.goto(server.url);
  await waitForApp(light.page);
  const lightBg = await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(dark, lightBg);
  assert.deepEqual([...problems, ...light.problems], []);
  await light.context.close();
});
