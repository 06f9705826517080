//! Turns the TOML lesson files in `course/` into one JSON document in `OUT_DIR`, which the
//! library embeds with `include_str!`. A TOML syntax error stops the build with the file, line
//! and column; everything else about a lesson is checked by the library and its tests.

#[path = "build_support/course_files.rs"]
mod course_files;

use std::path::Path;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let course_dir = Path::new(&manifest_dir).join("course");
    println!("cargo:rerun-if-changed=course");
    println!("cargo:rerun-if-changed=build_support/course_files.rs");
    let json = match course_files::course_json(&course_dir) {
        Ok(json) => json,
        Err(message) => {
            eprintln!("error in crates/lessons/course/{message}");
            std::process::exit(1);
        }
    };
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("course.json"), json).expect("OUT_DIR is writable");
}
