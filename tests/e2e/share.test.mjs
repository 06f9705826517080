// Share links, export/import, theme and shortcuts: the state travels in the URL fragment and
// a damaged link never costs the user their work.
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

/** Opens the app with a prepared saved state. */
async function openWithState(state, options = {}) {
  const opened = await openPage(browser, options);
  await opened.page.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [STATE_KEY, JSON.stringify(state)]);
  await opened.page.goto(server.url);
  await waitForApp(opened.page);
  return opened;
}

/** The Region shown in the header (its accessible name also says "Current Region"). */
async function headerRegion(page) {
  return (await page.getByRole('link', { name: /Current Region/ }).innerText()).split(/\s+/).pop();
}

const DRAFT_PATTERN = '{"source":[{"prefix":"aws.partner/shopify.com"}]}';

test('a share link opens the same state in a fresh browser and leaves the URL clean', async () => {
  const sender = await openWithState({ region: 'eu-west-1', account: '111122223333', draft: { pattern: DRAFT_PATTERN, event: '' } });
  await sender.page.getByRole('button', { name: 'Share link' }).click();
  const dialog = sender.page.getByRole('dialog', { name: 'Share this playground' });
  await dialog.waitFor();
  const link = await linkIn(dialog);
  assert.match(link, /#\/partners\?state=1\.[A-Za-z0-9_-]+$/);
  assert.ok(link.startsWith(server.url), 'the link keeps the sub-path');
  await screenshot(sender.page, 'share-dialog');
  assert.deepEqual(sender.problems, []);
  await sender.context.close();

  const receiver = await openPage(browser);
  await receiver.page.goto(link);
  await waitForApp(receiver.page);
  await receiver.page.getByRole('status').filter({ hasText: 'Opened the playground from a shared link' }).waitFor();
  assert.equal(await headerRegion(receiver.page), 'eu-west-1');
  const saved = JSON.parse(await receiver.page.evaluate((key) => localStorage.getItem(key), STATE_KEY));
  assert.equal(saved.draft.pattern, DRAFT_PATTERN);
  assert.equal(saved.account, '111122223333');
  assert.doesNotMatch(receiver.page.url(), /state=/, 'the state parameter is removed after opening');
  assert.deepEqual(receiver.problems, []);
  await receiver.context.close();
});

test('a shared rule opens in a fresh browser and is listed on the Rules page', async () => {
  const rule = {
    name: 'orders-to-fulfilment', account_id: '123456789012', region: 'us-east-1', event_bus: 'default',
    description: 'Order events from the shop', event_pattern: DRAFT_PATTERN,
  };
  const sender = await openWithState({ region: 'us-east-1', account: '123456789012', rules: { rules: [rule] } });
  await sender.page.getByRole('button', { name: 'Share link' }).click();
  const link = await linkIn(sender.page.getByRole('dialog', { name: 'Share this playground' }));
  console.log(`share link for one rule: ${link.length} characters (${link.length - server.url.length} in the fragment)`);
  await sender.context.close();

  const receiver = await openPage(browser);
  await receiver.page.goto(link);
  await waitForApp(receiver.page);
  await receiver.page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Rules' }).click();
  await receiver.page.getByText('orders-to-fulfilment').first().waitFor();
  await screenshot(receiver.page, 'share-rule-received');
  assert.deepEqual(receiver.problems, []);
  await receiver.context.close();
});

test('a damaged link shows an error and keeps the current work', async () => {
  const own = { region: 'ap-southeast-2', account: '444455556666', draft: { pattern: '{"mine":["yes"]}', event: '' } };
  const { context, page, problems } = await openWithState(own);
  await page.goto(`${server.url}#/rules?state=1.this-is-not-a-valid-state`);
  await page.getByRole('status').filter({ hasText: 'damaged' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Your current work is unchanged' }).waitFor();
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), STATE_KEY));
  assert.equal(saved.region, 'ap-southeast-2');
  assert.equal(saved.draft.pattern, '{"mine":["yes"]}');
  await page.goto(`${server.url}#/rules?state=9.abc`);
  await page.getByRole('status').filter({ hasText: 'newer version' }).waitFor();
  await screenshot(page, 'share-damaged-link');
  assert.deepEqual(problems, []);
  await context.close();
});

test('opening a link keeps the previous work as a backup that can be restored', async () => {
  const sender = await openWithState({ region: 'eu-north-1' });
  await sender.page.keyboard.press('Control+s');
  const link = await linkIn(sender.page.getByRole('dialog', { name: 'Share this playground' }));
  await sender.context.close();

  const { context, page, problems } = await openWithState({ region: 'sa-east-1' });
  await page.goto(link);
  await page.getByRole('status').filter({ hasText: 'kept as a backup' }).waitFor();
  assert.equal(await headerRegion(page), 'eu-north-1');
  await page.getByRole('button', { name: 'Restore my previous work' }).click();
  await page.getByRole('status').filter({ hasText: 'Restored a backup' }).waitFor();
  assert.equal(await headerRegion(page), 'sa-east-1');
  assert.deepEqual(problems, []);
  await context.close();
});

const BACKUPS_KEY = 'eventbridge-playground/backups/v1';

/** A share link of a fresh playground in `region`. */
async function shareLinkFor(region) {
  const sender = await openWithState({ region });
  await sender.page.keyboard.press('Control+s');
  const link = await linkIn(sender.page.getByRole('dialog', { name: 'Share this playground' }));
  await sender.context.close();
  return link;
}

// Issue 16: a second link replaced the only backup, and "restore" brought back the first link.
test('two links in a row keep both earlier states in the backup history', async () => {
  const first = await shareLinkFor('eu-north-1');
  const second = await shareLinkFor('eu-west-1');
  const { context, page, problems } = await openWithState({ region: 'sa-east-1' });
  await page.goto(first);
  await page.getByRole('status').filter({ hasText: 'kept as a backup' }).waitFor();
  assert.equal(await headerRegion(page), 'eu-north-1');
  await page.goto(second);
  await page.waitForFunction(() => !location.hash.includes('state='));
  await page.getByRole('link', { name: /Current Region/ }).filter({ hasText: 'eu-west-1' }).waitFor();
  const stored = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), BACKUPS_KEY));
  assert.deepEqual(stored.map((backup) => JSON.parse(backup.state).region), ['eu-north-1', 'sa-east-1']);

  await page.getByText('Backups of replaced work (2)').click();
  const entries = page.locator('.backup-list li');
  assert.equal(await entries.count(), 2);
  await screenshot(page, 'backup-history');
  await entries.nth(1).getByRole('button', { name: 'Restore' }).click();
  await page.getByRole('status').filter({ hasText: 'Restored a backup' }).waitFor();
  assert.equal(await headerRegion(page), 'sa-east-1', 'the user\'s own work is back');
  // What the restore replaced is kept too: nothing is lost either way.
  const after = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), BACKUPS_KEY));
  assert.deepEqual(after.map((backup) => JSON.parse(backup.state).region), ['eu-west-1', 'eu-north-1']);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16: unreadable saved state was overwritten on the first edit with no copy kept.
test('unreadable saved text is kept aside and can be downloaded', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, '{"region": "eu-west-1", broken');
      sessionStorage.setItem('seeded', '1');
    }
  }, STATE_KEY);
  await page.goto(`${server.url}#/rules?pattern=${encodeURIComponent('{"a":["b"]}')}`);
  await waitForApp(page);
  await page.getByText('Backups of replaced work').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download it' }).click(),
  ]);
  const kept = Buffer.concat(await (await download.createReadStream()).toArray()).toString('utf8');
  assert.equal(kept, '{"region": "eu-west-1", broken');
  // The clean state was saved over the unreadable one, which is still kept aside.
  assert.notEqual(await page.evaluate((key) => localStorage.getItem(key), STATE_KEY), kept);
  assert.equal(await page.evaluate(() => localStorage.getItem('eventbridge-playground/state/unreadable')), kept);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16: with storage full, opening a link said nothing about not saving, and the "not saved"
// notice stayed after saving worked again.
test('notices say when a link could not be saved and clear once saving works again', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.addInitScript((key) => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (name, value) {
      if (name === key && localStorage.getItem('test/full') !== 'no') throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, name, value);
    };
  }, STATE_KEY);
  await page.goto(`${server.url}#/rules?pattern=${encodeURIComponent('{"a":["b"]}')}&event=${encodeURIComponent('{"a":"b"}')}`);
  const status = page.getByRole('status').filter({ hasText: 'Opened the example' });
  await status.filter({ hasText: 'not saved' }).waitFor();
  await page.evaluate(() => localStorage.setItem('test/full', 'no'));
  // Any edit on this page saves again: start a rule (the open wizard step is part of the state).
  // (Another section would be another page, and unsaved work does not travel between pages.)
  await page.getByRole('button', { name: 'Create rule' }).click();
  await storedJson(page, STATE_KEY, (stored) => stored.draft?.pattern === '{"a":["b"]}');
  await page.getByRole('status').filter({ hasText: 'Opened the example' }).waitFor();
  const text = await page.locator('.notice-banner').innerText();
  assert.doesNotMatch(text, /not saved/, `the notice still says it is not saved: ${text}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('export and import round-trip the state; a bad file is refused with a message', async () => {
  const { context, page, problems } = await openWithState({ region: 'ca-central-1', draft: { pattern: DRAFT_PATTERN, event: '' } });
  await page.getByRole('button', { name: 'Your data' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your data' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export to a file' }).click()]);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8')));
  assert.equal(exported.region, 'ca-central-1');

  await dialog.getByLabel('Import a file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
  await dialog.getByRole('alert').filter({ hasText: 'bad.json was not imported' }).waitFor();

  exported.region = 'us-west-2';
  await dialog.getByLabel('Import a file').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(exported)) });
  await page.getByRole('status').filter({ hasText: 'Imported good.json' }).waitFor();
  assert.equal(await headerRegion(page), 'us-west-2');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the theme can be forced to dark or light and the shortcuts dialog opens with ?', async () => {
  const { context, page, problems } = await openPage(browser, { colorScheme: 'light' });
  await page.goto(server.url);
  await waitForApp(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByLabel('Theme').selectOption('dark');
  assert.notEqual(await background(), light);
  await page.reload();
  await waitForApp(page);
  assert.notEqual(await background(), light, 'the theme choice survives a reload');
  await screenshot(page, 'theme-dark-forced');
  await page.getByLabel('Theme').selectOption('system');
  assert.equal(await background(), light);

  await page.locator('body').press('?');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'hidden' });
  assert.deepEqual(problems, []);
  await context.close();
});

/** The share dialog's link, once the (asynchronous, compressed) encoding has filled it in. */
async function linkIn(dialog) {
  const field = dialog.getByLabel('Link');
  await field.waitFor();
  for (let tries = 0; tries < 100; tries += 1) {
    const value = await field.inputValue();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the share dialog never showed a link');
}
