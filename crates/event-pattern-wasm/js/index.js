// The package's entry point: the matcher (testEventPattern, explain, RuleSet). The delivery
// simulator is a second module with its own entry, simulator.js, so that pages which only match
// patterns do not download it.
import initWasm from './event_pattern_wasm.js';
import { requireSimd } from './simd.js';

export * from './event_pattern_wasm.js';
export { supportsSimd } from './simd.js';

/**
 * Loads the matcher (same arguments as wasm-bindgen's `init`: `{ module_or_path }`). Rejects
 * with a readable Error when the engine lacks WebAssembly SIMD.
 */
export default async function init(options) {
  requireSimd();
  return initWasm(options);
}
