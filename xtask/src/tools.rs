//! Installing the tools the build and the tests need, only when they are missing.
//!
//! Versions are pinned where a mismatch breaks the build: Trunk 0.21.14 (0.22 needs a newer
//! rustc) and wasm-bindgen-cli, which must equal the `wasm-bindgen` version in Cargo.lock. A tool
//! that is already there at the right version is never rebuilt, so a second run installs nothing.
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
    install_missing_crates()?;
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

/// A tool that `cargo install` builds from crates.io.
struct CrateTool {
    /// The command, checked with `--version`.
    command: &'static str,
    package: &'static str,
    version: String,
    extra_args: &'static [&'static str],
}

impl CrateTool {
    fn installed(&self) -> bool {
        let version = output_of(self.command, &["--version"]).unwrap_or_default();
        version.split_whitespace().nth(1) == Some(self.version.as_str())
    }
}

/// Installs Trunk and wasm-bindgen-cli when missing, both at once.
///
/// On a fresh 2-core machine this was the longest part of the first set-up (about 20 minutes,
/// 16 of them Trunk): both crates ask for fat LTO and one codegen unit, which makes every
/// dependency wait for one long, single-threaded optimisation at the end. These tools only
/// orchestrate the build (the heavy lifting is cargo, wasm-bindgen's transforms and wasm-opt), so
/// they are built at `opt-level = 1` without LTO and with parallel codegen, Trunk without its
/// default features (the crates.io update check and TLS, which an offline build never uses), and
/// the two builds run side by side so one's serial phases overlap the other's parallel ones.
fn install_missing_crates() -> Result<(), String> {
    let tools = [
        CrateTool {
            command: "trunk",
            package: "trunk",
            version: TRUNK_VERSION.to_owned(),
            extra_args: &["--locked", "--no-default-features"],
        },
        CrateTool {
            command: "wasm-bindgen",
            package: "wasm-bindgen-cli",
            version: locked_version("wasm-bindgen")?,
            // Not `--locked`: one of its locked dependency versions is no longer on crates.io.
            extra_args: &["--force"],
        },
    ];
    let missing: Vec<&CrateTool> = tools.iter().filter(|t| !t.installed()).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let log_dir = workspace_root().join("target/xtask");
    std::fs::create_dir_all(&log_dir)
        .map_err(|e| format!("cannot create {}: {e}", log_dir.display()))?;
    let started = std::time::Instant::now();
    let mut children = Vec::new();
    for tool in &missing {
        let log_path = log_dir.join(format!("install-{}.log", tool.package));
        let log = std::fs::File::create(&log_path)
            .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
        let log_err = log
            .try_clone()
            .map_err(|e| format!("cannot write {}: {e}", log_path.display()))?;
        println!(
            "\n==> install {} {} (cargo install; log: {})",
            tool.package,
            tool.version,
            log_path.display()
        );
        let child = std::process::Command::new("cargo")
            .args(["install", tool.package, "--version", &tool.version])
            .args(tool.extra_args)
            .envs(FAST_INSTALL_PROFILE)
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(|e| format!("cannot start cargo install {}: {e}", tool.package))?;
        children.push((tool, child, log_path));
    }
    let mut failures = Vec::new();
    for (tool, mut child, log_path) in children {
        let status = child
            .wait()
            .map_err(|e| format!("cargo install {}: {e}", tool.package))?;
        if status.success() {
            println!(
                "==> install {} ok ({:.0} s since the installs started)",
                tool.package,
                started.elapsed().as_secs_f64()
            );
        } else {
            let log = std::fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log.lines().rev().take(30).collect();
            eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
            failures.push(format!(
                "install {} failed ({status}; log: {})",
                tool.package,
                log_path.display()
            ));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// Profile settings for building the tools (cargo reads them from the environment and they
/// override the installed crate's own `[profile.release]`).
pub(crate) const FAST_INSTALL_PROFILE: [(&str, &str); 4] = [
    ("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1"),
    ("CARGO_PROFILE_RELEASE_LTO", "false"),
    ("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    ("CARGO_PROFILE_RELEASE_DEBUG", "false"),
];

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
