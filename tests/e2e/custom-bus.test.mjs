// The Custom Event Bus page, tried as a new user would (issue 17): a Shopify partner source
// feeds a Custom Event Bus; a subscriber with a DATA filter and a JSONata transformer is built
// and tested; a Classic rule with a wildcard and a 24-hour retry policy is migrated and the
// preview flags both; the same one-hour outage is delivered late on Classic and dead-lettered on
// the new bus at its default retry policy. Screenshots go to target/e2e/.
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

async function openCustomBus(url) {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  await opened.page.goto(url);
  await waitForApp(opened.page);
  await opened.page.getByRole('heading', { level: 1, name: 'The new Custom Event Bus' }).waitFor();
  return opened;
}

const count = async (page, column, row) =>
  Number(await page.locator(`#${column} tr.${row} td`).first().textContent());

test('a Shopify source feeds a Custom Event Bus; a subscriber is built, tested, migrated to and drilled', async () => {
  const { page, problems } = await openCustomBus(`${server.url}custom-bus/#/custom-bus`);

  // 1. The kind of bus is chosen, and the partner chain is drawn.
  assert.equal(await page.getByLabel('Custom Event Bus (new: subscribers)').isChecked(), true);
  assert.equal(await page.locator('#bus-partner').inputValue(), 'shopify.com');
  assert.match(await page.locator('#bus-arn').textContent(), /^arn:aws:events:us-east-1:111122223333:event-busv2\/orders\/[a-z0-9]{25}$/);
  const chain = page.getByRole('list', { name: 'How partner events reach the bus' });
  assert.deepEqual(
    await chain.locator('.cb-chain-kind').allTextContents(),
    ['SaaS partner', 'Partner event source', 'Managed partner event bus', 'Managed rule and target', 'Custom Event Bus', 'Subscribers'],
  );
  await screenshot(page, 'custom-bus-chain');

  // 2. The subscriber: a DATA filter on the Shopify topic and a JSONata transformer.
  await page.getByText('CreateSubscriber accepts this request.').waitFor();
  assert.match(await page.locator('#subscriber-verdict').textContent(), /^DELIVERED/);
  assert.equal(await page.locator('#subscriber-payload').textContent(), '{"order":"#1187","total":"184.50"}');
  // Another topic is not delivered, and says why per scope.
  const event = page.locator('#test-event');
  const shopifyOrder = await event.inputValue();
  await event.fill(shopifyOrder.replace('"orders/create"', '"orders/cancelled"'));
  await page.locator('#subscriber-verdict', { hasText: 'NOT DELIVERED' }).waitFor();
  assert.equal(await page.locator('#subscriber-payload').count(), 0);
  await event.fill(shopifyOrder);
  await page.locator('#subscriber-verdict', { hasText: /^DELIVERED/ }).waitFor();
  // A wildcard is refused in the DATA scope, with the member it is in.
  const data = page.locator('#filter-data');
  const goodFilter = await data.inputValue();
  await data.fill('{"detail":{"metadata":{"X-Shopify-Topic":[{"wildcard":"orders/*"}]}}}');
  await page.getByText('CreateSubscriber refuses this request:').waitFor();
  const refusal = page.locator('.problem-list li').filter({ hasText: 'FilterConfiguration.Filters[0].Pattern' });
  assert.match((await refusal.textContent()).toLowerCase(), /wildcard/);
  await screenshot(page, 'custom-bus-subscriber-refused');
  await data.fill(goodFilter);
  await page.getByText('CreateSubscriber accepts this request.').waitFor();
  // A JSONata error is a delivery failure, not a crash.
  const jsonata = page.locator('#sub-jsonata');
  const goodExpression = await jsonata.inputValue();
  await jsonata.fill('{% $error("no order") %}');
  await page.locator('#subscriber-payload', { hasText: 'The delivery fails' }).waitFor();
  await jsonata.fill(goodExpression);
  await page.locator('#subscriber-payload', { hasText: '"order":"#1187"' }).waitFor();
  await screenshot(page, 'custom-bus-subscriber');

  // 3. The Classic rule (a wildcard, 185 retries within 24 hours) and its migration preview.
  assert.match(await page.locator('#classic-pattern').inputValue(), /"wildcard":"orders\/\*"/);
  assert.equal(await page.locator('#classic-retries').inputValue(), '185');
  assert.equal(await page.locator('#classic-age').inputValue(), '86400');
  const notes = page.locator('#migration-notes');
  await notes.locator('[data-topic="wildcard"]').first().waitFor();
  const wildcard = await notes.locator('[data-topic="wildcard"]').allTextContents();
  assert.ok(wildcard.some((text) => text.includes('Action needed') && text.includes('"prefix":"orders/"')), wildcard.join('\n'));
  const retry = await page.locator('.cb-subscriber-notes [data-topic="retry-defaults"]').textContent();
  assert.match(retry, /185/);
  assert.match(retry, /MaxRetryAttempts 185/);
  assert.match(await page.locator('#migration-export').textContent(), /AWS::EventsV2::Subscriber/);
  await page.getByRole('button', { name: 'aws eventsv2 CLI' }).click();
  await page.locator('#migration-export', { hasText: 'aws eventsv2 create-subscriber' }).waitFor();
  await screenshot(page, 'custom-bus-migration');

  // 4. The same one-hour outage on both buses.
  assert.equal(await page.locator('#drill-outage-minutes').inputValue(), '60');
  await page.getByRole('button', { name: 'Run the outage on both' }).click();
  await page.locator('#drill-classic').waitFor({ timeout: 60_000 });
  const classicLate = await count(page, 'drill-classic', 'cb-late');
  const classicDead = await count(page, 'drill-classic', 'cb-dead-lettered');
  const defaultsDead = await count(page, 'drill-defaults', 'cb-dead-lettered');
  const keptLate = await count(page, 'drill-migrated', 'cb-late');
  assert.ok(classicLate > 0, `Classic delivers late (${classicLate})`);
  assert.equal(classicDead, 0);
  assert.ok(defaultsDead > 0, `the new bus at its defaults dead-letters (${defaultsDead})`);
  assert.ok(keptLate > 0, `the migrated policy keeps delivering late (${keptLate})`);
  await screenshot(page, 'custom-bus-drill');

  assert.deepEqual(problems, []);
});

test('the playground forwards #/custom-bus links, and the navigation reaches the page', async () => {
  const { page, problems } = await openCustomBus(`${server.url}#/custom-bus`);
  assert.match(page.url(), /\/custom-bus\/#\/custom-bus$/);
  assert.equal(
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'New bus' }).getAttribute('aria-current'),
    'page',
  );
  // Choosing Classic points to where Classic rules are built.
  await page.getByLabel('Custom Event Bus - Classic (rules and targets)').check();
  await page.getByRole('link', { name: 'rule builder' }).waitFor();
  assert.deepEqual(problems, []);
});

test('the scopes lesson grades each event as the learner types, keeps progress and is linked from the course', async () => {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  const { page, problems } = opened;
  await page.goto(`${server.url}learn/#/learn`);
  await waitForApp(page);
  await page.getByRole('link', { name: 'Three scopes, and what Classic habits break' }).click();
  await page.getByRole('heading', { level: 1, name: /three scopes/ }).waitFor();
  assert.match(page.url(), /\/custom-bus\/#\/custom-bus\/lesson$/);
  await page.getByText('0 of 4 tasks solved.').waitFor();

  // Task 2: the Classic wildcard is refused and delivers nothing; the suffix solves it.
  const task = page.locator('#task-2');
  await task.locator('#task-2-data').fill('{"detail":{"sku":[{"wildcard":"*-XL"}]}}');
  await task.locator('.problem-list li', { hasText: /wildcard/i }).waitFor();
  assert.equal(await task.locator('tr.grade-wrong').count(), 1);
  await task.getByRole('button', { name: 'Hint' }).click();
  await task.getByText('A single star at the start is a suffix.').waitFor();
  await task.locator('#task-2-data').fill('{"detail":{"sku":[{"suffix":"-XL"}]}}');
  await task.getByRole('status').filter({ hasText: 'Solved.' }).waitFor();
  assert.equal(await task.locator('tr.grade-wrong').count(), 0);
  await page.getByText('1 of 4 tasks solved.').waitFor();
  await screenshot(page, 'custom-bus-lesson');

  // Task 3: a DATA filter on "source" also delivers the forged raw event.
  const forged = page.locator('#task-3');
  await forged.locator('#task-3-data').fill('{"source":["com.example.orders"]}');
  await forged.locator('tr.grade-wrong', { hasText: 'forged' }).waitFor();

  // Progress and answers survive a reload.
  await page.reload();
  await waitForApp(page);
  await page.getByText('1 of 4 tasks solved.').waitFor();
  assert.equal(await page.locator('#task-2-data').inputValue(), '{"detail":{"sku":[{"suffix":"-XL"}]}}');
  assert.deepEqual(problems, []);
});

test('a rule from the rule builder is migrated with all its targets', async () => {
  const { context, page, problems } = await openPage(browser, { viewport: { width: 1280, height: 1000 } });
  const state = {
    region: 'us-east-1',
    account: '123456789012',
    rules: {
      rules: [{
        name: 'orders-fan-out', description: '', account_id: '123456789012', region: 'us-east-1',
        event_bus: 'default', state: 'enabled',
        event_pattern: '{"source":["com.example.orders"],"detail":{"total":[{"numeric":[">",100]}]}}',
        targets: [
          { id: 'queue', kind: 'sqs_queue', arn: 'arn:aws:sqs:us-east-1:123456789012:orders' },
          { id: 'fn', kind: 'lambda_function', arn: 'arn:aws:lambda:us-east-1:123456789012:function:orders' },
        ],
        tags: [],
      }],
    },
  };
  await context.addInitScript(([key, text]) => window.localStorage.setItem(key, text), ['eventbridge-playground/state/v1', JSON.stringify(state)]);
  await page.goto(`${server.url}custom-bus/#/custom-bus`);
  await waitForApp(page);
  await page.locator('#classic-saved').selectOption({ label: 'Your rule orders-fan-out on default in us-east-1 (2 targets)' });
  await page.locator('#migration-notes [data-topic="fan-out"]').waitFor();
  assert.deepEqual(
    await page.locator('#migration-title').locator('..').locator('h3 code').allTextContents(),
    ['orders-fan-out-queue', 'queue', 'orders-fan-out-fn', 'fn'],
  );
  assert.equal(await page.locator('#classic-pattern').isDisabled(), true);
  assert.deepEqual(problems, []);
});
