// Shared pieces of the browser tests: a static server that serves dist/ under a sub-path (as a
// docs site would), Debian's Chromium through playwright-core, and a page that fails the test on
// any console error, uncaught exception or failed request.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer as serveDir } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');
// E2E_DIST lets a second checkout or a parallel build test its own output.
export const dist = process.env.E2E_DIST ?? path.join(root, 'dist');
export const screenshotDir = path.join(root, 'target', 'e2e');
export const BASE_PATH = '/tools/playground/';

/** Serves `dir` below `basePath` on a free loopback port (see server.mjs). */
export function startServer(dir = dist, basePath = BASE_PATH, options = {}) {
  return serveDir(dir, basePath, options);
}

/** Debian's Chromium; never a downloaded browser. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A new page whose problems are collected: console errors, uncaught exceptions, failed requests
 * and HTTP errors. `problems` must be empty at the end of every test.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  // A load cut short by a navigation (net::ERR_ABORTED) is not a fault: old `#/simulator` and
  // `#/embed` links forward to their own page while the first page's files are still arriving.
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${req.url()} (${reason})`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return { context, page, problems };
}

export async function screenshot(page, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until the wasm app has mounted (its navigation landmark exists). */
export async function waitForApp(page) {
  await page.getByRole('navigation', { name: 'Sections' }).waitFor({ timeout: 30_000 });
}

/**
 * Runs `body` under a Chrome trace and returns the page's main-thread time between the
 * performance marks `body` makes (`performance.mark('window:<name>')`): for each window its name,
 * `cpu` (the thread time of the tasks that started in it, in ms: what the work cost the main
 * thread, which other jobs on a busy machine do not inflate), `wall` (their wall time),
 * `longest` (the longest task's thread time), and the same without garbage collection: `gc` (the
 * thread time of V8's collections in those tasks), `work` (`cpu` less `gc`) and `longestWork`;
 * and `script`, the part of `work` spent in the page's own JavaScript and WebAssembly (listeners,
 * timers, frame callbacks, observers: Chrome's `FunctionCall`), the rest being the browser's
 * (input, style, layout, paint). The last mark only ends the window before it.
 *
 * Why garbage collection is counted apart: V8 collects when its young generation fills, which
 * depends on everything allocated in the page before, the test's own calls included (one of
 * Playwright's text searches over a page with a 256 KB editor left 29 MB), not on the work in
 * the window; and one collection took from 3 ms to 90 ms of the main thread on this 2-core
 * machine (`MinorGC` in the traces). A measurement that includes it says more about when the
 * collector ran than about the work.
 */
export async function mainThreadWindows(browser, page, body) {
  const file = path.join(screenshotDir, `trace-${process.pid}-${Date.now()}.json`);
  fs.mkdirSync(screenshotDir, { recursive: true });
  await browser.startTracing(page, { path: file, categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
  try {
    await body();
  } finally {
    await browser.stopTracing();
  }
  const { traceEvents } = JSON.parse(fs.readFileSync(file, 'utf8'));
  // E2E_KEEP_TRACES=1 keeps them in target/e2e/, for Chrome's Performance panel.
  if (!process.env.E2E_KEEP_TRACES) fs.unlinkSync(file);
  const marks = traceEvents
    .filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith('window:'))
    .sort((a, b) => a.ts - b.ts);
  if (marks.length < 2) throw new Error(`the trace holds ${marks.length} window marks`);
  // The marks are made on the page's main thread, so their thread is the one to sum up.
  const { pid, tid } = marks[0];
  const onThread = traceEvents.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const tasks = onThread.filter((e) => e.name === 'RunTask');
  // Collections, outermost only (each has nested phases of its own).
  const collections = outermost(onThread.filter((e) => GC_EVENTS.has(e.name) || e.name.startsWith('V8.GC_')));
  const calls = outermost(onThread.filter((e) => e.name === 'FunctionCall'));
  const threadMs = (e) => (e.tdur ?? e.dur) / 1000;
  const within = (events, outer) => events.filter((e) => e.ts >= outer.ts && e.ts < outer.ts + outer.dur);
  const sum = (values) => values.reduce((a, b) => a + b, 0);
  const gcIn = (outer) => sum(within(collections, outer).map(threadMs));
  return marks.slice(0, -1).map((mark, i) => {
    const inside = tasks.filter((e) => e.ts >= mark.ts && e.ts < marks[i + 1].ts);
    const cpu = inside.map(threadMs);
    const work = inside.map((task) => threadMs(task) - gcIn(task));
    const script = inside.flatMap((task) => within(calls, task)).map((call) => threadMs(call) - gcIn(call));
    return {
      name: mark.name.slice('window:'.length),
      cpu: sum(cpu),
      wall: sum(inside.map((e) => e.dur / 1000)),
      longest: Math.max(0, ...cpu),
      gc: sum(cpu) - sum(work),
      work: sum(work),
      longestWork: Math.max(0, ...work),
      script: sum(script),
    };
  });
}

/**
 * Types `count` characters into the focused element, 60 ms apart (quicker than the editors'
 * typing pause, so no analysis runs between them), each in its own window of
 * `mainThreadWindows` (`key 0`, `key 1`, ...); then marks the start of a window `pause`.
 */
export async function typeInWindows(page, count) {
  for (let i = 0; i < count; i += 1) {
    await page.evaluate((n) => performance.mark(`window:key ${n}`), i);
    await page.keyboard.type('x');
    await page.waitForTimeout(60);
  }
  await page.evaluate(() => performance.mark('window:pause'));
}

/** Trace events of V8's garbage collections (and their phases, named `V8.GC_*`). */
const GC_EVENTS = new Set(['MinorGC', 'MajorGC']);

/** The events of `events` that no other of them contains. */
function outermost(events) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const kept = [];
  for (const e of sorted) {
    const last = kept[kept.length - 1];
    if (last && e.ts < last.ts + last.dur) continue;
    kept.push(e);
  }
  return kept;
}

/**
 * Reads `read()` every 100 ms until `holds(value)` is true and returns that value; fails after
 * `timeout` ms saying what was awaited. Polled from here, so `holds` is an ordinary function of
 * this test (a page-side predicate that returns a promise would count as true at once).
 */
export async function pollUntil(read, holds, what, timeout = 10_000) {
  let value;
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    value = await read();
    if (holds(value)) return value;
  }
  throw new Error(`${what} within ${timeout / 1000} s (last seen: ${JSON.stringify(value)?.slice(0, 500)})`);
}

/**
 * The JSON stored under `key` once `holds(stored)` is true. The workbench saves its state a
 * moment after the last change (its autosave waits for the state to be still), so a test reads
 * what was saved by waiting for it rather than reading at once.
 */
export async function storedJson(page, key, holds) {
  const stored = () => page.evaluate((name) => {
    try {
      return JSON.parse(localStorage.getItem(name));
    } catch {
      return null;
    }
  }, key);
  return pollUntil(stored, (value) => value !== null && Boolean(holds(value)), `nothing stored under ${key} held`);
}
