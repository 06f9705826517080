//! `cargo xtask js-package`: the matcher (and, as modules of their own, RuleSet and the delivery
//! simulator) as a self-contained ES module package.
//!
//! Output: `crates/event-pattern-wasm/pkg/` with the wasm-bindgen glue of the three modules
//! (`--target web`, which works in browsers and, given the wasm bytes, in Node), the entry points
//! `index.js` (matcher), `rules.js` and `simulator.js`, TypeScript types and a package.json.

use std::path::{Path, PathBuf};

use crate::cmd::{run, Step};
use crate::tools;
use crate::workspace_root;

pub fn package_dir() -> PathBuf {
    workspace_root().join("crates/event-pattern-wasm/pkg")
}

/// One WebAssembly module of the package, built from `event-pattern-wasm` with some features.
struct Module {
    /// For the log: "matcher", "rules" or "simulator".
    label: &'static str,
    /// cargo's feature arguments.
    features: &'static [&'static str],
    /// The file names wasm-bindgen writes: `<name>.js`, `<name>_bg.wasm`, `<name>.d.ts`.
    out_name: &'static str,
    /// Built with WebAssembly SIMD: the modules with RuleSet's event scanner, which is 1.3-1.5x
    /// faster with it. The matcher alone has no use for it, so it runs on any engine.
    simd: bool,
}

/// The matcher (index.js: testEventPattern, explain), RuleSet (rules.js) and the delivery
/// simulator (simulator.js) are separate modules, so that a page downloads only what it calls:
/// a docs page testing one pattern needs neither the RuleSet's automaton nor the simulator
/// (issue 14).
const MODULES: [Module; 3] = [
    Module {
        label: "matcher",
        features: &[],
        out_name: "event_pattern_wasm",
        simd: false,
    },
    Module {
        label: "rules",
        features: &["--no-default-features", "--features", "rules"],
        out_name: "event_pattern_rules",
        simd: true,
    },
    Module {
        label: "simulator",
        features: &["--no-default-features", "--features", "simulator"],
        out_name: "event_pattern_simulator",
        simd: true,
    },
];

/// Where a module's unoptimised wasm (cargo's output, with its name section) is kept, for
/// `cargo xtask size <file.wasm>`: the second build overwrites cargo's own file.
pub fn unoptimised_module(out_name: &str) -> PathBuf {
    workspace_root().join(format!("target/js-api/{out_name}.wasm"))
}

pub fn build() -> Result<(), String> {
    for module in &MODULES {
        build_module(module)?;
    }
    write_package_json(&package_dir())
}

fn build_module(module: &Module) -> Result<(), String> {
    let root = workspace_root();
    let out = package_dir();
    let label = module.label;
    // The SIMD modules have their own target directory and flags (the web app's bundles are
    // built without SIMD, and share theirs with the matcher module). Modules with the same flags
    // only recompile this crate.
    let target_dir = if module.simd {
        root.join("target/js-api")
    } else {
        root.join("target")
    };
    let rustflags = if module.simd {
        "-C target-feature=+simd128"
    } else {
        ""
    };
    let simd_note = if module.simd { " (with SIMD)" } else { "" };
    run(Step::new(
        &format!("wasm build of the JS API's {label}{simd_note}"),
        "cargo",
    )
    .env("CARGO_TARGET_DIR", &target_dir)
    .env("RUSTFLAGS", rustflags)
    .args([
        "build",
        "--profile",
        "wasm-release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "event-pattern-wasm",
    ])
    .args(module.features)
    .dir(&root))?;
    let built = target_dir.join("wasm32-unknown-unknown/wasm-release/event_pattern_wasm.wasm");
    let wasm = unoptimised_module(module.out_name);
    if let Some(dir) = wasm.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::copy(&built, &wasm)
        .map_err(|e| format!("cannot copy {} to {}: {e}", built.display(), wasm.display()))?;
    run(Step::new(
        &format!("wasm-bindgen for the JS API's {label}"),
        "wasm-bindgen",
    )
    .args([
        "--target",
        "web",
        "--out-name",
        module.out_name,
        "--out-dir",
    ])
    .args([&out, &wasm])
    .dir(&root))?;
    let bindgen_output = out.join(format!("{}_bg.wasm", module.out_name));
    // The features wasm-opt may use: SIMD only where the module was built with it (the JS API
    // tests read each module's target_features section to check which were).
    let simd_feature: &[&str] = if module.simd { &["--enable-simd"] } else { &[] };
    run(
        Step::new(&format!("wasm-opt for the JS API's {label}"), "wasm-opt")
            .args(["-Oz", "--mvp-features"])
            .args(simd_feature)
            .args([
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
            .dir(&root),
    )
}

fn write_package_json(out: &Path) -> Result<(), String> {
    // The entry points (see js/): the matcher, RuleSet, the simulator and the SIMD check.
    let sources = workspace_root().join("crates/event-pattern-wasm/js");
    for file in ENTRY_FILES {
        std::fs::copy(sources.join(file), out.join(file))
            .map_err(|e| format!("cannot copy js/{file} into the package: {e}"))?;
    }
    let mut files: Vec<String> = ENTRY_FILES.iter().map(|f| format!("\"{f}\"")).collect();
    for module in &MODULES {
        let name = module.out_name;
        for suffix in [".js", ".d.ts", "_bg.wasm", "_bg.wasm.d.ts"] {
            files.push(format!("\"{name}{suffix}\""));
        }
    }
    // `exports` names the two entries; "./*" keeps every file reachable by its path (the wasm
    // files, for those who fetch or read them themselves), as it was before there was a map.
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
  "exports": {{
    ".": {{ "types": "./index.d.ts", "default": "./index.js" }},
    "./rules": {{ "types": "./rules.d.ts", "default": "./rules.js" }},
    "./simulator": {{ "types": "./simulator.d.ts", "default": "./simulator.js" }},
    "./*": "./*"
  }},
  "files": [{files}],
  "sideEffects": false
}}
"#,
        version = env!("CARGO_PKG_VERSION"),
        files = files.join(", "),
    );
    std::fs::write(out.join("package.json"), manifest)
        .map_err(|e| format!("cannot write package.json: {e}"))
}

/// The hand-written files of the package, copied from `crates/event-pattern-wasm/js/`.
const ENTRY_FILES: [&str; 7] = [
    "index.js",
    "index.d.ts",
    "rules.js",
    "rules.d.ts",
    "simulator.js",
    "simulator.d.ts",
    "simd.js",
];
