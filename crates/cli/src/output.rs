//! How commands end: results written without panicking, and one exit code per kind of failure.
//!
//! Rust programs ignore SIGPIPE, so a write to a closed pipe fails with `BrokenPipe` instead of
//! killing the process; `println!` would then panic. Everything here writes explicitly and
//! classifies the error: a closed pipe (the reader has what it wanted, as with `| head`) ends
//! the command quietly with exit 0; any other write failure (`> /dev/full`, a full disk) is
//! reported and exits [`OUTPUT_FAILED_EXIT`], so a CI job never passes on lost output.

use std::io::{self, BufWriter, Stdout, Write};
use std::process::ExitCode;

/// Usage mistakes and unreadable or too large inputs.
pub const USAGE_EXIT: u8 = 2;
/// The AWS CLI's exit code for a service error (an invalid pattern or event).
pub const SERVICE_ERROR_EXIT: u8 = 254;
/// Standard output could not be written (`EX_IOERR` of sysexits.h).
pub const OUTPUT_FAILED_EXIT: u8 = 74;

/// Why a command stopped before its normal end.
#[derive(Debug)]
pub enum Failure {
    /// Wrong arguments, or an input that cannot be read: exit 2 with a hint to `--help`.
    Usage(String),
    /// An invalid rule or event that stops the command: exit 254.
    Invalid(String),
    /// Standard output's reader went away: stop quietly, exit 0.
    OutputClosed,
    /// Standard output cannot be written: exit 74.
    OutputFailed(io::Error),
}

impl Failure {
    fn from_write(error: io::Error) -> Failure {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Failure::OutputClosed
        } else {
            Failure::OutputFailed(error)
        }
    }
}

impl From<lexopt::Error> for Failure {
    fn from(error: lexopt::Error) -> Failure {
        Failure::Usage(error.to_string())
    }
}

/// Buffered standard output whose errors are [`Failure`]s.
pub struct Out {
    writer: BufWriter<Stdout>,
}

impl Out {
    pub fn new() -> Out {
        Out {
            writer: BufWriter::new(io::stdout()),
        }
    }

    /// Writes `text` as it is.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        self.writer
            .write_all(text.as_bytes())
            .map_err(Failure::from_write)
    }

    /// Writes `line` and a line break.
    pub fn line(&mut self, line: &str) -> Result<(), Failure> {
        self.text(line)?;
        self.text("\n")
    }

    /// Hands what is buffered to the system (also done, and checked, by [`finish`]).
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.writer.flush().map_err(Failure::from_write)
    }
}

/// Writes to standard error, ignoring failure: there is nowhere left to report it.
pub fn report(message: &str) {
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{message}");
}

/// The exit code of a command that ran to `result`, after flushing `out` and reporting any
/// failure on standard error. `command` names the command in messages (`event-pattern match`).
pub fn finish(command: &str, out: &mut Out, result: Result<u8, Failure>) -> ExitCode {
    let result = result.and_then(|code| out.flush().map(|()| code));
    let code = match result {
        Ok(code) => code,
        Err(Failure::OutputClosed) => 0,
        Err(Failure::Usage(message)) => {
            report(&format!("{command}: {message}\n(see `{command} --help`)"));
            USAGE_EXIT
        }
        Err(Failure::Invalid(message)) => {
            report(&format!("{command}: {message}"));
            SERVICE_ERROR_EXIT
        }
        Err(Failure::OutputFailed(error)) => {
            report(&format!("{command}: cannot write the output: {error}"));
            OUTPUT_FAILED_EXIT
        }
    };
    ExitCode::from(code)
}
