//! Project automation: `cargo xtask serve` and `cargo xtask test`.
//!
//! Both commands install what is missing on a fresh machine (the wasm target, Trunk,
//! wasm-bindgen-cli, wasm-opt, Chromium and the e2e test's npm packages), so README.md can
//! promise two commands and nothing else. Installs are skipped when the tool is already there,
//! which keeps a second run fast.

mod cmd;
mod fuzz;
mod js_package;
mod size;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use cmd::{run, Step};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]   build the playground (release) and serve it on http://127.0.0.1:8080
  test               run every check: fmt, clippy, native tests, wasm build, release build, browser e2e
  build              build the playground into dist/ (release) and print the size report
  size               build, then print what each page downloads and fail over xtask/size-budgets.toml
  size <file.wasm>   the largest contributors to an unoptimised wasm module (cargo's output)
  js-package         build the JavaScript API into crates/event-pattern-wasm/pkg/ (ES module + types)
  setup              only install the tools the other commands need
  fuzz [target] [--seconds N]
                     run the fuzz targets of fuzz/ one after another, N seconds each (default 60;
                     issue 16 asks 600 before a release); installs cargo-fuzz; not part of `test`
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve_command(&args[1..]),
        Some("test") => test_command(),
        Some("build") => tools::ensure_web_tools()
            .and_then(|()| build_web())
            .map(|()| size::print_report()),
        Some("size") if args.get(1).is_some_and(|a| a.ends_with(".wasm")) => {
            size::print_contributors_of(std::path::Path::new(&args[1]))
        }
        Some("size") => tools::ensure_web_tools()
            .and_then(|()| build_web())
            .and_then(|()| size::report()),
        Some("js-package") => tools::ensure_web_tools().and_then(|()| js_package::build()),
        Some("setup") => {
            tools::ensure_web_tools().and_then(|()| tools::ensure_browser_test_tools())
        }
        Some("fuzz") => fuzz::command(&args[1..]),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root: the nearest directory above the current one that holds Trunk.toml and
/// Cargo.toml (`cargo xtask` runs from anywhere inside the repository). The compile-time path of
/// this crate is only a fallback: a binary built in another checkout must not point there.
pub fn workspace_root() -> PathBuf {
    let from_cwd = std::env::current_dir().ok().and_then(|dir| {
        dir.ancestors()
            .find(|d| d.join("Trunk.toml").is_file() && d.join("Cargo.toml").is_file())
            .map(PathBuf::from)
    });
    from_cwd.unwrap_or_else(|| {
        let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        manifest_dir
            .parent()
            .map(PathBuf::from)
            .unwrap_or(manifest_dir)
    })
}

fn serve_command(args: &[String]) -> Result<(), String> {
    let mut port = 8080u16;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--port" => {
                port = rest
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?;
            }
            other => return Err(format!("unknown argument for serve: {other}")),
        }
    }
    tools::ensure_web_tools()?;
    build_web()?;
    size::print_report();
    // The browser tests' static server (Node's own modules only), so there is one server to keep.
    let root = workspace_root();
    run(Step::new("serve dist/ (Ctrl+C to stop)", "node")
        .args(["tests/e2e/server.mjs", "dist"])
        .args([port.to_string()])
        .dir(&root))
}

/// The entry pages and where Trunk puts each: the workbench first, because a Trunk build
/// replaces its whole output directory and the others live below it.
// In this order: Trunk replaces its whole --dist directory, so a page comes after the page whose
// directory holds it (dist/embed before dist/embed/exercise).
const ENTRY_PAGES: [(&str, &str); 7] = [
    ("web/index.html", "dist"),
    ("web/rules/index.html", "dist/rules"),
    ("web/simulator/index.html", "dist/simulator"),
    ("web/custom-bus/index.html", "dist/custom-bus"),
    ("web/learn/index.html", "dist/learn"),
    ("web/embed/index.html", "dist/embed"),
    ("web/embed/exercise/index.html", "dist/embed/exercise"),
];

fn build_web() -> Result<(), String> {
    let root = workspace_root();
    // The docs example page in dist/ uses the JS API package, so it is built first.
    js_package::build()?;
    for (html, dist) in ENTRY_PAGES {
        run(
            Step::new(&format!("release build of {html} (trunk)"), "trunk")
                .args(["build", "--release", "--offline=true", html, "--dist", dist])
                .path_prefix(tools::wasm_opt_bin_dir())
                .dir(&root),
        )?;
        size::keep_unoptimised(dist)?;
    }
    Ok(())
}

fn test_command() -> Result<(), String> {
    let started = Instant::now();
    let root = workspace_root();
    tools::ensure_web_tools()?;
    tools::ensure_browser_test_tools()?;

    run(Step::new("formatting", "cargo")
        .args(["fmt", "--all", "--", "--check"])
        .dir(&root))?;
    run(Step::new("clippy (native, warnings denied)", "cargo")
        .args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .dir(&root))?;
    run(Step::new("clippy (wasm32, warnings denied)", "cargo")
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "playground",
            "-p",
            "embed",
            "-p",
            "web-ui",
            "-p",
            "event-pattern",
            // The libraries the web pages and the JS API build on: checking them for wasm32 here
            // is what a separate wasm build of them would prove, at a check's cost.
            "-p",
            "catalog",
            "-p",
            "rules",
            "-p",
            "delivery",
            "-p",
            "aws-model",
            "-p",
            "custom-bus",
            "-p",
            "lessons",
        ])
        .args(["--", "-D", "warnings"])
        .dir(&root))?;
    run(Step::new("native tests", "cargo")
        .args(["test", "--workspace"])
        .dir(&root))?;
    build_web()?;
    // A size over budget fails the run, after the browser tests: both answers are worth having.
    let sizes = size::report();
    run(Step::new("JavaScript API tests (Node)", "node")
        .args(["--test", "tests/js-api/"])
        .dir(&root))?;
    run(Step::new("browser end-to-end tests", "node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .dir(&root))?;
    sizes?;

    println!(
        "all checks passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
