#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    event_pattern_fuzz::check_event(&String::from_utf8_lossy(data));
});
