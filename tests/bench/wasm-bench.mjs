// The citylots2 rule-family benchmark in WebAssembly under Node: events/sec per family, to set
// beside the native figures of `cargo bench -p event-pattern --bench citylots`.
//
// Build first (from the repository root):
//   cargo build --profile bench -p bench-wasm --target wasm32-unknown-unknown
//   wasm-bindgen --target nodejs --out-dir target/bench-wasm \
//       target/wasm32-unknown-unknown/release/bench_wasm.wasm
// then:
//   node tests/bench/wasm-bench.mjs [LINES] [PASSES]
// LINES defaults to 213068 (the real file's size), PASSES (timed passes per family, median
// reported) to 5. Prints a Markdown table, one row as each family finishes.

import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const modulePath = join(root, "target", "bench-wasm", "bench_wasm.js");
if (!existsSync(modulePath)) {
  console.error(`${modulePath} is missing: build it first (see the top of this script).`);
  process.exit(2);
}

function wholeNumber(text, fallback, name) {
  if (text === undefined) return fallback;
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} must be a whole number of at least 1, not ${text}`);
    process.exit(2);
  }
  return value;
}

const lines = wholeNumber(process.argv[2], 213068, "LINES");
const passes = wholeNumber(process.argv[3], 5, "PASSES");

const { CitylotsBench } = createRequire(import.meta.url)(modulePath);

const started = performance.now();
const bench = new CitylotsBench(lines);
const megabytes = (bench.bytes() / 1e6).toFixed(1);
console.log(`# citylots2 benchmark, WebAssembly (Node ${process.version})\n`);
console.log(
  `data: ${lines} generated features, ${megabytes} MB, generated in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
console.log(`timing: median of ${passes} timed passes after one warm-up pass; JSON parsing included\n`);
console.log(CitylotsBench.header());
console.log(bench.baselines(passes));
for (const name of bench.family_names().split("\n")) {
  console.log(bench.run_family(name, passes));
}
bench.free();
console.log(`\nwhole run: ${((performance.now() - started) / 1000).toFixed(0)} s`);
