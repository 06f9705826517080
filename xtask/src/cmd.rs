//! Running external commands with a visible header and a clear failure message.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// One external command of a larger task, named for the log.
pub struct Step {
    title: String,
    program: String,
    args: Vec<OsString>,
    dir: Option<PathBuf>,
    path_prefix: Option<PathBuf>,
    env: Vec<(String, OsString)>,
}

impl Step {
    pub fn new(title: &str, program: &str) -> Step {
        Step {
            title: title.to_owned(),
            program: program.to_owned(),
            args: Vec::new(),
            dir: None,
            path_prefix: None,
            env: Vec::new(),
        }
    }

    pub fn args<I, S>(mut self, args: I) -> Step
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn arg_list(self, args: &[&str]) -> Step {
        self.args(args.iter().copied())
    }

    /// Puts `dir` first on the command's PATH, so it finds our pinned tools before system ones.
    pub fn path_prefix(mut self, dir: PathBuf) -> Step {
        self.path_prefix = Some(dir);
        self
    }

    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Step {
        self.env.push((key.to_owned(), value.into()));
        self
    }

    pub fn envs(mut self, pairs: impl IntoIterator<Item = (&'static str, &'static str)>) -> Step {
        for (key, value) in pairs {
            self = self.env(key, value);
        }
        self
    }

    pub fn dir(mut self, dir: &Path) -> Step {
        self.dir = Some(dir.to_owned());
        self
    }
}

/// Runs a step with inherited stdout/stderr; a non-zero exit is an error naming the step.
pub fn run(step: Step) -> Result<(), String> {
    println!("\n==> {}", step.title);
    let started = Instant::now();
    let mut command = Command::new(&step.program);
    command.args(&step.args);
    if let Some(dir) = &step.dir {
        command.current_dir(dir);
    }
    command.envs(step.env.iter().map(|(k, v)| (k, v)));
    if let Some(prefix) = &step.path_prefix {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let joined = std::env::join_paths(
            std::iter::once(prefix.clone()).chain(std::env::split_paths(&path)),
        )
        .map_err(|e| format!("{}: bad PATH: {e}", step.title))?;
        command.env("PATH", joined);
    }
    let status = command
        .status()
        .map_err(|e| format!("{}: cannot start `{}`: {e}", step.title, step.program))?;
    if status.success() {
        println!(
            "==> {} ok ({:.0} s)",
            step.title,
            started.elapsed().as_secs_f64()
        );
        Ok(())
    } else {
        Err(format!("{} failed ({status})", step.title))
    }
}

/// Runs a command quietly and returns its stdout, or None when it cannot run or fails.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The size of a file after `gzip -9`, the figure that matters for download time.
pub fn gzip_size(path: &Path) -> Result<u64, String> {
    let output = Command::new("gzip")
        .arg("-9")
        .arg("-c")
        .arg(path)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run gzip: {e}"))?;
    if output.status.success() {
        Ok(output.stdout.len() as u64)
    } else {
        Err(format!("gzip failed on {}", path.display()))
    }
}
