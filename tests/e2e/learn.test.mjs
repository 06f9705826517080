// The course (learn/): found from the home page, lessons solved by typing with live grading,
// hints, progress kept across reloads; a teacher's exercise shared as a link and as an embed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot, waitForApp } from './support.mjs';

const PROGRESS_KEY = 'eventbridge-playground/learn/v1';
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

/** Replaces an exercise's pattern by typing it key by key, as a learner would. */
async function typePattern(exercise, text) {
  const editor = exercise.getByRole('textbox', { name: 'Your pattern' });
  await editor.fill('');
  await editor.pressSequentially(text);
}

async function waitForStatus(exercise, status) {
  await exercise.locator(`.exercise-feedback[data-status="${status}"]`).waitFor();
}

async function solve(exercise, answer) {
  await typePattern(exercise, answer);
  await waitForStatus(exercise, 'solved');
  await exercise.getByRole('status').filter({ hasText: /^Solved: all \d+ events are graded right\.$/ }).waitFor();
}

test('a new visitor finds the course, solves lessons 1 and 2 with hints, and keeps the progress', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(server.url);
  await waitForApp(page);
  await page.getByRole('link', { name: 'Take the interactive course' }).click();
  await page.getByRole('heading', { level: 1, name: 'Learn event patterns' }).waitFor();
  assert.match(page.url(), /\/tools\/playground\/learn\/#\/learn$/);
  await page.getByText(/^0 of \d+ exercises solved\.$/).waitFor();
  assert.ok(await page.locator('.lesson-item').count() >= 16, 'the outline lists the lessons');
  await screenshot(page, 'learn-outline');

  // Lesson 1, exercise 1: a typical wrong answer first.
  await page.locator('.lesson-link').first().click();
  const first = page.locator('#ex-exact-values-detail-type');
  await first.waitFor();
  await typePattern(first, '{"detail-type": ["order placed"]}');
  await waitForStatus(first, 'wrong');
  const wrongRows = first.locator('.event-row.grade-wrong');
  assert.ok(await wrongRows.count() >= 1, 'the failing events are marked');
  assert.match(await wrongRows.first().innerText(), /✗/);
  const why = first.locator('.event-why').first();
  assert.match(await why.innerText(), /detail-type/);
  assert.match(await why.innerText(), /does not match|not satisfied/i);
  assert.match(await first.locator('.hidden-events').innerText(), /hidden events?: \d graded right/);
  assert.equal(await first.locator('.exercise-answer').count(), 0, 'no answer before it is asked for');
  // Hints, one at a time.
  await first.getByRole('button', { name: 'Show a hint' }).click();
  assert.equal(await first.locator('.hints li').count(), 1);
  await first.getByRole('button', { name: /Show hint 2 of \d/ }).click();
  assert.equal(await first.locator('.hints li').count(), 2);
  // Every hint is used: the answer may be shown now.
  await first.getByRole('button', { name: 'Show answer' }).waitFor();
  await screenshot(page, 'learn-wrong');

  await solve(first, '{"detail-type": ["Order Placed"]}');
  assert.equal(await first.locator('.event-row.grade-wrong').count(), 0);
  assert.ok(await first.getByText('(was hidden)').count() >= 1, 'hidden events are shown once solved');
  await screenshot(page, 'learn-solved');
  await first.getByRole('button', { name: 'Next exercise' }).click();

  const second = page.locator('#ex-exact-values-store-source');
  await solve(second, '{"source": ["aws.partner/shopify.com/4583217/orders-and-products"]}');
  await second.getByRole('link', { name: /^Next lesson: / }).click();
  await page.locator('#ex-or-and-two-sources').waitFor();

  // Lesson 2.
  await solve(
    page.locator('#ex-or-and-two-sources'),
    '{"source": ["aws.partner/pagerduty.com/acme-checkout-oncall", "aws.partner/datadog.com/Datadog-7c1e4a9b2f"]}',
  );
  await solve(
    page.locator('#ex-or-and-source-and-region'),
    '{"source": ["aws.partner/datadog.com/Datadog-7c1e4a9b2f"], "region": ["eu-west-1"]}',
  );

  // The progress survives a reload.
  await page.reload();
  await page.locator('#ex-or-and-two-sources .exercise-badge').filter({ hasText: 'solved' }).waitFor();
  assert.equal(await page.locator('#ex-or-and-two-sources .exercise-feedback').getAttribute('data-status'), 'solved');
  await page.goto(`${server.url}learn/#/learn`);
  await page.getByText(/^4 of \d+ exercises solved\.$/).waitFor();
  assert.match(await page.locator('.lesson-item').nth(0).innerText(), /✓ 2 of 2 solved/);
  assert.match(await page.locator('.lesson-item').nth(1).innerText(), /✓ 2 of 2 solved/);
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY));
  assert.equal(saved.exercises['exact-values/detail-type'].solved, true);
  assert.equal(saved.exercises['exact-values/detail-type'].hints_used, 2);

  // Reset, after a confirmation.
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  await page.getByRole('button', { name: 'Yes, reset my progress' }).click();
  await page.getByText(/^0 of \d+ exercises solved\.$/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('damaged saved progress gives a clear notice and the course keeps working', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.addInitScript((key) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, '{"version": 1, "exercises": [');
      sessionStorage.setItem('seeded', '1');
    }
  }, PROGRESS_KEY);
  await page.goto(`${server.url}learn/#/learn/exact-values`);
  await page.getByRole('status').filter({ hasText: 'could not be read' }).waitFor();
  const first = page.locator('#ex-exact-values-detail-type');
  await solve(first, '{"detail-type": ["Order Placed"]}');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a teacher shares an exercise made from partner samples; the link grades in a fresh browser', async () => {
  const teacher = await openPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const page = teacher.page;
  await page.goto(`${server.url}learn/#/learn/teach`);
  await page.getByRole('heading', { level: 1, name: 'Make an exercise' }).waitFor();
  await page.getByText('a determined learner can decode it').waitFor();
  const addSample = async (key) => {
    await page.locator('#teacher-sample').selectOption(key);
    await page.getByRole('button', { name: 'Add this sample' }).click();
  };
  await addSample('shopify.com/orders-create');
  await addSample('shopify.com/products-update');
  await addSample('shopify.com/app-uninstalled');
  const events = page.locator('.teacher-event');
  assert.equal(await events.count(), 3);
  await events.nth(1).getByLabel('Should not match').check();
  await events.nth(2).getByLabel('Should not match').check();
  await events.nth(2).getByLabel('Hidden until solved').check();
  await page.locator('#teacher-title').fill('Only new orders');
  await page.locator('#teacher-task').fill('Match the events of new Shopify orders, and no other topic.');
  await page.locator('#teacher-hints').fill('Look at detail.metadata.\nThe topic header is X-Shopify-Topic.');
  // A wrong reference answer is caught before sharing.
  await page.locator('#teacher-answer').fill('{"source": ["nope"]}');
  await page.getByText(/^Not ready: /).waitFor();
  await page.locator('#teacher-answer').fill('{"detail": {"metadata": {"X-Shopify-Topic": ["orders/create"]}}}');
  await page.getByText('The exercise is ready to share.').waitFor();
  // The draft survives a reload.
  await page.waitForLoadState('networkidle');
  await page.reload();
  await page.getByText('The exercise is ready to share.').waitFor();
  assert.equal(await events.count(), 3);
  assert.equal(await page.locator('#teacher-title').inputValue(), 'Only new orders');
  assert.equal(await events.nth(2).getByLabel('Hidden until solved').isChecked(), true);
  await page.getByRole('button', { name: 'Make the link' }).click();
  const linkBlock = page.locator('#teacher-link');
  await linkBlock.waitFor();
  const link = (await linkBlock.innerText()).trim();
  assert.ok(link.startsWith(`${server.url}learn/#/learn/exercise?x=1.`), link);
  await page.getByRole('button', { name: 'Copy Link for learners' }).click();
  await page.getByText('Copied.').first().waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  const snippet = (await page.locator('#teacher-embed').innerText()).trim();
  assert.match(snippet, /^<iframe src="[^"]+\/embed\/exercise\/#\/embed\?exercise=1\.[A-Za-z0-9_.%-]+"/);
  await screenshot(page, 'learn-teacher');
  assert.deepEqual(teacher.problems, []);
  await teacher.context.close();

  // A learner in a fresh browser context.
  const learner = await openPage(browser);
  await learner.page.goto(link);
  await learner.page.getByRole('heading', { level: 1, name: 'Only new orders' }).waitFor();
  const exercise = learner.page.locator('section.exercise');
  assert.equal(await exercise.locator('.event-row').count(), 2, 'the hidden event is not shown');
  assert.equal(await exercise.locator('.exercise-answer').count(), 0);
  await typePattern(exercise, '{"source": ["aws.partner/shopify.com/4583217/orders-and-products"]}');
  await waitForStatus(exercise, 'wrong');
  assert.equal(await exercise.locator('.event-row.grade-wrong').count(), 1);
  await solve(exercise, '{"detail": {"metadata": {"X-Shopify-Topic": [{"prefix": "orders/"}]}}}');
  assert.equal(await exercise.locator('.event-row').count(), 3, 'the hidden event is shown once solved');
  assert.deepEqual(learner.problems, []);

  // The embed snippet, pasted into a page as it is, grades the same exercise in its iframe.
  await learner.page.setContent(`<!doctype html><title>Course site</title><main>${snippet}</main>`);
  const frame = learner.page.frameLocator('iframe');
  await frame.getByRole('textbox', { name: 'Your pattern' }).waitFor();
  assert.equal(await frame.locator('.event-row').count(), 2, 'the hidden event is not shown in the embed');
  await typePattern(frame.locator('main'), '{"detail": {"metadata": {"X-Shopify-Topic": ["orders/paid"]}}}');
  await frame.locator('.exercise-feedback[data-status="wrong"]').waitFor();
  assert.equal(await frame.locator('.exercise-answer').count(), 0, 'no answer before solved or given up');
  await typePattern(frame.locator('main'), '{"detail": {"metadata": {"X-Shopify-Topic": ["orders/create"]}}}');
  await frame.locator('.exercise-feedback[data-status="solved"]').waitFor();
  assert.equal(await frame.locator('.event-row').count(), 3);
  assert.deepEqual(learner.problems, []);
  await learner.context.close();
});

test('damaged and too-new exercise links say why and change nothing', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}learn/#/learn/exercise?x=1.AAAA`);
  await page.getByRole('alert').filter({ hasText: /damaged|cannot be used/ }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.goto(`${server.url}learn/#/learn/exercise?x=9.abc`);
  await page.getByRole('alert').filter({ hasText: 'newer version' }).waitFor();
  assert.equal(await page.evaluate((key) => localStorage.getItem(key), PROGRESS_KEY), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the exercise embed on the docs example page grades inside its iframe', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}examples/docs.html`);
  const frame = page.frameLocator('#exercise');
  const editor = frame.getByRole('textbox', { name: 'Your pattern' });
  await editor.waitFor();
  assert.equal(await frame.locator('.exercise-answer').count(), 0, 'the answer is not in the page');
  await editor.fill('{"detail": {"metadata": {"X-Shopify-Topic": ["orders/paid"]}}}');
  await frame.locator('.exercise-feedback[data-status="wrong"]').waitFor();
  assert.ok(await frame.locator('.event-row.grade-wrong').count() >= 1);
  await editor.fill('{"detail": {"metadata": {"X-Shopify-Topic": ["orders/create"]}}}');
  await frame.locator('.exercise-feedback[data-status="solved"]').waitFor();
  await frame.locator('.exercise-answer').waitFor();
  await page.waitForFunction(() => document.getElementById('exercise').style.height !== '');
  await screenshot(page, 'learn-embed');
  // The same link given to the plain embed (embed/) is handed to the exercise page, which alone
  // carries the grading.
  const src = await page.locator('#exercise').getAttribute('src');
  assert.match(src, /\/embed\/exercise\/#\/embed\?exercise=/);
  await page.goto(new URL(src.replace('/embed/exercise/', '/embed/'), page.url()).href);
  await page.getByRole('textbox', { name: 'Your pattern' }).waitFor();
  assert.match(page.url(), /\/embed\/exercise\/#\/embed\?exercise=/);
  assert.deepEqual(problems, []);
  await context.close();
});
