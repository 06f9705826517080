// RuleSet: `import initRules, { RuleSet } from 'eventbridge-pattern/rules'`. A module of its own
// (event_pattern_rules_bg.wasm), separate from the matcher of index.js, so that pages testing one
// pattern do not download its automaton; it was exported by index.js before.
export * from './event_pattern_rules.js';
/** Whether this JavaScript engine runs WebAssembly SIMD, which RuleSet needs. */
export function supportsSimd(): boolean;
/** Loads RuleSet; rejects with a readable Error when WebAssembly SIMD is missing. */
export default function init(
  options?: import('./event_pattern_rules.js').InitInput | { module_or_path: import('./event_pattern_rules.js').InitInput | Promise<import('./event_pattern_rules.js').InitInput> },
): Promise<import('./event_pattern_rules.js').InitOutput>;
