// The delivery simulator: `import initSimulator, { simulate } from 'eventbridge-pattern/simulator'`.
// A second module (event_pattern_simulator_bg.wasm), separate from the matcher of index.js, so
// that pages which only match patterns do not download it; `await import(...)` loads it on demand.
export * from './event_pattern_simulator.js';
/** Whether this JavaScript engine runs WebAssembly SIMD, which the simulator needs. */
export function supportsSimd(): boolean;
/** Loads the simulator; rejects with a readable Error when WebAssembly SIMD is missing. */
export default function init(
  options?: import('./event_pattern_simulator.js').InitInput | { module_or_path: import('./event_pattern_simulator.js').InitInput | Promise<import('./event_pattern_simulator.js').InitInput> },
): Promise<import('./event_pattern_simulator.js').InitOutput>;
