#![no_main]

// Input: pattern 0xFF event (further pieces are ignored).
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let texts = event_pattern_fuzz::texts(data);
    if let [pattern, event, ..] = texts.as_slice() {
        event_pattern_fuzz::check_explain(pattern, event);
    }
});
