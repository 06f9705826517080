// The JavaScript API package (crates/event-pattern-wasm/pkg, built by `cargo xtask js-package`)
// under Node: the answers' shapes and UTF-16 positions of the matcher (index.js), RuleSet from
// the package's rules module (rules.js), and simulate from its simulator module (simulator.js).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '../../crates/event-pattern-wasm/pkg');
let api;
let rulesApi;
let sim;

before(async () => {
  // Through the package's entry points, as users import them.
  api = await import(path.join(pkg, 'index.js'));
  await api.default({ module_or_path: fs.readFileSync(path.join(pkg, 'event_pattern_wasm_bg.wasm')) });
  rulesApi = await import(path.join(pkg, 'rules.js'));
  await rulesApi.default({ module_or_path: fs.readFileSync(path.join(pkg, 'event_pattern_rules_bg.wasm')) });
  sim = await import(path.join(pkg, 'simulator.js'));
  await sim.default({ module_or_path: fs.readFileSync(path.join(pkg, 'event_pattern_simulator_bg.wasm')) });
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
  assert.doesNotMatch(types, /class RuleSet/);
  const rulesTypes = fs.readFileSync(path.join(pkg, 'event_pattern_rules.d.ts'), 'utf8');
  assert.match(rulesTypes, /export class RuleSet/);
  assert.match(rulesTypes, /export interface ApiError/);
  assert.match(rulesTypes, /export type MatchingRulesResult/);
  assert.match(api.version(), /^\d+\.\d+\.\d+$/);
  assert.equal(sim.version(), api.version());
  assert.equal(rulesApi.version(), api.version());
  // The three entries, as bundlers and Node resolve `eventbridge-pattern`, `…/rules` and `…/simulator`.
  assert.deepEqual(manifest.exports['.'], { types: './index.d.ts', default: './index.js' });
  assert.deepEqual(manifest.exports['./rules'], { types: './rules.d.ts', default: './rules.js' });
  assert.deepEqual(manifest.exports['./simulator'], { types: './simulator.d.ts', default: './simulator.js' });
  for (const entry of [manifest.exports['.'], manifest.exports['./rules'], manifest.exports['./simulator']]) {
    for (const file of Object.values(entry)) assert.ok(manifest.files.includes(file.slice(2)), `${file} is published`);
  }
  const simulatorTypes = fs.readFileSync(path.join(pkg, 'event_pattern_simulator.d.ts'), 'utf8');
  assert.match(simulatorTypes, /export function simulate\(scenario: any\): any/);
  assert.match(fs.readFileSync(path.join(pkg, 'simulator.d.ts'), 'utf8'), /export default function init/);
});

// Issue 14: a page that tests patterns downloads neither RuleSet's automaton nor the simulator.
test('each module exports its own functions and none of the others\'', () => {
  const exported = (file) =>
    WebAssembly.Module.exports(new WebAssembly.Module(fs.readFileSync(path.join(pkg, file)))).map((e) => e.name);
  const modules = {
    event_pattern_wasm_bg: ['testEventPattern', 'explain'],
    event_pattern_rules_bg: ['ruleset_new', 'ruleset_add', 'ruleset_matchingRules', 'ruleset_remove'],
    event_pattern_simulator_bg: ['simulate', 'presets', 'presetScenario'],
  };
  for (const [file, own] of Object.entries(modules)) {
    const names = exported(`${file}.wasm`);
    assert.ok(names.includes('version'), `${file} exports version`);
    for (const [other, theirs] of Object.entries(modules)) {
      for (const name of theirs) {
        assert.equal(names.includes(name), other === file, `${file} and ${name}`);
      }
    }
    for (const name of own) assert.ok(names.includes(name), `${file} exports ${name}`);
  }
  for (const name of ['RuleSet', 'simulate', 'presets', 'presetScenario']) {
    assert.equal(api[name], undefined, `index.js leaves out ${name}`);
  }
  assert.equal(rulesApi.testEventPattern, undefined, 'rules.js leaves out testEventPattern');
  // No entry point loads another's glue.
  for (const [entry, own] of [['index.js', 'event_pattern_wasm'], ['rules.js', 'event_pattern_rules'], ['simulator.js', 'event_pattern_simulator']]) {
    const text = fs.readFileSync(path.join(pkg, entry), 'utf8');
    const glue = [...text.matchAll(/from '\.\/(event_pattern_[a-z_]+)\.js'/g)].map((m) => m[1]);
    assert.deepEqual([...new Set(glue)], [own], entry);
  }
});

test('testEventPattern answers like the TestEventPattern API', () => {
  assert.deepEqual(api.testEventPattern('{"detail":{"payload":{"total":[{"numeric":[">",40]}]}}}', EVENT), { result: true });
  assert.deepEqual(api.testEventPattern('{"source":[{"prefix":"aws.partner/zendesk.com"}]}', EVENT), { result: false });
});

/**
 * The JSON value at the start of `text` with the exact text of each value (`raw`), so that the
 * corpus's patterns reach the matcher as written: JSON.parse would round `0.30000000000000001`.
 * Objects become plain objects of { v, raw } members, arrays arrays of them.
 */
function parseKeepingTexts(text) {
  let at = 0;
  const space = () => { while (/\s/.test(text[at])) at++; };
  const string = () => {
    const start = at++;
    while (text[at] !== '"') at += text[at] === '\\' ? 2 : 1;
    return JSON.parse(text.slice(start, ++at));
  };
  const value = () => {
    space();
    const start = at;
    let v;
    if (text[at] === '{' || text[at] === '[') {
      const close = text[at] === '{' ? '}' : ']';
      v = close === '}' ? {} : [];
      at++;
      space();
      while (text[at] !== close) {
        if (close === '}') {
          const key = string();
          space();
          at++; // the colon
          v[key] = value();
        } else {
          v.push(value());
        }
        space();
        if (text[at] === ',') at++;
        space();
      }
      at++;
    } else if (text[at] === '"') {
      v = string();
    } else {
      const literal = /^(-?[0-9.eE+-]+|true|false|null)/.exec(text.slice(at, at + 400))[0];
      at += literal.length;
      v = JSON.parse(literal);
    }
    return { v, raw: text.slice(start, at) };
  };
  return value();
}

test('the 156 cases AWS recorded get AWS\'s answers from the WebAssembly matcher', () => {
  // The native conformance test runs the same corpus; this one runs what wasm builds do
  // differently (number parsing, float formatting) through the package itself.
  const corpus = fs.readFileSync(path.resolve(here, '../../crates/event-pattern/tests/data/aws-validated.json'), 'utf8');
  const cases = parseKeepingTexts(corpus).v.cases.v.map(({ v }) => v);
  assert.equal(cases.length, 156);
  const disagreements = [];
  for (const c of cases) {
    const pattern = c.pattern ? c.pattern.raw : c.pattern_text.v;
    const event = c.event ? c.event.raw : c.event_text.v;
    const answer = api.testEventPattern(pattern, event);
    const got = answer.error ? 'error' : answer.result ? 'match' : 'nomatch';
    if (got !== c.expect.v) {
      disagreements.push(`${c.name.v}: expected ${c.expect.v}, got ${got} ${JSON.stringify(answer)}`);
    } else if (c.error_message) {
      const first = answer.error.message.split('\n')[0];
      if (first !== c.error_message.v || answer.error.code !== c.error_code.v) {
        disagreements.push(`${c.name.v}: ${answer.error.code} ${first} (AWS: ${c.error_code.v} ${c.error_message.v})`);
      }
    }
  }
  assert.deepEqual(disagreements, []);
});

test('numbers compare as the native matcher compares them, beyond the fast path too', () => {
  // A number compares numerically only when it is its double's shortest form (DESIGN.md);
  // wasm parses literals of over 15 digits with the engine's parseFloat and writes shortest
  // forms with zmij, so these answers are the native CLI's, checked on both.
  const event = (n) => `{"id":"1","source":"s","detail-type":"d","account":"123456789012","region":"us-east-1","time":"2024-01-01T00:00:00Z","resources":[],"detail":{"n":${n}}}`;
  const table = [
    ['{"detail":{"n":[{"numeric":[">",1.5]}]}}', '1.5000000000000002', true],
    ['{"detail":{"n":[{"numeric":[">",1.4]}]}}', '1.50000000000000001', false],
    ['{"detail":{"n":[1.50000000000000001]}}', '1.50000000000000001', true],
    ['{"detail":{"n":[1.5]}}', '1.50000000000000001', false],
    ['{"detail":{"n":[{"numeric":["=",37.77493]}]}}', '37.77493', true],
    ['{"detail":{"n":[300]}}', '3e2', true],
    ['{"detail":{"n":[{"numeric":[">",0]}]}}', '1e400', false],
    ['{"detail":{"n":[12345678901234567890]}}', '12345678901234567890', true],
    ['{"detail":{"n":[{"numeric":[">",0]}]}}', '12345678901234567890', false],
    // Halfway between two 17-digit decimals: the even one is the shortest form.
    ['{"detail":{"n":[{"numeric":[">",0]}]}}', '1658206780088562.2', true],
    ['{"detail":{"n":[{"numeric":[">",0]}]}}', '1658206780088562.3', false],
    ['{"detail":{"n":[{"numeric":["<",-122.4198317725388]}]}}', '-122.41983177253881', true],
  ];
  for (const [pattern, n, result] of table) {
    assert.deepEqual(api.testEventPattern(pattern, event(n)), { result }, `${pattern} ${n}`);
    const rules = new rulesApi.RuleSet();
    rules.add('r', pattern);
    assert.deepEqual(rules.matchingRules(event(n)), { rules: result ? ['r'] : [] }, `RuleSet ${pattern} ${n}`);
  }
  const { error } = api.testEventPattern('{"detail":{"n":[{"numeric":[">",1658206780088562.3]}]}}', event(1));
  assert.equal(error.message, 'Event pattern is not valid. Reason: Cannot compare number : 1658206780088562.3');
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
  const rules = new rulesApi.RuleSet();
  assert.deepEqual(rules.add('orders', '{"detail":{"metadata":{"X-Shopify-Topic":["orders/create"]}}}'), { ok: true });
  assert.deepEqual(rules.add('shopify', '{"source":[{"prefix":"aws.partner/shopify.com"}]}'), { ok: true });
  assert.deepEqual(rules.add('zendesk', '{"source":[{"prefix":"aws.partner/zendesk.com"}]}'), { ok: true });
  assert.equal(rules.size, 3);
  assert.deepEqual([...rules.matchingRules(EVENT).rules].sort(), ['orders', 'shopify']);
  const bad = rules.add('broken', '{"source":[]}');
  assert.equal(bad.error.message, 'Event pattern is not valid. Reason: Empty arrays are not allowed');
  assert.equal(rules.size, 3, 'a rejected rule is not added');
  assert.equal(rules.remove('orders'), true);
  assert.equal(rules.remove('orders'), false);
  assert.deepEqual(rules.matchingRules(EVENT), { rules: ['shopify'] });
  // Infix wildcards are found by a multi-pattern search over each value (in WebAssembly its own
  // automaton, not the native build's): overlapping and repeated segments, and misses.
  const infixes = new rulesApi.RuleSet();
  infixes.add('partner', '{"source":[{"wildcard":"*partner/shop*"}]}');
  infixes.add('overlapping', '{"source":[{"wildcard":"*shopify.com/1*"}]}');
  infixes.add('twice', '{"detail-type":[{"wildcard":"*o*o*"}]}');
  infixes.add('note', '{"detail":{"payload":{"note":[{"wildcard":"*😀 th*"}]}}}');
  infixes.add('miss', '{"source":[{"wildcard":"*zendesk*"}]}');
  infixes.add('order', '{"source":[{"wildcard":"*orders*partner*"}]}');
  assert.deepEqual([...infixes.matchingRules(EVENT).rules].sort(), ['note', 'overlapping', 'partner', 'twice']);
  infixes.free();
  const { error } = rules.matchingRules('[1,2]');
  assert.equal(error.code, 'ValidationException');
  assert.equal(error.message, 'Parameter Event is not valid.');
  assert.equal(error.input, 'event');
  rules.free();
});

test('simulate runs a scenario and rejects a malformed one', () => {
  const failed = sim.simulate({ seed: 'not a number' });
  assert.match(failed.error, /invalid scenario/);
  const ids = sim.presets().map((p) => p.id);
  assert.ok(ids.includes('permissions-error'), ids.join(', '));
  assert.equal(sim.presetScenario('no-such-preset'), undefined);
  // Permissions errors are not retried: every invocation goes to the DLQ (or is dropped) at once.
  const report = sim.simulate(sim.presetScenario('permissions-error'));
  const outcomes = report.summary.outcomes;
  assert.ok(report.summary.invocations_created > 0);
  assert.equal(outcomes.delivered, 0);
  assert.equal(outcomes.sent_to_dlq + outcomes.dropped + outcomes.failed_to_reach_dlq, report.summary.invocations_created);
  assert.equal(report.totals.RetryInvocationAttempts, 0);
  const empty = sim.simulate({});
  assert.equal(empty.finished, true);
  assert.equal(empty.summary.events_ingested, 0);
});

// Issue #16: no call throws or traps, whatever its arguments; each answers { error } instead.
const HOSTILE = [undefined, null, 42, 1n, true, {}, [], ['{}'], () => '{}', Symbol('s'), new String('{}')];

test('non-string arguments are { error } answers, never exceptions', () => {
  for (const bad of HOSTILE) {
    for (const [fn, args, input] of [
      [api.testEventPattern, [bad, EVENT], 'pattern'],
      [api.testEventPattern, ['{"source":["x"]}', bad], 'event'],
      [api.explain, [bad, EVENT], 'pattern'],
      [api.explain, ['{"source":["x"]}', bad], 'event'],
    ]) {
      let answer;
      assert.doesNotThrow(() => { answer = fn(...args); }, `${fn.name}(${String(typeof bad)})`);
      assert.equal(answer.error?.code, 'InvalidArgument', `${fn.name} with ${typeof bad}`);
      assert.equal(answer.error.input, input);
      assert.match(answer.error.message, /must be a string/);
    }
  }
  assert.equal(api.testEventPattern(undefined, EVENT).error.message, 'The pattern must be a string (JSON text), not undefined.');
  assert.equal(api.testEventPattern('{}', null).error.message, 'The event must be a string (JSON text), not null.');
  assert.equal(api.testEventPattern('{}', []).error.message, 'The event must be a string (JSON text), not an array.');
  assert.equal(api.testEventPattern(7, EVENT).error.message, 'The pattern must be a string (JSON text), not number.');
});

test('RuleSet methods answer { error } (or false) for any argument', () => {
  const rules = new rulesApi.RuleSet();
  for (const bad of HOSTILE) {
    assert.equal(rules.add(bad, '{"source":["x"]}').error?.input, 'name');
    assert.equal(rules.add('r', bad).error?.input, 'pattern');
    assert.equal(rules.matchingRules(bad).error?.code, 'InvalidArgument');
    assert.equal(rules.remove(bad), false);
  }
  assert.equal(rules.size, 0);
  assert.equal(sim.presetScenario(undefined), undefined);
  assert.equal(sim.presetScenario({ id: 'permissions-error' }), undefined);
  for (const bad of [undefined, null, 42, 'text', [], () => 1]) {
    assert.equal(typeof sim.simulate(bad).error, 'string', `simulate(${typeof bad})`);
  }
  rules.free();
});

test('huge strings are refused by their length before they reach WebAssembly memory', () => {
  const limit = 1024 * 1024;
  const huge = ' '.repeat(64 * limit) + '{}'; // 64 Mi units: far beyond the module's memory budget
  for (const answer of [api.testEventPattern(huge, EVENT), api.explain('{}', huge)]) {
    assert.equal(answer.error.code, 'InvalidArgument');
    assert.match(answer.error.message, /the most this API takes is 1048576 \(1 MiB\)/);
  }
  const rules = new rulesApi.RuleSet();
  assert.equal(rules.add('r', huge).error.code, 'InvalidArgument');
  assert.equal(rules.matchingRules(huge).error.code, 'InvalidArgument');
  // Just within the limit: answered normally (an over-long pattern is AWS's ValidationException).
  const short = '{"source":["aws.partner/shopify.com/1/orders"]}';
  const padded = short + ' '.repeat(limit - short.length);
  assert.equal(padded.length, limit);
  assert.equal(api.testEventPattern(padded, EVENT).error.code, 'ValidationException');
  // The module still works after all of this.
  assert.deepEqual(api.testEventPattern('{"source":[{"prefix":"aws.partner/"}]}', EVENT), { result: true });
  rules.free();
});

test('the types say what bad input returns', () => {
  const types = fs.readFileSync(path.join(pkg, 'event_pattern_wasm.d.ts'), 'utf8');
  assert.match(types, /"InvalidArgument"/);
  assert.match(types, /export type TestEventPatternResult = \{ result: boolean \} \| \{ error: ApiError \}/);
  const rulesTypes = fs.readFileSync(path.join(pkg, 'event_pattern_rules.d.ts'), 'utf8');
  assert.match(rulesTypes, /"InvalidArgument"/);
  assert.match(rulesTypes, /export type MatchingRulesResult = \{ rules: string\[\] \} \| \{ error: ApiError \}/);
  assert.match(rulesTypes, /matchingRules\(event: string\): MatchingRulesResult/);
});

test('the matcher loads without WebAssembly SIMD; RuleSet and the simulator say clearly that they need it', async () => {
  assert.equal(api.supportsSimd(), true, 'Node runs WebAssembly SIMD');
  const validate = WebAssembly.validate;
  WebAssembly.validate = () => false; // an engine without SIMD refuses the probe module
  try {
    assert.equal(api.supportsSimd(), false);
    // The matcher's module is built without SIMD (see the next test), so its entry point does
    // not ask.
    await api.default({ module_or_path: fs.readFileSync(path.join(pkg, 'event_pattern_wasm_bg.wasm')) });
    assert.deepEqual(api.testEventPattern('{"source":["x"]}', EVENT), { result: false });
    for (const module of [rulesApi, sim]) {
      assert.equal(module.supportsSimd(), false);
      await assert.rejects(module.default({ module_or_path: new Uint8Array() }), /need WebAssembly SIMD/);
    }
  } finally {
    WebAssembly.validate = validate;
  }
});

/** The features a module was compiled with: its `target_features` section's `+name` entries. */
function targetFeatures(file) {
  const bytes = fs.readFileSync(path.join(pkg, file));
  let at = 8;
  const leb = () => {
    let value = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
    }
  };
  const name = () => {
    const length = leb();
    at += length;
    return bytes.subarray(at - length, at).toString('utf8');
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const end = leb() + at;
    if (id === 0 && name() === 'target_features') {
      const features = [];
      for (let count = leb(); count > 0; count--) {
        const prefix = String.fromCharCode(bytes[at++]);
        features.push(prefix + name());
      }
      return features;
    }
    at = end;
  }
  return [];
}

test('only RuleSet and the simulator are compiled with WebAssembly SIMD', () => {
  assert.ok(!targetFeatures('event_pattern_wasm_bg.wasm').includes('+simd128'));
  assert.ok(targetFeatures('event_pattern_wasm_bg.wasm').includes('+bulk-memory'), 'the section is read');
  assert.ok(targetFeatures('event_pattern_rules_bg.wasm').includes('+simd128'));
  assert.ok(targetFeatures('event_pattern_simulator_bg.wasm').includes('+simd128'));
});
