//! The lower- and upper-case forms of a character of the Basic Multilingual Plane, the only
//! characters case-insensitive operators map (see `text::CaseInsensitive`).
//!
//! The tables are std's own mappings, which build.rs writes as runs of characters that move by
//! the same amount: std's tables cover all of Unicode and were 20 KB of every wasm bundle with
//! the matcher (issue 14); these hold the same BMP mappings in a few KB.

/// Characters `from..=to`, every `stride`-th one, map to themselves plus `delta`.
pub(super) struct Run {
    from: u16,
    to: u16,
    stride: u16,
    delta: i32,
}

include!(concat!(env!("OUT_DIR"), "/case_tables.rs"));

/// What `char::to_lowercase` gives for a BMP character (a character outside it is returned as
/// it is).
pub(crate) fn lowercase(c: char) -> String {
    mapped(c, &LOWER_RUNS, &LOWER_SEVERAL)
}

/// What `char::to_uppercase` gives for a BMP character (a character outside it is returned as
/// it is).
pub(crate) fn uppercase(c: char) -> String {
    mapped(c, &UPPER_RUNS, &UPPER_SEVERAL)
}

fn mapped(c: char, runs: &[Run], several: &[(u16, &str)]) -> String {
    let Ok(code) = u16::try_from(u32::from(c)) else {
        return c.to_string();
    };
    if let Ok(at) = several.binary_search_by_key(&code, |&(from, _)| from) {
        return several[at].1.to_owned();
    }
    let run = runs
        .partition_point(|run| run.from <= code)
        .checked_sub(1)
        .map(|at| &runs[at])
        .filter(|run| code <= run.to && (code - run.from) % run.stride == 0);
    run.and_then(|run| char::from_u32(u32::from(code).wrapping_add_signed(run.delta)))
        .unwrap_or(c)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{lowercase, uppercase, LOWER_RUNS, UPPER_RUNS};

    #[test]
    fn every_bmp_character_maps_as_std_maps_it() {
        let mut changed = 0;
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            let (lower, upper) = (lowercase(c), uppercase(c));
            assert_eq!(
                lower,
                c.to_lowercase().collect::<String>(),
                "{:#x}",
                u32::from(c)
            );
            assert_eq!(
                upper,
                c.to_uppercase().collect::<String>(),
                "{:#x}",
                u32::from(c)
            );
            changed += usize::from(lower != c.to_string()) + usize::from(upper != c.to_string());
        }
        // Thousands of BMP characters have another case (2,826 in Unicode 16); the runs are few.
        assert!(changed > 2_000, "{changed}");
        assert!(LOWER_RUNS.len() + UPPER_RUNS.len() < 1_000);
        assert_eq!(uppercase('ß'), "SS");
        assert_eq!(lowercase('İ'), "i\u{307}");
        assert_eq!(lowercase('🚀'), "🚀");
    }
}
