//! `cargo xtask size`: what each page downloads, what is inside the wasm, and the budgets.
//!
//! The budgets live in `xtask/size-budgets.toml`. For each page the report lists every file the
//! page's HTML makes the browser fetch before it can answer (linked scripts and stylesheets, the
//! wasm its loader fetches), raw and gzip -9, and fails when the total is over budget. For each
//! wasm the page uses it then lists the largest contributors, read from the *unoptimised* module
//! cargo wrote (it still has its name section): code bytes per crate and the largest functions.
//! wasm-opt shrinks everything by a similar factor, so the ranking is what matters.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use wasmparser::{KnownCustom, Name, Parser, Payload};

use crate::cmd::gzip_size;
use crate::workspace_root;

const BUDGETS: &str = "xtask/size-budgets.toml";

#[derive(Deserialize)]
struct Budgets {
    #[serde(default)]
    page: Vec<PageBudget>,
    #[serde(default)]
    file: Vec<FileBudget>,
}

#[derive(Deserialize)]
struct PageBudget {
    name: String,
    html: String,
    gzip: u64,
}

#[derive(Deserialize)]
struct FileBudget {
    name: String,
    path: String,
    gzip: u64,
}

/// One downloaded file with its sizes.
struct Measured {
    path: PathBuf,
    raw: u64,
    gzip: u64,
}

fn measure(path: &Path) -> Result<Measured, String> {
    let raw = std::fs::metadata(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?
        .len();
    Ok(Measured {
        path: path.to_owned(),
        raw,
        gzip: gzip_size(path)?,
    })
}

/// Prints the report for `serve` and `build`, where being over budget is worth seeing but not
/// worth stopping for.
pub fn print_report() {
    if let Err(message) = report() {
        eprintln!("{message}");
    }
}

/// Prints the report; an error lists every budget that was exceeded.
pub fn report() -> Result<(), String> {
    let root = workspace_root();
    let text = std::fs::read_to_string(root.join(BUDGETS))
        .map_err(|e| format!("cannot read {BUDGETS}: {e}"))?;
    let budgets: Budgets = toml::from_str(&text).map_err(|e| format!("{BUDGETS}: {e}"))?;
    let mut over = Vec::new();

    for page in &budgets.page {
        let html = root.join(&page.html);
        let files = page_downloads(&html)?;
        println!("\n{} ({}):", page.name, page.html);
        let mut total = Measured {
            path: html.clone(),
            raw: 0,
            gzip: 0,
        };
        for file in std::iter::once(html.clone()).chain(files.iter().cloned()) {
            let m = measure(&file)?;
            println!(
                "  {:>10} B raw {:>9} B gzip  {}",
                thousands(m.raw),
                thousands(m.gzip),
                relative(&root, &m.path)
            );
            total.raw += m.raw;
            total.gzip += m.gzip;
        }
        println!(
            "  {:>10} B raw {:>9} B gzip  total; budget {} B gzip ({})",
            thousands(total.raw),
            thousands(total.gzip),
            thousands(page.gzip),
            verdict(total.gzip, page.gzip)
        );
        if total.gzip > page.gzip {
            over.push(format!(
                "{}: {} B gzip > {} B",
                page.name, total.gzip, page.gzip
            ));
        }
        for wasm in files.iter().filter(|f| has_extension(f, "wasm")) {
            if let Some(unoptimised) = unoptimised_module(&root, wasm) {
                print_contributors(&root, &unoptimised)?;
            }
        }
    }

    for file in &budgets.file {
        let m = measure(&root.join(&file.path))?;
        println!(
            "\n{} ({}): {} B raw, {} B gzip; budget {} B gzip ({})",
            file.name,
            file.path,
            thousands(m.raw),
            thousands(m.gzip),
            thousands(file.gzip),
            verdict(m.gzip, file.gzip)
        );
        if m.gzip > file.gzip {
            over.push(format!(
                "{}: {} B gzip > {} B",
                file.name, m.gzip, file.gzip
            ));
        }
        // The JS API's modules: what is inside, from the copy `cargo xtask js-package` keeps.
        if let Some(name) = js_api_module_name(&file.path) {
            let unoptimised = crate::js_package::unoptimised_module(name);
            if unoptimised.is_file() {
                print_contributors(&root, &unoptimised)?;
            }
        }
    }

    if over.is_empty() {
        println!("\nsize budgets: all met ({BUDGETS})");
        Ok(())
    } else {
        Err(format!(
            "over the size budget ({BUDGETS}):\n  {}",
            over.join("\n  ")
        ))
    }
}

fn verdict(size: u64, budget: u64) -> String {
    let percent = size as f64 * 100.0 / budget.max(1) as f64;
    if size <= budget {
        format!("{percent:.0} %, ok")
    } else {
        format!("{percent:.0} %, OVER")
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `1234567` -> `1,234,567`, so byte counts can be read at a glance.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The scripts, stylesheets and wasm a page fetches before it can answer: every `href`/`src`
/// and every quoted module path in the HTML that names a local `.js`, `.mjs`, `.css` or `.wasm`
/// file, plus the same references inside those scripts (Trunk's loader names the wasm there).
/// Icons, the manifest and the service worker are not on the path to a first answer.
pub fn page_downloads(html: &Path) -> Result<Vec<PathBuf>, String> {
    let text = std::fs::read_to_string(html).map_err(|e| {
        format!(
            "cannot read {}: {e} (was the release build run?)",
            html.display()
        )
    })?;
    let base = html.parent().unwrap_or(Path::new("."));
    let mut found = BTreeSet::new();
    let mut queue: Vec<(PathBuf, String)> = vec![(base.to_owned(), text)];
    while let Some((dir, text)) = queue.pop() {
        for reference in asset_references(&text) {
            let path = normalise(&dir.join(&reference));
            if path.ends_with("sw.js") || !path.is_file() || !found.insert(path.clone()) {
                continue;
            }
            if has_extension(&path, "js") || has_extension(&path, "mjs") {
                let script = std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                queue.push((path.parent().unwrap_or(&dir).to_owned(), script));
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// Quoted relative paths ending in an asset extension, in order of appearance. Each candidate is
/// found from its end (an extension followed by a quote) back to the same quote character, so an
/// apostrophe in a comment or in prose ("the browser's cache") cannot shift the pairing of the
/// quotes that follow it.
fn asset_references(text: &str) -> Vec<String> {
    const EXTENSIONS: [&str; 4] = [".js", ".mjs", ".css", ".wasm"];
    let mut out = Vec::new();
    for (end, quote) in text.char_indices() {
        if !matches!(quote, '"' | '\'' | '`') {
            continue;
        }
        let before = &text[..end];
        if !EXTENSIONS.iter().any(|ext| before.ends_with(ext)) {
            continue;
        }
        let Some(start) = before.rfind(quote) else {
            continue;
        };
        let inner = &before[start + 1..];
        let local = !inner.contains("://") && !inner.starts_with("//");
        let plain =
            !inner.is_empty() && !inner.contains(['\n', ' ', '$', '{', '(', '"', '\'', '`']);
        if local && plain {
            out.push(inner.to_owned());
        }
    }
    out
}

/// Resolves `.` and `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Where [`keep_unoptimised`] keeps the module behind each page's wasm.
const KEPT_MODULES: &str = "target/size-report";

/// Keeps a copy of the module cargo wrote for each wasm in `dist_dir` (just built by Trunk), for
/// the report: two pages built from one crate with different features (the docs and the
/// exercise embeds) share one cargo output, which the second build overwrites.
pub fn keep_unoptimised(dist_dir: &str) -> Result<(), String> {
    let root = workspace_root();
    let Ok(entries) = std::fs::read_dir(root.join(dist_dir)) else {
        return Ok(());
    };
    for wasm in entries.flatten().map(|e| e.path()) {
        if !has_extension(&wasm, "wasm") {
            continue;
        }
        let (Some(module), Some(name)) = (newest_module(&root, &wasm), module_name(&wasm)) else {
            continue;
        };
        let kept = root.join(KEPT_MODULES).join(dist_dir).join(name);
        std::fs::create_dir_all(kept.parent().expect("a file path has a parent"))
            .and_then(|()| std::fs::copy(&module, &kept).map(|_| ()))
            .map_err(|error| {
                format!("keeping {} for the size report: {error}", module.display())
            })?;
    }
    Ok(())
}

/// The module cargo wrote for a `dist/.../<name>-<hash>_bg.wasm`: the copy [`keep_unoptimised`]
/// kept for its directory, or else the newest `target/wasm32-unknown-unknown/*/<name>.wasm`.
fn unoptimised_module(root: &Path, dist_wasm: &Path) -> Option<PathBuf> {
    let name = module_name(dist_wasm)?;
    let kept = dist_wasm
        .parent()
        .and_then(|dir| dir.strip_prefix(root).ok())
        .map(|dir| root.join(KEPT_MODULES).join(dir).join(&name))
        .filter(|p| p.is_file());
    kept.or_else(|| newest_module(root, dist_wasm))
}

/// `<name>.wasm`, cargo's name for the module behind `<name>-<hash>_bg.wasm` (Trunk hashes the
/// name; cargo does not).
fn module_name(dist_wasm: &Path) -> Option<String> {
    let file = dist_wasm.file_name()?.to_string_lossy().into_owned();
    let stem = file.strip_suffix("_bg.wasm").unwrap_or(&file);
    let stem = stem.rsplit_once('-').map_or(stem, |(name, _hash)| name);
    Some(format!("{}.wasm", stem.replace('-', "_")))
}

/// The newest `target/wasm32-unknown-unknown/*/<name>.wasm` for a dist wasm.
fn newest_module(root: &Path, dist_wasm: &Path) -> Option<PathBuf> {
    let wanted = module_name(dist_wasm)?;
    let target = root.join("target/wasm32-unknown-unknown");
    std::fs::read_dir(target)
        .ok()?
        .flatten()
        .map(|profile| profile.path().join(&wanted))
        .filter(|p| p.is_file())
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
}

/// `event_pattern_wasm` for `crates/event-pattern-wasm/pkg/event_pattern_wasm_bg.wasm`: the
/// name `cargo xtask js-package` gave a module of the JS API package, `None` for other files.
fn js_api_module_name(path: &str) -> Option<&str> {
    path.strip_prefix("crates/event-pattern-wasm/pkg/")?
        .strip_suffix("_bg.wasm")
        .filter(|name| !name.contains('/'))
}

/// `cargo xtask size <file.wasm>`: the contributors of any module.
pub fn print_contributors_of(module: &Path) -> Result<(), String> {
    print_contributors(&workspace_root(), module)
}

/// Code bytes per crate and the largest functions of an unoptimised module.
fn print_contributors(root: &Path, module: &Path) -> Result<(), String> {
    let bytes =
        std::fs::read(module).map_err(|e| format!("cannot read {}: {e}", module.display()))?;
    let sizes = ModuleSizes::read(&bytes).map_err(|e| format!("{}: {e}", module.display()))?;
    let code_total: u64 = sizes.functions.iter().map(|f| f.1).sum();
    println!(
        "  inside {} (before wasm-opt): {} B code in {} functions, {} B data",
        relative(root, module),
        thousands(code_total),
        sizes.functions.len(),
        thousands(sizes.data)
    );
    let mut per_crate: BTreeMap<String, u64> = BTreeMap::new();
    for (name, size) in &sizes.functions {
        *per_crate.entry(crate_of(name)).or_default() += size;
    }
    let mut crates: Vec<_> = per_crate.into_iter().collect();
    crates.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    let mut line = String::from("  code by crate:");
    for (name, size) in crates.iter().take(24) {
        let _ = write!(
            line,
            " {name} {:.1}%,",
            *size as f64 * 100.0 / code_total.max(1) as f64
        );
    }
    println!("{}", line.trim_end_matches(','));
    // Within the app's own crates, which module (page) the code is for.
    let mut per_module: BTreeMap<String, u64> = BTreeMap::new();
    for (name, size) in &sizes.functions {
        if let Some(module) = app_module_of(name) {
            *per_module.entry(module).or_default() += size;
        }
    }
    let mut modules: Vec<_> = per_module.into_iter().collect();
    modules.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    let mut line = String::from("  app code by module:");
    for (name, size) in modules.iter().take(16) {
        let _ = write!(line, " {name} {}k,", size / 1024);
    }
    println!("{}", line.trim_end_matches(','));
    let mut functions = sizes.functions;
    functions.sort_by_key(|entry| std::cmp::Reverse(entry.1));
    println!("  largest functions:");
    for (name, size) in functions.iter().take(12) {
        let mut shown: String = name.chars().take(110).collect();
        if shown.len() < name.len() {
            shown.push('…');
        }
        println!("    {:>8} B  {shown}", thousands(*size));
    }
    Ok(())
}

struct ModuleSizes {
    /// (demangled name, body bytes) per defined function.
    functions: Vec<(String, u64)>,
    data: u64,
}

impl ModuleSizes {
    fn read(bytes: &[u8]) -> Result<ModuleSizes, wasmparser::BinaryReaderError> {
        let mut imported = 0u32;
        let mut bodies = Vec::new();
        let mut names = BTreeMap::new();
        let mut data = 0u64;
        for payload in Parser::new(0).parse_all(bytes) {
            match payload? {
                Payload::ImportSection(reader) => {
                    for import in reader.into_imports() {
                        if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                            imported += 1;
                        }
                    }
                }
                Payload::CodeSectionEntry(body) => {
                    let range = body.range();
                    bodies.push(range.end - range.start);
                }
                Payload::DataSection(reader) => {
                    for segment in reader {
                        data += segment?.data.len() as u64;
                    }
                }
                Payload::CustomSection(section) => {
                    if let KnownCustom::Name(reader) = section.as_known() {
                        for subsection in reader {
                            if let Name::Function(map) = subsection? {
                                for naming in map {
                                    let naming = naming?;
                                    names.insert(naming.index, naming.name.to_owned());
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let functions = bodies
            .into_iter()
            .enumerate()
            .map(|(i, size)| {
                let index = imported + i as u32;
                let name = names
                    .get(&index)
                    .map(|n| format!("{:#}", rustc_demangle::demangle(n)))
                    .unwrap_or_else(|| format!("function[{index}]"));
                (name, size)
            })
            .collect();
        Ok(ModuleSizes { functions, data })
    }
}

/// The crate a function's code belongs to, by its demangled path: the type an impl is for, and
/// for drop glue and other generic std helpers the type they were instantiated with, so that
/// monomorphised code counts towards the crate that caused it.
fn crate_of(name: &str) -> String {
    let mut s = name.trim_start_matches(['<', '&', '*', ' ']);
    for prefix in ["mut ", "const ", "dyn "] {
        s = s.strip_prefix(prefix).unwrap_or(s);
    }
    for generic_helper in [
        "core::ptr::drop_in_place<",
        "alloc::raw_vec::RawVec<",
        "alloc::vec::Vec<",
        "core::ptr::",
    ] {
        if let Some(inner) = s.strip_prefix(generic_helper) {
            if generic_helper.ends_with('<') {
                return crate_of(inner);
            }
        }
    }
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    let krate = &s[..end];
    if krate.is_empty() {
        "(other)".to_owned()
    } else {
        krate.to_owned()
    }
}

/// `playground::pages::rules::wizard::…` -> `pages::rules`: the first two module levels below
/// the crate, for functions of the web app's own crates.
fn app_module_of(name: &str) -> Option<String> {
    const APP_CRATES: [&str; 5] = [
        "playground::",
        "web_ui::",
        "embed::",
        "learn::",
        "custom_bus_page::",
    ];
    let rest = APP_CRATES.iter().find_map(|c| name.strip_prefix(c))?;
    let parts: Vec<&str> = rest
        .split("::")
        .take_while(|p| p.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .take(2)
        .collect();
    (!parts.is_empty()).then(|| parts.join("::"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asset_references_find_local_scripts_styles_and_wasm() {
        let html = r#"<link rel="stylesheet" href="./styles-1.css"><link rel="icon" href="favicon.svg">
            <script type="module">import init from './app-2.js'; init('./app-2_bg.wasm');</script>
            <a href="https://example.com/x.js">x</a> <link href='//cdn/x.css'>"#;
        assert_eq!(
            asset_references(html),
            ["./styles-1.css", "./app-2.js", "./app-2_bg.wasm"]
        );
    }

    #[test]
    fn an_apostrophe_in_a_comment_does_not_hide_the_references_after_it() {
        // Regression: the playground's start-up script says "the browser's cache"; pairing quotes
        // from the start lost every reference after it, and the page measured 3 KB.
        let html = r#"<script>// the page's files come from the browser's cache
            </script><link rel="stylesheet" href="./ui-3.css">
            <script type="module">import init from './app-4.js';</script>"#;
        assert_eq!(asset_references(html), ["./ui-3.css", "./app-4.js"]);
    }

    #[test]
    fn crates_are_named_after_the_type_the_code_was_made_for() {
        assert_eq!(crate_of("leptos::mount::mount_to_body"), "leptos");
        assert_eq!(
            crate_of("<playground::app::App as leptos::IntoView>::into_view"),
            "playground"
        );
        assert_eq!(
            crate_of("core::ptr::drop_in_place<rules::rule::Rule>"),
            "rules"
        );
        assert_eq!(crate_of("function[12]"), "function");
    }

    #[test]
    fn js_api_modules_are_named_after_their_wasm_file() {
        assert_eq!(
            js_api_module_name("crates/event-pattern-wasm/pkg/event_pattern_simulator_bg.wasm"),
            Some("event_pattern_simulator")
        );
        assert_eq!(
            js_api_module_name("crates/event-pattern-wasm/pkg/event_pattern_wasm.js"),
            None
        );
        assert_eq!(js_api_module_name("dist/app_bg.wasm"), None);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(2013773), "2,013,773");
    }
}
