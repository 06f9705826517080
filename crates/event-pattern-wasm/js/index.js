// The package's entry point: the matcher (testEventPattern, explain), what a docs page needs.
// RuleSet (rules.js) and the delivery simulator (simulator.js) are modules of their own, so that
// a page that tests patterns downloads neither. This module is built without WebAssembly SIMD:
// it runs on every engine that runs WebAssembly.
import initWasm from './event_pattern_wasm.js';

export * from './event_pattern_wasm.js';
// What rules.js and simulator.js need, for pages that choose between them.
export { supportsSimd } from './simd.js';

/** Loads the matcher (same arguments as wasm-bindgen's `init`: `{ module_or_path }`). */
export default async function init(options) {
  return initWasm(options);
}
