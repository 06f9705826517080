// The Simulator page: every preset runs and shows the numbers its story predicts, the charts
// draw data, the DLQ viewer lists the messages with their attributes, runs can be cancelled,
// two retry policies compare side by side, the user's own rules are simulated (preselected by
// `?rule=`), bad settings are refused, and the speed of a 100,000-event run is measured.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, openPage, screenshot, screenshotDir, waitForApp } from './support.mjs';

const STATE_KEY = 'eventbridge-playground/state/v1';
const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

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

/** Opens the Simulator (at `hash`), with `state` saved before the app starts when given. */
async function openSimulator({ state, hash = '#/simulator', ...options } = {}) {
  const opened = await openPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  if (state) {
    await opened.context.addInitScript(
      ([key, text]) => {
        if (window.localStorage.getItem(key) === null) window.localStorage.setItem(key, text);
      },
      [STATE_KEY, JSON.stringify(state)],
    );
  }
  // The simulator is its own page (simulator/); `#/simulator` on the playground forwards to it.
  await opened.page.goto(`${server.url}simulator/${hash}`);
  await waitForApp(opened.page);
  await opened.page.getByRole('heading', { level: 1, name: 'Simulator' }).waitFor();
  return opened;
}

const number = (text) => Number(text.replace(/[^0-9]/g, ''));

/** Runs the current scenario and waits for its results (told from earlier ones by their run number). */
async function run(page) {
  const earlier = await page.evaluate(() => document.querySelector('.sim-results')?.dataset.run ?? null);
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await page.waitForFunction((previous) => {
    const results = document.querySelector('.sim-results');
    return results !== null && results.dataset.run !== previous;
  }, earlier, { timeout: 120_000 });
  await page.getByRole('status').filter({ hasText: 'Simulation finished' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Results' }).waitFor();
}

/** Screenshot of one part of the page. */
async function shoot(locator, name) {
  await locator.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}

/** The outcome table as { Delivered: { count, share }, ... , created }. */
async function outcomes(page) {
  const table = page.getByRole('table', { name: 'Invocation outcomes' });
  const result = {};
  for (const label of ['Delivered', 'Sent to DLQ', 'Dropped', 'Failed to reach DLQ', 'Invocations created']) {
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    const cells = await row.getByRole('cell').allInnerTexts();
    result[label] = { count: number(cells[0]), share: cells[1].trim() };
  }
  const { created, ...four } = { created: result['Invocations created'].count, ...result };
  const sum = ['Delivered', 'Sent to DLQ', 'Dropped', 'Failed to reach DLQ'].reduce((total, label) => total + four[label].count, 0);
  assert.equal(sum, created, 'every invocation ends in exactly one of the four outcomes');
  return result;
}

/** The facts under the outcome table as a map from label to value. */
async function facts(page) {
  const region = page.getByRole('region', { name: 'Outcome', exact: true });
  const terms = await region.locator('dt').allInnerTexts();
  const values = await region.locator('dd').allInnerTexts();
  return Object.fromEntries(terms.map((term, index) => [term.trim().toLowerCase(), values[index].trim()]));
}

/** One target's row of the "By target" table: [created, attempts, retries, delivered, dlq, dropped, lost]. */
async function targetRow(page, target) {
  const table = page.getByRole('table', { name: 'Outcomes by target' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${target} `) }) });
  return (await row.getByRole('cell').allInnerTexts()).map((cell) => number(cell.split('(')[0]));
}

/** The attributes of the first `count` DLQ messages as objects. */
async function dlqMessages(page, count = 3) {
  const viewer = page.getByRole('region', { name: 'Dead-letter queue' });
  const messages = viewer.getByRole('article');
  const n = Math.min(count, await messages.count());
  const result = [];
  for (let i = 0; i < n; i += 1) {
    const table = messages.nth(i).getByRole('table', { name: 'Message attributes (all of type String)' });
    const names = await table.getByRole('rowheader').allInnerTexts();
    const values = await table.getByRole('cell').allInnerTexts();
    result.push(Object.fromEntries(names.map((name, index) => [name.trim(), values[index].trim()])));
  }
  return result;
}

/** Every chart drew something: bars or lines in the metric charts, rows in the timeline. */
async function assertChartsDrawn(page, { timelineRows = true } = {}) {
  const metrics = page.getByRole('region', { name: 'Metrics', exact: true });
  const attempts = metrics.getByRole('img', { name: /^InvocationAttempts InvocationAttempts per/ });
  await attempts.waitFor();
  assert.ok(Number(await attempts.getAttribute('data-bars')) > 0, 'InvocationAttempts has bars');
  assert.ok((await attempts.locator('rect.bar').count()) > 0);
  const created = metrics.getByRole('img', { name: /^InvocationsCreated/ });
  assert.ok((await created.locator('rect.bar').count()) > 0);
  assert.ok((await metrics.locator('figure[data-chart]').count()) >= 5, 'five metric charts or more');
  if (timelineRows) {
    const timeline = page.getByRole('img', { name: /^Attempts per event and target/ });
    assert.ok(Number(await timeline.getAttribute('data-rows')) > 0, 'the timeline has rows');
    assert.ok((await timeline.locator('rect.attempt').count()) > 0, 'the timeline has attempts');
  }
}

async function choosePreset(page, title) {
  await page.getByRole('radio', { name: title, exact: true }).check();
  await page.getByRole('region', { name: 'What will be simulated' }).getByText(`Preset: ${title}`).waitFor();
}

const PRESETS = [
  {
    title: 'Target down for 1 hour',
    shot: 'simulator-target-down',
    async check(page) {
      const all = await outcomes(page);
      assert.ok(all.Delivered.count > 0 && all['Sent to DLQ'].count > 0 && all.Dropped.count > 0);
      // The default policy rides out a one-hour outage; 3 retries / 10 minutes do not.
      const [created, , , delivered] = await targetRow(page, 'fulfilment-default-policy');
      assert.equal(delivered, created, 'the default policy delivers everything');
      const noDlq = await targetRow(page, 'fulfilment-3-retries-no-dlq');
      const withDlq = await targetRow(page, 'fulfilment-3-retries-with-dlq');
      assert.ok(noDlq[5] > 0, 'without a DLQ events are dropped');
      assert.equal(withDlq[4], noDlq[5], 'same seed, same failures: what one drops the other queues');
      assert.equal(withDlq[5], 0);
      const messages = await dlqMessages(page);
      assert.ok(messages.length > 0);
      for (const message of messages) {
        assert.equal(message.EXHAUSTED_RETRY_CONDITION, 'MaximumRetryAttempts');
        assert.equal(message.RETRY_ATTEMPTS, '3');
        assert.equal(message.ERROR_CODE, 'ERROR_FROM_TARGET');
        assert.match(message.TARGET_ARN, /function:fulfilment-3-retries-with-dlq$/);
        assert.equal(message.RULE_ARN, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders-to-fulfilment`);
      }
      // The timeline shows the outage and the 10-minute age limit.
      const timeline = page.getByRole('img', { name: /^Attempts per event and target/ });
      assert.ok((await timeline.locator('rect.window-outage').count()) > 0);
      assert.ok((await timeline.locator('line.age-limit').count()) > 0);
      assert.ok((await timeline.locator('line.gap').count()) > 0, 'backoff gaps are drawn');
    },
  },
  {
    title: 'Permissions error',
    shot: 'simulator-permissions-error',
    async check(page) {
      const all = await outcomes(page);
      assert.ok(all['Invocations created'].count > 0);
      assert.deepEqual(all['Sent to DLQ'], { count: all['Invocations created'].count, share: '100%' }, 'all to the DLQ');
      assert.equal(all.Delivered.count, 0);
      const fact = await facts(page);
      assert.equal(number(fact['failures not retried (non-retryable error)']), all['Invocations created'].count);
      assert.equal(fact['delivered after retries'], '0');
      const messages = await dlqMessages(page);
      for (const message of messages) {
        assert.equal(message.ERROR_CODE, 'NO_PERMISSIONS');
        assert.equal(message.RETRY_ATTEMPTS, '0', 'no retries');
        assert.equal(message.EXHAUSTED_RETRY_CONDITION, undefined, 'nothing was exhausted');
      }
      // Every attempt count equals the invocations: one attempt each.
      const [created, attempts, retries] = await targetRow(page, 'invoice-writer');
      assert.equal(attempts, created);
      assert.equal(retries, 0);
    },
  },
  {
    title: 'Throttled API destination',
    shot: 'simulator-throttled',
    async check(page) {
      const all = await outcomes(page);
      assert.ok(all.Delivered.count > 0);
      assert.ok(all['Sent to DLQ'].count > 0, 'events that waited past 10 minutes go to the DLQ');
      const fact = await facts(page);
      assert.equal(number(fact['failures ended by maximumeventageinseconds']), all['Sent to DLQ'].count);
      const throttled = page.getByRole('img', { name: /^ThrottledRules/ });
      assert.ok((await throttled.locator('rect.bar').count()) > 0, 'ThrottledRules is drawn');
      const messages = await dlqMessages(page);
      assert.ok(messages.every((message) => message.EXHAUSTED_RETRY_CONDITION === 'MaximumEventAgeInSeconds'));
    },
  },
  {
    title: 'DLQ without policy',
    shot: 'simulator-dlq-without-policy',
    async check(page) {
      const all = await outcomes(page);
      assert.ok(all['Failed to reach DLQ'].count > 0, 'the queue refuses the messages');
      assert.equal(all['Sent to DLQ'].count, 0);
      assert.equal(all.Dropped.count, 0);
      const viewer = page.getByRole('region', { name: 'Dead-letter queue' });
      await viewer.getByText('No message was sent to a dead-letter queue.').waitFor();
      await viewer.getByText(/InvocationsFailedToBeSentToDlq/).waitFor();
      assert.equal(await viewer.getByRole('article').count(), 0);
    },
  },
  {
    title: 'Pending partner source',
    shot: 'simulator-pending-source',
    async check(page) {
      const all = await outcomes(page);
      const fact = await facts(page);
      const ingested = number(fact['events ingested']);
      assert.equal(number(fact['events dropped: partner source not active']), ingested / 2, 'the pending source drops its half');
      assert.equal(all.Delivered.count, ingested / 2);
    },
  },
];

test('each preset runs and shows what it predicts, with charts and the DLQ viewer', async () => {
  const { context, page, problems } = await openSimulator();
  for (const preset of PRESETS) {
    await choosePreset(page, preset.title);
    await run(page);
    await preset.check(page);
    await assertChartsDrawn(page);
    await screenshot(page, preset.shot);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the drill-down lists every attempt of an event, with backoff and outcome', async () => {
  const { context, page, problems } = await openSimulator();
  await choosePreset(page, 'Target down for 1 hour');
  await run(page);
  const drill = page.getByRole('region', { name: 'Event drill-down' });
  // The timeline's events are offered as buttons; the last one is in the outage.
  const buttons = drill.getByRole('group', { name: 'Events on the timeline' }).getByRole('button');
  assert.ok((await buttons.count()) >= 2);
  await buttons.last().click();
  const table = drill.getByRole('table', { name: /to target fulfilment-3-retries-no-dlq/ });
  const rows = table.locator('tbody tr');
  assert.equal(await rows.count(), 4, 'first attempt and 3 retries');
  assert.match(await rows.nth(0).innerText(), /Failed: ERROR_FROM_TARGET \(retryable\)/);
  assert.match(await table.locator('tfoot').innerText(), /Dropped \(no dead-letter queue\): ERROR_FROM_TARGET after 3 retries, retries exhausted \(MaximumRetryAttempts\)/);
  // Typing an event number shows that event; one out of range is refused.
  const input = drill.getByLabel(/Event number/);
  await input.fill('1');
  await drill.getByText('Event 1 ingested at 00:00:00.000').waitFor();
  await input.fill('999999');
  await drill.getByText(/Enter an event number from 1 to/).waitFor();
  await screenshot(page, 'simulator-drill-down');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a run can be cancelled and nothing of it is kept', async () => {
  const { context, page, problems } = await openSimulator();
  const diagnostics = page.locator('details.diagnostics');
  await diagnostics.locator('summary').click();
  await page.getByRole('button', { name: 'Measure simulation speed' }).click();
  const running = page.getByRole('status').filter({ hasText: /Measuring the speed… \d+% done/ });
  await running.waitFor({ timeout: 30_000 });
  const progress = page.getByRole('progressbar', { name: 'Progress' });
  assert.ok(Number(await progress.getAttribute('value')) < 1);
  assert.equal(await page.getByRole('button', { name: 'Run simulation' }).isDisabled(), true, 'one run at a time');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('status').filter({ hasText: /^Cancelled at \d+%; nothing was kept from that run\.$/ }).waitFor();
  assert.equal(await progress.getAttribute('value'), '0');
  assert.equal(await page.getByRole('button', { name: 'Cancel' }).isDisabled(), true);
  // The cancelled loop really stopped: no result appears later.
  await page.waitForTimeout(1500);
  assert.equal((await page.locator('.speed-result').innerText()).trim(), '');
  await page.getByRole('status').filter({ hasText: /^Cancelled at/ }).waitFor();
  // And the page still runs simulations.
  await run(page);
  await screenshot(page, 'simulator-after-cancel');
  assert.deepEqual(problems, []);
  await context.close();
});

test('two retry policies compare side by side on the same scenario', async () => {
  const { context, page, problems } = await openSimulator();
  await choosePreset(page, 'Target down for 1 hour');
  const compare = page.getByRole('region', { name: 'Compare two retry policies' });
  await compare.getByRole('button', { name: 'Compare the two policies' }).click();
  await page.getByRole('status').filter({ hasText: 'Comparison finished' }).waitFor({ timeout: 120_000 });
  const first = compare.getByRole('region', { name: 'Policy A: 185 retries, 24 h' });
  const second = compare.getByRole('region', { name: 'Policy B: 3 retries, 10 min' });
  await first.waitFor();
  await second.waitFor();
  const value = async (column, label) => {
    const terms = await column.locator('dt').allInnerTexts();
    const values = await column.locator('dd').allInnerTexts();
    return values[terms.findIndex((term) => term.trim() === label)].trim();
  };
  assert.match(await value(first, 'Delivered'), /\(100%\)$/, 'the default policy delivers everything');
  assert.equal(await value(first, 'Dropped'), '0 (0%)');
  assert.notEqual(await value(second, 'Dropped'), '0 (0%)', 'three retries lose events in a one-hour outage');
  // Both columns sit next to each other.
  const [a, b] = [await first.boundingBox(), await second.boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 2 && b.x > a.x + a.width - 1, 'two columns side by side');
  await shoot(compare, 'simulator-compare');

  // No retries at all: policy B makes exactly one attempt per invocation.
  await compare.getByLabel('Retry attempts (B)').fill('0');
  await compare.getByLabel('Maximum age of event, HH:MM (B)').fill('00:01');
  await compare.getByRole('button', { name: 'Compare the two policies' }).click();
  const noRetries = compare.getByRole('region', { name: 'Policy B: 0 retries, 1 min' });
  await noRetries.waitFor({ timeout: 120_000 });
  assert.equal(await value(noRetries, 'Retry attempts'), '0');
  // A value outside the console's range is refused with the rule builder's message.
  await compare.getByLabel('Retry attempts (B)').fill('186');
  await compare.getByText('Retry attempts must be a whole number between 0 and 185').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/** A saved state with one rule on the default bus whose Lambda target has a DLQ in another account. */
function stateWithRule() {
  return {
    region: REGION,
    account: ACCOUNT,
    rules: {
      rules: [
        {
          name: 'orders',
          account_id: ACCOUNT,
          region: REGION,
          event_bus: 'default',
          state: 'enabled',
          event_pattern: '{"source":["shop"],"detail-type":["OrderPlaced"]}',
          targets: [
            {
              id: 'fulfil',
              kind: 'lambda_function',
              arn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fulfil`,
              retry_policy: { maximum_event_age_seconds: 3600, maximum_retry_attempts: 2 },
              dead_letter_queue: { choice: 'other_account', queue_arn: `arn:aws:sqs:${REGION}:210987654321:central-dlq` },
            },
          ],
        },
      ],
    },
  };
}

test('a rule from the rule builder is simulated, preselected by ?rule=, with its DLQ policy toggle', async () => {
  const { context, page, problems } = await openSimulator({ state: stateWithRule(), hash: '#/simulator?rule=orders' });
  assert.equal(await page.getByRole('radio', { name: 'My rules' }).isChecked(), true);
  assert.equal(await page.getByLabel('Event bus').inputValue(), 'default');
  assert.equal(await page.getByLabel('Rules to simulate').inputValue(), 'orders');
  const card = page.getByRole('group', { name: 'Target fulfil of rule orders' });
  await card.getByText('Lambda function · 2 retries, maximum event age 01:00').waitFor();
  // The generic "order placed" sample matches the rule and is in the suggested mix.
  await page.getByLabel('Order placed (source shop)').waitFor();
  assert.equal(await page.getByLabel('Order placed (source shop)').inputValue(), '1');
  await page.getByLabel('For (minutes)').fill('5');

  // The target refuses EventBridge; the queue in another account has no policy yet.
  await card.getByLabel('Non-retryable error').check();
  assert.equal(await card.getByLabel(/Queue policy attached/).isChecked(), false);
  await run(page);
  let all = await outcomes(page);
  assert.equal(all['Invocations created'].count, 300);
  assert.deepEqual(all['Failed to reach DLQ'], { count: 300, share: '100%' });
  await screenshot(page, 'simulator-my-rule-no-policy');

  // Attaching the policy lets every message in.
  await card.getByLabel(/Queue policy attached/).check();
  await run(page);
  all = await outcomes(page);
  assert.deepEqual(all['Sent to DLQ'], { count: 300, share: '100%' });
  const [message] = await dlqMessages(page, 1);
  assert.equal(message.RULE_ARN, `arn:aws:events:${REGION}:${ACCOUNT}:rule/orders`);
  assert.equal(message.ERROR_CODE, 'NO_PERMISSIONS');

  // An outage of the whole run with 2 retries: every invocation ends by MaximumRetryAttempts.
  await card.getByLabel('Non-retryable error').uncheck();
  await card.getByLabel('Outage (down for a while)').check();
  await card.getByLabel('Down from minute').fill('0');
  await card.getByLabel('Until minute').fill('60');
  await run(page);
  const fact = await facts(page);
  assert.equal(number(fact['failures ended by maximumretryattempts']), 300);
  const [retried] = await dlqMessages(page, 1);
  assert.equal(retried.RETRY_ATTEMPTS, '2');
  assert.equal(retried.EXHAUSTED_RETRY_CONDITION, 'MaximumRetryAttempts');

  // The settings survive a reload (they are part of the saved state).
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByRole('group', { name: 'Target fulfil of rule orders' }).getByLabel('Outage (down for a while)').isChecked(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('bad settings are refused with a message and hostile text stays text', async () => {
  const { context, page, problems } = await openSimulator({ state: stateWithRule(), hash: '#/simulator?rule=orders' });
  const duration = page.getByLabel('For (minutes)');
  await duration.fill('0');
  await page.getByText('The duration in minutes must be between 1 and 1440; it is 0.').first().waitFor();
  assert.equal(await duration.getAttribute('aria-invalid'), 'true');
  await page.getByText('Fix the settings marked above to run.').waitFor();
  await page.getByRole('button', { name: 'Run simulation' }).click();
  await page.getByRole('status').filter({ hasText: 'The scenario has problems' }).waitFor();
  await duration.fill('10');
  const seed = page.getByLabel('Seed');
  await seed.fill('<img src=x onerror="window.__pwned=1">');
  await page.getByText('Enter a whole number (up to 18446744073709551615).').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // A link naming a rule that does not exist says so and changes nothing.
  await page.goto(`${server.url}#/simulator?rule=%3Cscript%3Enope`);
  await page.getByRole('status').filter({ hasText: 'The link asks to simulate the rule <script>nope, but there is no such rule in us-east-1.' }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await screenshot(page, 'simulator-bad-settings');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the backoff formula and its schedule are shown, with text alternatives', async () => {
  const { context, page, problems } = await openSimulator({ colorScheme: 'dark' });
  const section = page.getByRole('region', { name: 'Backoff between retries' });
  await section.getByLabel('Backoff formula').getByText('nominal(n) = min(10 min 40 s, 1 s × 2^(n − 1))').waitFor();
  const delays = section.getByRole('img', { name: /^Delay before each retry/ });
  assert.equal(await delays.locator('rect.range').count(), 16);
  const starts = section.getByRole('img', { name: /^When each retry starts Retry 185 starts about 23 h 32 min/ });
  assert.ok((await starts.locator('polyline').count()) >= 3);
  await section.getByText('Data table').click();
  const table = section.getByRole('table', { name: 'When each retry starts' });
  assert.equal((await table.getByRole('rowheader').allInnerTexts()).at(-1), '185');
  // Full jitter changes the formula and the schedule.
  await page.getByLabel('Backoff jitter').selectOption('full');
  await section.getByText('delay(n) = random(0 … nominal(n))   (full jitter)').waitFor();
  await run(page);
  await shoot(section, 'simulator-backoff-dark');
  await screenshot(page, 'simulator-dark');
  assert.deepEqual(problems, []);
  await context.close();
});

test('speed: 100,000 events × 5 targets with default retry policies and a one-hour outage', async (t) => {
  const { context, page, problems } = await openSimulator();
  await page.locator('details.diagnostics summary').click();
  await page.getByRole('button', { name: 'Measure simulation speed' }).click();
  const result = page.locator('.speed-result');
  await result.getByText(/^Simulated 100,000 events/).waitFor({ timeout: 300_000 });
  const text = (await result.innerText()).trim();
  console.log(`wasm simulation speed: ${text}`);
  t.diagnostic(text);
  assert.match(text, /^Simulated 100,000 events × 5 targets \(500,000 invocations, [\d,]+ attempts\): [\d.]+ s in total/);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16, item 14: on a 390 px phone the header took a third of the height and the charts'
// labels were drawn about 6 px tall.
test('on a 390 px phone the header stays short and chart labels stay readable', async () => {
  const { context, page, problems } = await openSimulator({ viewport: { width: 390, height: 844 } });
  const header = await page.locator('.site-header').boundingBox();
  assert.ok(header.height <= 844 * 0.2, `the header is ${header.height} px tall`);
  await run(page);
  const label = page.locator('.chart-svg .tick-label').first();
  await label.waitFor();
  const box = await label.boundingBox();
  assert.ok(box.height >= 10, `a chart label is ${box.height} px tall`);
  await screenshot(page, 'simulator-phone');
  assert.deepEqual(problems, []);
  await context.close();
});
