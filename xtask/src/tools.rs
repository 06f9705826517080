//! Installing the tools the build and the tests need, only when they are missing.
//!
//! Versions are pinned where a mismatch breaks the build: Trunk 0.21.14 (0.22 needs a newer
//! rustc) and wasm-bindgen-cli, which must equal the `wasm-bindgen` version in Cargo.lock.
//! Nothing here downloads prebuilt binaries: tools come from crates.io, Debian and npm.

use std::cell::Cell;
use std::path::Path;

use crate::cmd::{output_of, run, Step};
use crate::workspace_root;

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";

pub fn ensure_web_tools() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_trunk()?;
    ensure_wasm_bindgen()?;
    ensure_wasm_opt()
}

pub fn ensure_browser_test_tools() -> Result<(), String> {
    if !Path::new(CHROMIUM).exists() {
        apt_install(&["chromium"])?;
    }
    ensure_e2e_packages()
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Step::new("install the wasm target", "rustup").args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk() -> Result<(), String> {
    let version = output_of("trunk", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(TRUNK_VERSION) {
        return Ok(());
    }
    run(Step::new("install trunk", "cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
    ]))
}

fn ensure_wasm_bindgen() -> Result<(), String> {
    let wanted = locked_version("wasm-bindgen")?;
    let version = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if version.split_whitespace().nth(1) == Some(wanted.as_str()) {
        return Ok(());
    }
    // Not `--locked`: one of its locked dependency versions is no longer on crates.io.
    run(Step::new("install wasm-bindgen-cli", "cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &wanted,
        "--force",
    ]))
}

/// Where the pinned wasm-opt lives. Debian's binaryen 108 miscompiles the externref table of
/// today's wasm-bindgen output (the app dies at start-up), so the build uses npm's binaryen,
/// pinned in xtask/wasm-opt/package.json, and puts it first on Trunk's PATH.
pub fn wasm_opt_bin_dir() -> std::path::PathBuf {
    workspace_root().join("xtask/wasm-opt/node_modules/.bin")
}

fn ensure_wasm_opt() -> Result<(), String> {
    if wasm_opt_bin_dir().join("wasm-opt").exists() {
        return Ok(());
    }
    run(Step::new("install wasm-opt (npm binaryen)", "npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .dir(&workspace_root().join("xtask/wasm-opt")))
}

fn ensure_e2e_packages() -> Result<(), String> {
    let e2e = workspace_root().join("tests/e2e");
    if e2e
        .join("node_modules/playwright-core/package.json")
        .exists()
    {
        return Ok(());
    }
    run(Step::new("install the e2e test's npm packages", "npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .dir(&e2e))
}

/// The version Cargo.lock pins for a package (the lock file is simple TOML; no parser needed).
fn locked_version(package: &str) -> Result<String, String> {
    let lock_path = workspace_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|e| format!("cannot read {}: {e}", lock_path.display()))?;
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == name_line {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

thread_local! {
    static APT_UPDATED: Cell<bool> = const { Cell::new(false) };
}

fn apt_install(packages: &[&str]) -> Result<(), String> {
    let as_root = output_of("id", &["-u"]).is_some_and(|uid| uid.trim() == "0");
    // Through `env` so no package can stop to ask a question (CI has no terminal).
    let (program, prefix): (&str, &[&str]) = if as_root {
        ("env", &["DEBIAN_FRONTEND=noninteractive", "apt-get"])
    } else {
        (
            "sudo",
            &["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"],
        )
    };
    if !APT_UPDATED.get() {
        run(Step::new("apt-get update", program)
            .args(prefix.iter().copied())
            .arg_list(&["update"]))?;
        APT_UPDATED.set(true);
    }
    run(
        Step::new(&format!("install {}", packages.join(", ")), program)
            .args(prefix.iter().copied())
            .arg_list(&["install", "-y"])
            .arg_list(packages),
    )
}
