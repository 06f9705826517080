//! Reading bounded inputs: AWS CLI parameters (inline text or `file://PATH`), whole files, and
//! files line by line.

use std::io::{self, BufRead, Read};

use crate::limits::describe;

/// A parameter as the AWS CLI takes it: the text itself, or `file://PATH`. `what` names it in
/// errors ("the event"); `limit` is the most it may hold, in bytes.
pub fn read_parameter(value: &str, what: &str, limit: usize) -> Result<String, String> {
    let text = match value.strip_prefix("file://") {
        Some(path) => read_file(path, limit).map_err(|problem| match problem {
            FileProblem::Io(e) => format!("cannot read {path}: {e}"),
            FileProblem::TooLarge => format!(
                "{what} ({value}) is larger than {}, the most this tool reads",
                describe(limit)
            ),
            FileProblem::NotUtf8 => format!("{what} ({value}) is not UTF-8 text"),
        })?,
        None if value.len() > limit => {
            return Err(format!(
                "{what} is larger than {}, the most this tool reads",
                describe(limit)
            ))
        }
        None => value.to_owned(),
    };
    Ok(text)
}

/// Why a file could not be read.
pub enum FileProblem {
    Io(io::Error),
    TooLarge,
    NotUtf8,
}

/// A whole UTF-8 file of at most `limit` bytes (reading stops one byte past the limit).
pub fn read_file(path: &str, limit: usize) -> Result<String, FileProblem> {
    let file = std::fs::File::open(path).map_err(FileProblem::Io)?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(FileProblem::Io)?;
    if bytes.len() > limit {
        return Err(FileProblem::TooLarge);
    }
    String::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)
}

/// One non-blank line of a file read by [`Lines`].
pub enum Line<'a> {
    /// The line without its line break (`\n` or `\r\n`).
    Text(&'a [u8]),
    /// The line is longer than the limit; what was read of it is dropped, the rest is skipped.
    TooLong,
}

/// The non-blank lines of a stream with their 1-based line numbers, one at a time, each at
/// most `limit` bytes: memory stays bounded whatever the stream holds, even a line without end.
pub struct Lines<R> {
    reader: R,
    limit: usize,
    buffer: Vec<u8>,
    line_number: usize,
    /// The rest of a too-long line is still to be skipped.
    skipping: bool,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R, limit: usize) -> Lines<R> {
        Lines {
            reader,
            limit,
            buffer: Vec::new(),
            line_number: 0,
            skipping: false,
        }
    }

    /// The next non-blank line, or `None` at the end of the stream. A too-long line is
    /// reported as soon as the limit is passed (before the rest of it is read).
    pub fn next_line(&mut self) -> io::Result<Option<(usize, Line<'_>)>> {
        if self.skipping {
            self.skip_rest_of_line()?;
            self.skipping = false;
        }
        loop {
            self.buffer.clear();
            let read = (&mut self.reader)
                .take(self.limit as u64 + 1)
                .read_until(b'\n', &mut self.buffer)?;
            if read == 0 {
                return Ok(None);
            }
            self.line_number += 1;
            if self.buffer.len() > self.limit && self.buffer.last() != Some(&b'\n') {
                self.skipping = true;
                self.buffer = Vec::new();
                return Ok(Some((self.line_number, Line::TooLong)));
            }
            let line = self.buffer.strip_suffix(b"\n").unwrap_or(&self.buffer);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            if !line.iter().all(u8::is_ascii_whitespace) {
                // Sliced again here, after the loop's borrows end.
                let end = line.len();
                return Ok(Some((self.line_number, Line::Text(&self.buffer[..end]))));
            }
        }
    }

    fn skip_rest_of_line(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    self.reader.consume(end + 1);
                    return Ok(());
                }
                None => {
                    let all = chunk.len();
                    self.reader.consume(all);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str, limit: usize) -> Vec<(usize, Option<String>)> {
        let mut lines = Lines::new(text.as_bytes(), limit);
        let mut out = Vec::new();
        while let Some((number, line)) = lines.next_line().unwrap() {
            out.push((
                number,
                match line {
                    Line::Text(bytes) => Some(String::from_utf8(bytes.to_vec()).unwrap()),
                    Line::TooLong => None,
                },
            ));
        }
        out
    }

    #[test]
    fn blank_lines_are_skipped_but_still_numbered_and_long_lines_are_cut_off() {
        type Expected<'a> = &'a [(usize, Option<&'a str>)];
        let cases: &[(&str, usize, Expected<'_>)] = &[
            ("", 8, &[]),
            ("{}\n", 8, &[(1, Some("{}"))]),
            (
                "{}\r\n\n  \n{\"a\":1}",
                8,
                &[(1, Some("{}")), (4, Some("{\"a\":1}"))],
            ),
            ("\n\n{}\n\n", 8, &[(3, Some("{}"))]),
            // Exactly at the limit (the line break is not counted), then one byte over it.
            (
                "12345678\n123456789\nok",
                8,
                &[(1, Some("12345678")), (2, None), (3, Some("ok"))],
            ),
            ("123456789", 8, &[(1, None)]),
            (
                "123456789123456789123\nok\n",
                8,
                &[(1, None), (2, Some("ok"))],
            ),
        ];
        for (text, limit, expected) in cases {
            let expected: Vec<(usize, Option<String>)> = expected
                .iter()
                .map(|&(n, l)| (n, l.map(str::to_owned)))
                .collect();
            assert_eq!(lines_of(text, *limit), expected, "{text:?}");
        }
    }
}
