//! `cargo xtask js-package`: the matcher as a self-contained ES module package.
//!
//! Output: `crates/event-pattern-wasm/pkg/` with the wasm-bindgen glue (`--target web`, which
//! works in browsers and, given the wasm bytes, in Node), TypeScript types and a package.json.

use std::path::{Path, PathBuf};

use crate::cmd::{run, Step};
use crate::tools;
use crate::workspace_root;

pub fn package_dir() -> PathBuf {
    workspace_root().join("crates/event-pattern-wasm/pkg")
}

pub fn build() -> Result<(), String> {
    let root = workspace_root();
    let out = package_dir();
    // The JS API's RuleSet scans events with WebAssembly SIMD (1.3-1.5x faster); the web app's
    // bundles are built without it, so this build has its own target directory and flags.
    let target_dir = root.join("target/js-api");
    run(Step::new("wasm build of the JS API (with SIMD)", "cargo")
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("RUSTFLAGS", "-C target-feature=+simd128")
        .args([
            "build",
            "--profile",
            "wasm-release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "event-pattern-wasm",
        ])
        .dir(&root))?;
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm-release/event_pattern_wasm.wasm");
    run(Step::new("wasm-bindgen for the JS API", "wasm-bindgen")
        .args(["--target", "web", "--out-dir"])
        .args([&out, &wasm])
        .dir(&root))?;
    let bindgen_output = out.join("event_pattern_wasm_bg.wasm");
    run(Step::new("wasm-opt for the JS API", "wasm-opt")
        .args([
            "-Oz",
            "--enable-reference-types",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args([
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-multivalue",
            "--strip-debug",
            "--strip-producers",
            "-o",
        ])
        .args([&bindgen_output, &bindgen_output])
        .path_prefix(tools::wasm_opt_bin_dir())
        .dir(&root))?;
    write_package_json(&out)
}

fn write_package_json(out: &Path) -> Result<(), String> {
    // The entry point that checks for WebAssembly SIMD before loading (see js/index.js).
    let sources = workspace_root().join("crates/event-pattern-wasm/js");
    for file in ["index.js", "index.d.ts"] {
        std::fs::copy(sources.join(file), out.join(file))
            .map_err(|e| format!("cannot copy js/{file} into the package: {e}"))?;
    }
    let manifest = format!(
        r#"{{
  "name": "eventbridge-pattern",
  "version": "{version}",
  "description": "Amazon EventBridge event patterns in JavaScript: AWS's results and error messages, offline (WebAssembly).",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "index.js",
  "module": "index.js",
  "types": "index.d.ts",
  "files": ["index.js", "index.d.ts", "event_pattern_wasm.js", "event_pattern_wasm.d.ts", "event_pattern_wasm_bg.wasm", "event_pattern_wasm_bg.wasm.d.ts"],
  "sideEffects": false
}}
"#,
        version = env!("CARGO_PKG_VERSION")
    );
    std::fs::write(out.join("package.json"), manifest)
        .map_err(|e| format!("cannot write package.json: {e}"))
}
