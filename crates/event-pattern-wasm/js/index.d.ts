// The matcher: testEventPattern and explain. `RuleSet` moved to the package's `rules` module
// (`eventbridge-pattern/rules`, rules.d.ts) and `simulate`, `presets` and `presetScenario` to
// `eventbridge-pattern/simulator` (simulator.d.ts), so that the matcher alone stays small and
// runs without WebAssembly SIMD (issue 14).
export * from './event_pattern_wasm.js';
/** Whether this JavaScript engine runs WebAssembly SIMD, which rules.js and simulator.js need. */
export function supportsSimd(): boolean;
/** Loads the matcher. */
export default function init(
  options?: import('./event_pattern_wasm.js').InitInput | { module_or_path: import('./event_pattern_wasm.js').InitInput | Promise<import('./event_pattern_wasm.js').InitInput> },
): Promise<import('./event_pattern_wasm.js').InitOutput>;
