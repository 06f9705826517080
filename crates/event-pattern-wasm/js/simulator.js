// The delivery simulator's entry point (simulate, presets, presetScenario): a module of its own,
// loaded only by those who import it, because it is larger than the matcher it is built on.
import initWasm from './event_pattern_simulator.js';
import { requireSimd } from './simd.js';

export * from './event_pattern_simulator.js';
export { supportsSimd } from './simd.js';

/**
 * Loads the simulator (same arguments as wasm-bindgen's `init`: `{ module_or_path }`, the
 * bytes or URL of event_pattern_simulator_bg.wasm). Rejects with a readable Error when the
 * engine lacks WebAssembly SIMD.
 */
export default async function init(options) {
  requireSimd();
  return initWasm(options);
}
