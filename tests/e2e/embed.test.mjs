// The embed view for documentation iframes and the example docs page that uses it together with
// the JavaScript API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, screenshot, mainThreadWindows, typeInWindows } from './support.mjs';

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
  assert.match(link, /^\.\.\/rules\/#\/rules\?pattern=/, 'the playground link carries the texts as written');
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

// Each embed page carries one kind of embed (issue 14): an example's URL given to the exercise
// page goes to the plain embed, with its texts.
test('an example URL on the exercise embed page opens the example on the plain embed page', async () => {
  const { context, page, problems } = await openPage(browser);
  const url = embedUrl('{"source":[{"prefix":"aws.partner/shopify.com"}]}').replace('/embed/#', '/embed/exercise/#');
  await page.goto(url);
  await page.getByText('Matches', { exact: true }).waitFor();
  assert.match(page.url(), /\/embed\/#\/embed\?pattern=/, `forwarded to the plain embed: ${page.url()}`);
  assert.equal(await page.getByRole('textbox', { name: 'Event pattern' }).inputValue(), '{"source":[{"prefix":"aws.partner/shopify.com"}]}');
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

// Issue 16, item 9: the embed reported the document's height, which is at least the iframe's own
// height, so a host that adds any padding or border to the reported height grew the iframe
// forever (751 → 989 → 1,291 px in 10 s on examples/docs.html). The host page here adds 24 px
// around the iframe and applies every report; once the content is still, the height must be too.
test('the embed height settles on a host page that adds padding and a border', async () => {
  const { context, page, problems } = await openPage(browser);
  await page.goto(`${server.url}examples/docs.html`);
  await page.setContent(`<!doctype html>
    <body style="padding: 2rem">
      <iframe id="padded" title="Padded example" style="width: 100%; height: 300px; padding: 10px; border: 2px solid #888"></iframe>
      <script>
        const frame = document.getElementById('padded');
        window.heights = [];
        window.addEventListener('message', (message) => {
          if (message.source === frame.contentWindow && message.data?.type === 'eventbridge-playground:height') {
            frame.style.height = (message.data.height + 24) + 'px';
          }
        });
        frame.src = ${JSON.stringify(embedUrl('{"source":[{"prefix":"aws.partner/shopify.com"}]}'))};
      </script>
    </body>`);
  await page.frameLocator('#padded').getByText('Matches', { exact: true }).waitFor();
  // The content stops changing once the result is shown; give any feedback loop 2 s to show.
  await page.waitForTimeout(2000);
  const samples = [];
  for (let i = 0; i < 30; i += 1) {
    samples.push(await page.evaluate(() => document.getElementById('padded').getBoundingClientRect().height));
    await page.waitForTimeout(100);
  }
  console.log(`padded host: iframe heights over 3 s after settling: ${[...new Set(samples)].join(', ')} px`);
  assert.equal(new Set(samples).size, 1, `the iframe height kept changing: ${samples.join(', ')}`);
  assert.ok(samples[0] > 200 && samples[0] < 2000, `a plausible height: ${samples[0]}px`);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16, item 13: an unterminated U+202E in an event value reversed the app's own result
// sentence. The value's text is shown with a visible marker instead, and the words after it read
// left to right; the editor marks where the invisible character sits.
test('a right-to-left override in an event value does not reverse the result sentence', async () => {
  const { context, page, problems } = await openPage(browser);
  const event = JSON.stringify({ ...JSON.parse(EVENT), detail: { name: 'abc\u202Edef' } });
  await page.goto(`${server.url}embed/#/embed?pattern=${encodeURIComponent('{"detail":{"name":["x"]}}')}&event=${encodeURIComponent(event)}`);
  await page.getByText('Does not match', { exact: true }).waitFor();
  const line = page.locator('.trace-text').first();
  const text = await line.textContent();
  assert.ok(!text.includes('\u202E'), `no raw override in the sentence: ${JSON.stringify(text)}`);
  assert.match(text, /abc\[U\+202E\]def/);
  // The word "match" after the value must read left to right: its "m" left of its "h".
  const order = await line.evaluate((element) => {
    const node = element.firstChild.nodeType === Node.TEXT_NODE ? element.firstChild : element.querySelector('*').firstChild;
    const at = node.textContent.lastIndexOf('match');
    const x = (i) => {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      return range.getBoundingClientRect().left;
    };
    return { m: x(at), h: x(at + 4) };
  });
  assert.ok(order.m < order.h, `"match" reads left to right: m at ${order.m}, h at ${order.h}`);
  assert.equal(await page.locator('#embed-event').locator('..').locator('.tok-control').count(), 1, 'the editor marks the character');
  assert.match(await page.locator('#embed-event-controls').innerText(), /RIGHT-TO-LEFT OVERRIDE \(U\+202E\) on line 1\./);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16, items 10 and 13 together: a large text is shown by the text area itself, so its colour
// layer keeps only the markers of invisible and bidirectional control characters. Checks that a
// marker is drawn in a large text where the character sits, follows the text area's scrolling,
// and that the editor changes between its two ways of showing text as the text grows and shrinks.
test('a large event keeps its control-character markers and the editor switches modes with the size', async () => {
  const { context, page, problems } = await openPage(browser);
  const items = [];
  for (let i = 0; JSON.stringify(items).length < 100_000; i += 1) items.push(`item-${String(i).padStart(6, '0')}`);
  // The override sits in the 1,001st item, about line 1,000 of the indented text.
  items[1000] = 'abc\u202Edef';
  const big = JSON.stringify({ ...JSON.parse(EVENT), detail: { flag: 'on', items } }, null, 1);
  assert.ok(big.length > 64 * 1024, 'over the editor\'s large-text size');
  await page.goto(`${server.url}embed/#/embed?pattern=${encodeURIComponent('{"detail":{"flag":["on"]}}')}&event=${encodeURIComponent(big)}`);
  await page.getByText('Matches', { exact: true }).waitFor({ timeout: 60_000 });
  const editor = page.locator('#embed-event');
  const box = page.locator('.json-editor', { has: editor });
  assert.equal(await box.evaluate((el) => el.classList.contains('json-editor-large')), true, 'a large text is edited in large mode');
  const markers = box.locator('.tok-control');
  assert.equal(await markers.count(), 1, 'one marker for the one override');
  assert.equal(await markers.first().getAttribute('data-control'), 'RIGHT-TO-LEFT OVERRIDE');
  // The bar is easy to miss in 5,000 lines: a sentence under the editor names it and its line,
  // and the text area points at it.
  const line = big.slice(0, big.indexOf('\u202E')).split('\n').length;
  const note = box.locator('.json-editor-controls');
  assert.equal(await note.innerText(), 'This text holds 1 invisible or bidirectional control character, so it may read ' +
    `differently from what it holds: RIGHT-TO-LEFT OVERRIDE (U+202E) on line ${line}.`);
  assert.match(await editor.getAttribute('aria-describedby'), /embed-event-controls/);
  // Scroll the text area so the override's line is near the top: the marker must be there too,
  // inside the visible part of the text area (the layer follows the area's own scrolling).
  const placed = await editor.evaluate(async (area, lineNumber) => {
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight);
    const scrolled = new Promise((resolve) => area.addEventListener('scroll', resolve, { once: true }));
    area.scrollTop = (lineNumber - 3) * lineHeight;
    await scrolled;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const areaBox = area.getBoundingClientRect();
    const element = area.closest('.json-editor').querySelector('.tok-control');
    const marker = element.getBoundingClientRect();
    return {
      lineHeight, areaTop: areaBox.top, areaLeft: areaBox.left, areaRight: areaBox.right,
      top: marker.top, left: marker.left, height: marker.height,
      // The character has no width; the marker is drawn as a bar beside it.
      bar: getComputedStyle(element, '::after').borderLeftWidth,
    };
  }, line);
  assert.ok(placed.height > 0 && placed.bar === '2px', `the marker is drawn: ${JSON.stringify(placed)}`);
  assert.ok(placed.left >= placed.areaLeft && placed.left <= placed.areaRight, `the marker is inside the text area: ${JSON.stringify(placed)}`);
  assert.ok(placed.top >= placed.areaTop && placed.top <= placed.areaTop + 4 * placed.lineHeight,
    `the marker is on its line near the top of the scrolled text area: ${JSON.stringify(placed)}`);
  await screenshot(page, 'embed-large-event-control-marker');

  // Shrinking the text below the size goes back to colours (tokens and marks), and the marker
  // stays; growing it again goes back to large mode.
  const small = JSON.stringify({ ...JSON.parse(EVENT), detail: { flag: 'off', name: 'abc\u202Edef' } }, null, 1);
  await editor.fill(small);
  await page.getByText('Does not match', { exact: true }).waitFor();
  assert.equal(await box.evaluate((el) => el.classList.contains('json-editor-large')), false, 'a small text leaves large mode');
  assert.ok(await box.locator('.json-editor-colours .tok-key').count() > 3, 'a small text is coloured');
  assert.equal(await markers.count(), 1, 'the marker is kept in a small text');
  assert.equal(await editor.evaluate((area) => area.scrollTop), 0, 'the text area starts at the top again');
  // As a paste would (Playwright's fill types a text this long too slowly).
  await editor.evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, big);
  await page.getByText('Matches', { exact: true }).waitFor();
  assert.equal(await box.evaluate((el) => el.classList.contains('json-editor-large')), true, 'a pasted large text goes back to large mode');
  assert.equal(await box.locator('.json-editor-colours .tok-key').count(), 0, 'no colours in large mode');
  assert.equal(await markers.count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

// Issue 16, item 10: each keystroke in a 200 KB event took 130-550 ms and nothing warned above
// PutEvents' 256 KB entry limit. Types into a 256 KB+ event and records what each keystroke costs
// the page's main thread (goal: under 50 ms), what the analysis after a pause in typing costs,
// and the time from a keystroke to its result.
test('typing into a 256 KB event stays responsive and warns about the PutEvents limit', async () => {
  const { context, page, problems } = await openPage(browser);
  // Event Timing: each keystroke's time from the key press to the next frame drawn after it, as
  // the person typing waits for it (the browser reports only those of 16 ms or more, in 8 ms steps).
  // Observed in the bare text area's page below too, so it bears the same cost.
  const observeKeystrokes = () => {
    window.keystrokeDurations = new Map();
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.interactionId || !entry.name.startsWith('key')) continue;
        const before = window.keystrokeDurations.get(entry.interactionId) ?? 0;
        window.keystrokeDurations.set(entry.interactionId, Math.max(before, entry.duration));
      }
    }).observe({ type: 'event', durationThreshold: 16 });
  };
  await context.addInitScript(observeKeystrokes);
  const items = [];
  for (let i = 0; JSON.stringify(items).length < 262_144; i += 1) items.push(`item-${String(i).padStart(6, '0')}`);
  const big = JSON.stringify({ ...JSON.parse(EVENT), detail: { flag: 'on', items } }, null, 1);
  assert.ok(big.length > 262_144);
  await page.goto(`${server.url}embed/#/embed?pattern=${encodeURIComponent('{"detail":{"flag":["on"]}}')}&event=${encodeURIComponent(big)}`);
  await page.getByText('Matches', { exact: true }).waitFor({ timeout: 60_000 });
  await page.getByText(/a PutEvents entry can be at most 256 KB/).waitFor();
  const editor = page.getByRole('textbox', { name: 'Event', exact: true });
  // A large text is shown by the text area itself, so a typed character is seen at once rather
  // than after the pause (the colour layer under it is not redrawn per keystroke).
  assert.notEqual(await editor.evaluate((area) => getComputedStyle(area).color), 'rgba(0, 0, 0, 0)', 'the text area shows its text');
  // It scrolls itself; the line numbers follow it.
  const gutterShift = await editor.evaluate(async (area) => {
    area.scrollTop = 3000;
    await new Promise((resolve) => area.addEventListener('scroll', resolve, { once: true }));
    const gutter = area.closest('.json-editor').querySelector('.json-editor-gutter');
    const shift = getComputedStyle(gutter).transform;
    area.scrollTop = 0;
    return { shift };
  });
  assert.equal(gutterShift.shift, 'matrix(1, 0, 0, 1, 0, -3000)', 'the gutter follows the text area');
  const flagEnd = big.indexOf('"on"') + 3;
  const placeCaret = (area, at) => { area.focus(); area.setSelectionRange(at, at); };

  // The floor: the same keystrokes in a bare text area holding the same text, with the editor's
  // text area's own font, metrics and size (Chrome lays out and paints a text area's whole text
  // per keystroke, and that cost depends on the font), in a page of the same origin (Chrome does
  // more per keystroke in a form control of a web page than of about:blank: 3-4 ms of
  // `FormControlDidChange` and `selectionchange`), in a context of its own (so no renderer
  // process, and no heap to collect, is shared with the editor's page).
  const bareStyle = await editor.evaluate((area) => {
    const style = getComputedStyle(area);
    const copied = ['font-family', 'font-size', 'line-height', 'letter-spacing', 'font-variant-ligatures', 'tab-size',
      'white-space', 'padding', 'border', 'box-sizing', 'width', 'height', 'color', 'background-color'];
    return copied.map((name) => `${name}: ${style.getPropertyValue(name)}`).join('; ');
  });
  const bareContext = await browser.newContext();
  await bareContext.addInitScript(observeKeystrokes);
  await bareContext.route('**/bare-text-area.html', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><textarea wrap="off" spellcheck="false" style="${bareStyle.replaceAll('"', "'")}"></textarea>`,
  }));
  const bare = await bareContext.newPage();
  await bare.goto(`${server.url}bare-text-area.html`);
  const bareArea = bare.locator('textarea');
  await bareArea.evaluate((area, text) => { area.value = text; }, big);

  // Keystrokes in windows of their own (typeInWindows). The machine's load drifts, so the editor
  // and the bare text area take turns, a block of keystrokes each, and each block starts from
  // the same text.
  const TURNS = 4;
  const BLOCK = 5;
  // The verdict is awaited by its element, not by a text search of the page: Playwright's text
  // search reads every element's text, 16,000 line numbers included, and left some 29 MB of
  // garbage in the page's heap per wait (measured with V8's sampling heap profiler).
  const verdictIs = (word) => page.waitForFunction((w) => document.querySelector('.verdict-word')?.textContent === w, word);
  const block = async (on, area, last = false) => {
    await on.bringToFront();
    await area.evaluate(placeCaret, flagEnd);
    await on.waitForTimeout(300);
    await on.evaluate(() => window.keystrokeDurations.clear());
    if (on === page) {
      await editor.evaluate((area) => {
        window.editorMutations = [];
        window.editorObserver = new MutationObserver((records) => {
          for (const r of records) window.editorMutations.push(`${r.type} of ${r.target.nodeName}.${r.target.className ?? ''}`);
        });
        window.editorObserver.observe(area.closest('.json-editor'), { subtree: true, childList: true, characterData: true, attributeFilter: ['class'] });
      });
    }
    const windows = await mainThreadWindows(browser, on, async () => {
      await typeInWindows(on, BLOCK);
      // In the editor's last block: the pause, the analysis and the result, in a window of their own.
      if (last) {
        await verdictIs('Does not match');
        await on.waitForTimeout(300);
      }
      await on.evaluate(() => performance.mark('window:end'));
    });
    if (on === page) {
      await page.waitForTimeout(100);
      durations.push(...await page.evaluate(() => [...window.keystrokeDurations.values()]));
      mutations.push(...await page.evaluate(() => { window.editorObserver.disconnect(); return window.editorMutations; }));
    }
    if (!last) {
      for (let i = 0; i < BLOCK; i += 1) await on.keyboard.press('Backspace');
      if (on === page) await verdictIs('Matches');
    }
    return windows;
  };
  const bareKeys = [];
  const keys = [];
  const durations = [];
  const mutations = [];
  let analysis;
  for (let turn = 0; turn < TURNS; turn += 1) {
    bareKeys.push(...(await block(bare, bareArea)).slice(0, BLOCK));
    const windows = await block(page, editor, turn === TURNS - 1);
    keys.push(...windows.slice(0, BLOCK));
    analysis = windows[BLOCK];
  }
  await bareContext.close();
  const KEYS = keys.length;
  const round = (ms) => Math.round(ms);
  const median = (measured) => {
    const sorted = measured.map((w) => w.work).sort((x, y) => x - y);
    return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
  };
  const listed = (measured) => measured.map((w) => round(w.work) + (w.gc >= 0.5 ? ` (+${round(w.gc)} GC)` : '')).join(', ');
  console.log(`256 KB event (${big.length} bytes), per keystroke while typing: main-thread time ${listed(keys)} ms ` +
    `(median ${round(median(keys))} without garbage collection; wall ${keys.map((w) => round(w.wall)).join(', ')} ms); ` +
    `Event Timing durations of 16 ms or more: ${durations.length ? durations.join(', ') : 'none'} (of ${KEYS} keystrokes)`);
  console.log(`256 KB event in a bare text area, in turns with the editor: main-thread time ${listed(bareKeys)} ms per keystroke ` +
    `(median ${round(median(bareKeys))}; the editor's median is ${(median(keys) / median(bareKeys)).toFixed(2)} times it)`);
  console.log(`256 KB event, the page's own script per keystroke: ${keys.map((w) => w.script.toFixed(2)).join(', ')} ms ` +
    `(${keys.map((w) => `${(100 * w.script / w.work).toFixed(1)}%`).join(', ')} of the keystroke's main-thread time)`);
  console.log(`256 KB event, analysis after the pause: main-thread time ${round(analysis.cpu)} ms (${round(analysis.gc)} of it garbage collection), ` +
    `longest task ${round(analysis.longestWork)} ms without garbage collection (${round(analysis.longest)} ms with it)`);

  for (let i = 0; i < BLOCK; i += 1) await page.keyboard.press('Backspace');
  await verdictIs('Matches');
  // Keystroke to result, timed in the page (from the keydown to the frame showing the new verdict)
  // rather than by polling from here, whose retry steps would be counted too.
  const keystrokeToResult = async (key, verdict) => {
    await page.evaluate((word) => {
      window.resultAfterKey = new Promise((resolve) => {
        document.addEventListener('keydown', () => {
          const pressed = performance.now();
          const observer = new MutationObserver(() => {
            if (document.querySelector('.verdict-word')?.textContent !== word) return;
            observer.disconnect();
            // Until the frame that shows it has been drawn.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - pressed)));
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        }, { once: true, capture: true });
      });
    }, verdict);
    await page.keyboard.press(key);
    return Math.round(await page.evaluate(() => window.resultAfterKey));
  };
  const times = [];
  for (let i = 0; i < 4; i += 1) {
    times.push(await keystrokeToResult('x', 'Does not match'));
    times.push(await keystrokeToResult('Backspace', 'Matches'));
  }
  console.log(`256 KB event: keystroke to result ${times.join(', ')} ms (includes the 150 ms typing pause)`);

  // The goal is under 50 ms of main-thread time per keystroke, nearly all of it the browser's
  // own work for a text area of 256 KB (16,000 lines), which the numbers above compare with a
  // bare text area. They are printed, not asserted: on this shared 2-core machine the same bare
  // text area measured a median of 31 ms and of 60 ms an hour apart, and within one test a
  // turn of keystrokes went from 45 ms to 138 ms, so no bound on them is both safe and tight.
  // What the fix of issue 16 (item 10) did is asserted instead, as facts that do not drift:
  // - a keystroke in a large text changes nothing in the editor's elements (no colour layer, no
  //   gutter, no note redrawn: before the fix, the colour layer was redrawn per keystroke at
  //   130-550 ms), nor after the pause, as a large text without control characters has no
  //   colour layer to draw;
  // - the page's own script is a small share of each keystroke's main-thread time (measured
  //   0.2-3 ms, 0.2-1.5%, 0.5% in the median; an editor that read the text area's 256 KB value
  //   on every keystroke took 2.5% in the median). A share, as the machine's drift slows the
  //   script and the browser's work in a keystroke alike;
  // - the text area scrolls itself in a box of fixed height rather than being as tall as the
  //   text (Chrome lays out and paints a text area's whole text per keystroke).
  assert.deepEqual(mutations, [], 'typing in a large text changes none of the editor\'s elements');
  const shares = keys.map((w) => w.script / w.work).sort((x, y) => x - y);
  const share = shares[shares.length >> 1];
  assert.ok(share < 0.015, `the page's script took ${(100 * share).toFixed(1)}% of a keystroke's main-thread time in the median`);
  const box = await editor.evaluate((area) => ({ client: area.clientHeight, scroll: area.scrollHeight }));
  assert.ok(box.client < 1000 && box.scroll > 100 * box.client, `the text area is ${box.client} px tall, its text ${box.scroll} px`);
  // The analysis after the pause no longer holds the page for a fifth of a second (before: a
  // 190-200 ms task, most of it laying out a second copy of the text).
  assert.ok(analysis.longestWork < 100, `the analysis after the pause ran a ${round(analysis.longestWork)} ms task`);
  for (const ms of times) assert.ok(ms < 1000, `a keystroke took ${ms} ms to its result`);
  assert.deepEqual(problems, []);
  await context.close();
});
