#![no_main]

// Input: pattern 0xFF pattern 0xFF ... 0xFF event.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    event_pattern_fuzz::check_rule_set(&event_pattern_fuzz::texts(data));
});
