//! `citylots`: writes generated citylots2-shaped GeoJSON features, one per line.
#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const HELP: &str = "\
citylots: write San Francisco citylots2-shaped GeoJSON features, one JSON object per line, for
matcher benchmarks. The output is the same on every run (fixed seed).

usage:
  citylots [--lines N] [--out PATH]

options:
  --lines N    how many features (default 213068, the size of the real file)
  --out PATH   write to PATH instead of standard output

A summary of the file (sizes, MultiPolygons, street types, top streets) goes to standard error.

examples:
  cargo run --release -p citylots -- --lines 1000 --out /tmp/citylots-1k.jsonl
  cargo run --release -p citylots > citylots.jsonl
";

/// What the command line asks for.
#[derive(Debug, PartialEq)]
struct Request {
    lines: usize,
    out: Option<String>,
}

/// `Ok(None)` means `--help`.
fn parse_args(args: &[String]) -> Result<Option<Request>, String> {
    let mut request = Request {
        lines: citylots::DEFAULT_LINES,
        out: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (name, inline_value) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value.to_owned())),
            None => (arg.as_str(), None),
        };
        match name {
            "-h" | "--help" => return Ok(None),
            "--lines" | "--out" => {
                let value = match inline_value {
                    Some(value) => value,
                    None => rest
                        .next()
                        .cloned()
                        .ok_or_else(|| format!("{name} needs a value"))?,
                };
                if name == "--lines" {
                    request.lines = value
                        .parse()
                        .map_err(|_| format!("--lines wants a whole number, not `{value}`"))?;
                } else {
                    request.out = Some(value);
                }
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Some(request))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let request = match parse_args(&args) {
        Ok(Some(request)) => request,
        Ok(None) => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("citylots: {message}\n(see `citylots --help`)");
            return ExitCode::from(2);
        }
    };
    let written = match &request.out {
        Some(path) => File::create(path)
            .map_err(|e| format!("cannot create {path}: {e}"))
            .and_then(|file| write_all(BufWriter::new(file), request.lines)),
        None => write_all(BufWriter::new(io::stdout().lock()), request.lines),
    };
    match written {
        Ok(stats) => {
            eprintln!("{stats}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("citylots: {message}");
            ExitCode::FAILURE
        }
    }
}

fn write_all(mut out: impl Write, lines: usize) -> Result<citylots::FeatureStats, String> {
    let stats = citylots::write_lines(&mut out, lines).map_err(|e| e.to_string())?;
    out.flush().map_err(|e| e.to_string())?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arguments, and the request they make or the mistake they contain.
    type Case<'a> = (&'a [&'a str], Result<Option<Request>, &'a str>);

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments_are_read_in_both_spellings_and_mistakes_are_named() {
        let cases: &[Case] = &[
            (
                &[],
                Ok(Some(Request {
                    lines: 213_068,
                    out: None,
                })),
            ),
            (
                &["--lines", "5", "--out=/tmp/x"],
                Ok(Some(Request {
                    lines: 5,
                    out: Some("/tmp/x".into()),
                })),
            ),
            (
                &["--lines=7"],
                Ok(Some(Request {
                    lines: 7,
                    out: None,
                })),
            ),
            (&["--help"], Ok(None)),
            (&["--lines"], Err("--lines needs a value")),
            (
                &["--lines", "-3"],
                Err("--lines wants a whole number, not `-3`"),
            ),
            (&["--seed", "1"], Err("unknown argument `--seed`")),
        ];
        for (args, expected) in cases {
            let actual = parse_args(&strings(args));
            match expected {
                Ok(request) => assert_eq!(actual.as_ref().ok(), Some(request), "{args:?}"),
                Err(message) => assert_eq!(actual.err().as_deref(), Some(*message), "{args:?}"),
            }
        }
    }
}
