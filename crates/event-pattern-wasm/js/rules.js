// RuleSet's entry point: many named rules matched at once, as on an event bus. A module of its
// own because its automaton and SIMD event scanner are more than a page testing one pattern
// needs; it holds the matcher it is built on, so it does not need index.js.
import initWasm from './event_pattern_rules.js';
import { requireSimd } from './simd.js';

export * from './event_pattern_rules.js';
export { supportsSimd } from './simd.js';

/**
 * Loads RuleSet (same arguments as wasm-bindgen's `init`: `{ module_or_path }`, the bytes or URL
 * of event_pattern_rules_bg.wasm). Rejects with a readable Error when the engine lacks
 * WebAssembly SIMD.
 */
export default async function init(options) {
  requireSimd();
  return initWasm(options);
}
