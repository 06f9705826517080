// The JavaScript API package (crates/event-pattern-wasm/pkg, built by `cargo xtask js-package`)
// under Node: the answers' shapes, UTF-16 positions, RuleSet and simulate.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '../../crates/event-pattern-wasm/pkg');
let api;

before(async () => {
  api = await import(path.join(pkg, 'event_pattern_wasm.js'));
  await api.default({ module_or_path: fs.readFileSync(path.join(pkg, 'event_pattern_wasm_bg.wasm')) });
});

const EVENT = JSON.stringify({
  id: '1', account: '123456789012', source: 'aws.partner/shopify.com/1/orders', time: '2024-01-01T00:00:00Z',
  region: 'us-east-1', 'detail-type': 'shopifyWebhook',
  detail: { metadata: { 'X-Shopify-Topic': 'orders/create' }, payload: { total: 42.5, note: '😀 thanks' } },
});

test('the package is a self-contained ES module with types', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8'));
  assert.equal(manifest.type, 'module');
  for (const file of manifest.files) assert.ok(fs.existsSync(path.join(pkg, file)), `${file} is in the package`);
  const types = fs.readFileSync(path.join(pkg, 'event_pattern_wasm.d.ts'), 'utf8');
  assert.match(types, /export function testEventPattern\(pattern: string, event: string\): TestEventPatternResult/);
  assert.match(types, /export class RuleSet/);
  assert.match(api.version(), /^\d+\.\d+\.\d+$/);
});

test('testEventPattern answers like the TestEventPattern API', () => {
  assert.deepEqual(api.testEventPattern('{"detail":{"payload":{"total":[{"numeric":[">",40]}]}}}', EVENT), { result: true });
  assert.deepEqual(api.testEventPattern('{"source":[{"prefix":"aws.partner/zendesk.com"}]}', EVENT), { result: false });
});

test('pattern errors carry the AWS message and UTF-16 positions', () => {
  const pattern = '{"😀": [{"prefix": 1}]}';
  const { error } = api.testEventPattern(pattern, EVENT);
  assert.equal(error.code, 'InvalidEventPatternException');
  assert.equal(error.message, 'Event pattern is not valid. Reason: prefix match pattern must be a string');
  assert.equal(error.input, 'pattern');
  // JS strings are UTF-16: the reported range must slice out exactly the offending value.
  assert.equal(pattern.slice(error.start, error.end), '1');
  assert.equal(error.line, 1);
  assert.equal(error.column, error.start + 1);
  assert.ok(error.path.startsWith('/😀'));
});

test('event errors are ValidationExceptions with help', () => {
  const { error } = api.testEventPattern('{"source":["x"]}', '{"source":"x"}');
  assert.equal(error.code, 'ValidationException');
  assert.equal(error.message, 'Parameter Event is not valid.');
  assert.equal(error.input, 'event');
  assert.ok(error.detail.length > 0);
});

test('explain returns per-field explanations with UTF-16 spans', () => {
  const { explanation } = api.explain('{"detail":{"payload":{"note":[{"suffix":"thanks"}]}}}', EVENT);
  assert.equal(explanation.matched, true);
  const field = explanation.branches[0].fields[0];
  assert.equal(field.path, 'detail.payload.note');
  assert.equal(field.outcome.kind, 'matched');
  const value = field.values[0];
  assert.equal(EVENT.slice(value.span.start, value.span.end), '"😀 thanks"');
  const miss = api.explain('{"source":["nope"]}', EVENT).explanation;
  assert.equal(miss.matched, false);
  assert.equal(miss.branches[0].fields[0].outcome.kind, 'rejected');
});

test('RuleSet adds, replaces, removes and matches named rules', () => {
  const rules = new api.RuleSet();
  assert.deepEqual(rules.add('orders', '{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}'), { ok: true });
  assert.deepEqual(rules.add('shopify', '{"source":[{"prefix":"aws.partner/shopify.com"}]}'), { ok: true });
  assert.deepEqual(rules.add('zendesk', '{"source":[{"prefix":"aws.partner/zendesk.com"}]}'), { ok: true });
  assert.equal(rules.size, 3);
  assert.deepEqual([...rules.matchingRules(EVENT)].sort(), ['orders', 'shopify']);
  const bad = rules.add('broken', '{"source":[]}');
  assert.equal(bad.error.message, 'Event pattern is not valid. Reason: Empty arrays are not allowed');
  assert.equal(rules.size, 3, 'a rejected rule is not added');
  assert.equal(rules.remove('orders'), true);
  assert.equal(rules.remove('orders'), false);
  assert.deepEqual([...rules.matchingRules(EVENT)], ['shopify']);
  assert.throws(() => rules.matchingRules('[1,2]'), /Parameter Event is not valid|not valid/);
  rules.free();
});

test('simulate runs a scenario and rejects a malformed one', () => {
  const failed = api.simulate({ seed: 'not a number' });
  assert.match(failed.error, /invalid scenario/);
  const ids = api.presets().map((p) => p.id);
  assert.ok(ids.includes('permissions-error'), ids.join(', '));
  assert.equal(api.presetScenario('no-such-preset'), undefined);
  // Permissions errors are not retried: every invocation goes to the DLQ (or is dropped) at once.
  const report = api.simulate(api.presetScenario('permissions-error'));
  const outcomes = report.summary.outcomes;
  assert.ok(report.summary.invocations_created > 0);
  assert.equal(outcomes.delivered, 0);
  assert.equal(outcomes.sent_to_dlq + outcomes.dropped + outcomes.failed_to_reach_dlq, report.summary.invocations_created);
  assert.equal(report.totals.RetryInvocationAttempts, 0);
  const empty = api.simulate({});
  assert.equal(empty.finished, true);
  assert.equal(empty.summary.events_ingested, 0);
});
