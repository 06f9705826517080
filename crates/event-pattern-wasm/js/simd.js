// RuleSet (rules.js) and the delivery simulator (simulator.js) are compiled with WebAssembly
// SIMD (RuleSet's event scanner classifies 16 bytes at a time, 1.3-1.5x faster), which every
// current browser and Node have but older ones lack (Safari before 16.4, Chrome before 91, Firefox
// before 89). Loading such a module there fails with an opaque CompileError, so their entry
// points check first and say what is missing. The matcher (index.js) is built without SIMD and
// loads everywhere. Shared by the entry points, so that none loads another's glue.

// The smallest module using a SIMD instruction: (func (result v128) (i8x16.splat (i32.const 0))).
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code: i32.const 0, i8x16.splat, end
]);

/** Whether this JavaScript engine runs WebAssembly SIMD, which rules.js and simulator.js need. */
export function supportsSimd() {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

/** Throws a readable Error when the engine lacks WebAssembly SIMD. */
export function requireSimd() {
  if (!supportsSimd()) {
    throw new Error(
      'RuleSet and the delivery simulator of eventbridge-pattern need WebAssembly SIMD, which ' +
        'this browser or runtime lacks (it is in Chrome and Edge 91+, Firefox 89+, Safari 16.4+ ' +
        'and Node 16.4+); testEventPattern and explain (index.js) run without it.',
    );
  }
}
