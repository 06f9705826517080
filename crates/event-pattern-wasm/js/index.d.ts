// The matcher. `simulate`, `presets` and `presetScenario` used to be exported here too; they
// moved to the package's second module, `eventbridge-pattern/simulator` (simulator.d.ts), so that
// the matcher alone stays small (issue 14).
export * from './event_pattern_wasm.js';
/** Whether this JavaScript engine runs WebAssembly SIMD, which the matcher needs. */
export function supportsSimd(): boolean;
/** Loads the matcher; rejects with a readable Error when WebAssembly SIMD is missing. */
export default function init(
  options?: import('./event_pattern_wasm.js').InitInput | { module_or_path: import('./event_pattern_wasm.js').InitInput | Promise<import('./event_pattern_wasm.js').InitInput> },
): Promise<import('./event_pattern_wasm.js').InitOutput>;
