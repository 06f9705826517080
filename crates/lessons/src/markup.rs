//! The "markdown-light" of explanations, tasks, hints and feedback, parsed into plain blocks so
//! the UI needs no markdown library and renders no HTML from lesson text.
//!
//! Supported, and nothing else:
//! - paragraphs, separated by a blank line (single line breaks are spaces);
//! - lists: every line of a block starting with `- ` (a line indented by two spaces continues
//!   the item above);
//! - `` `code` `` (shown as is: the place for JSON, field names and operators);
//! - `**strong**`;
//! - `[text](https://…)` links (https only).
//!
//! Parsing never fails: a marker without its closing half stays literal text.
//! [`problems`] lists such slips for the course's tests.

use serde::Serialize;

/// A paragraph or a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "content", rename_all = "kebab-case")]
pub enum Block {
    Paragraph(Vec<Inline>),
    /// One entry per list item.
    List(Vec<Vec<Inline>>),
}

/// A run of text inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text { text: String },
    Code { text: String },
    Strong { text: String },
    Link { text: String, url: String },
}

/// Splits text into blocks.
pub fn blocks(text: &str) -> Vec<Block> {
    chunks(text)
        .into_iter()
        .map(|lines| {
            if lines.first().is_some_and(|l| l.starts_with("- ")) {
                let mut items: Vec<String> = Vec::new();
                for line in lines {
                    if let Some(item) = line.strip_prefix("- ") {
                        items.push(item.trim().to_owned());
                    } else if let Some(last) = items.last_mut() {
                        last.push(' ');
                        last.push_str(line.trim());
                    }
                }
                Block::List(items.iter().map(|item| inline(item)).collect())
            } else {
                let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
                Block::Paragraph(inline(&joined.join(" ")))
            }
        })
        .collect()
}

/// Blank-line-separated groups of lines (trailing spaces removed, empty groups dropped).
fn chunks(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            out.push(Vec::new());
        } else {
            out.last_mut().expect("never empty").push(line);
        }
    }
    out.retain(|lines| !lines.is_empty());
    out
}

/// Parses one line (or a paragraph joined into one line) into inline runs.
pub fn inline(text: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let parsed = match c {
            '`' => rest[1..].find('`').filter(|&end| end > 0).map(|end| {
                (
                    Inline::Code {
                        text: rest[1..1 + end].to_owned(),
                    },
                    end + 2,
                )
            }),
            '*' if rest.starts_with("**") => {
                rest[2..].find("**").filter(|&end| end > 0).map(|end| {
                    (
                        Inline::Strong {
                            text: rest[2..2 + end].to_owned(),
                        },
                        end + 4,
                    )
                })
            }
            '[' => link(rest),
            _ => None,
        };
        match parsed {
            Some((run, used)) => {
                if !plain.is_empty() {
                    out.push(Inline::Text {
                        text: std::mem::take(&mut plain),
                    });
                }
                out.push(run);
                rest = &rest[used..];
            }
            None => {
                plain.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    if !plain.is_empty() {
        out.push(Inline::Text { text: plain });
    }
    out
}

/// `[text](https://url)` at the start of `rest`: the link and the bytes it spans.
fn link(rest: &str) -> Option<(Inline, usize)> {
    let close = rest.find("](")?;
    let text = &rest[1..close];
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    let url = &after[..end];
    let valid = !text.is_empty()
        && !text.contains(['[', ']', '`'])
        && url.starts_with("https://")
        && !url.contains(char::is_whitespace);
    valid.then(|| {
        (
            Inline::Link {
                text: text.to_owned(),
                url: url.to_owned(),
            },
            close + 2 + end + 1,
        )
    })
}

/// The text without markup (code spans keep their content), e.g. for screen-reader summaries.
pub fn plain_text(text: &str) -> String {
    let render = |runs: &[Inline]| -> String {
        runs.iter()
            .map(|run| match run {
                Inline::Text { text }
                | Inline::Code { text }
                | Inline::Strong { text }
                | Inline::Link { text, .. } => text.as_str(),
            })
            .collect()
    };
    blocks(text)
        .iter()
        .map(|block| match block {
            Block::Paragraph(runs) => render(runs),
            Block::List(items) => items
                .iter()
                .map(|item| format!("• {}", render(item)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Words in the text as a reader counts them: runs with a letter or digit (code spans count by
/// their own words; list bullets and arrows do not count).
pub fn word_count(text: &str) -> usize {
    plain_text(text)
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .count()
}

/// Markup slips: markers left literal because their closing half is missing, headings, HTML
/// and links that are not https. Lesson texts must have none (the course test checks).
pub fn problems(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for block in blocks(text) {
        let runs: Vec<Inline> = match block {
            Block::Paragraph(runs) => runs,
            Block::List(items) => items.into_iter().flatten().collect(),
        };
        for run in runs {
            if let Inline::Text { text } = run {
                if text.contains('`') {
                    found.push(format!("unclosed `code` span in \"{}\"", excerpt(&text)));
                }
                if text.contains("**") {
                    found.push(format!("unclosed **strong** in \"{}\"", excerpt(&text)));
                }
                if text.contains("](") {
                    found.push(format!(
                        "malformed link (only [text](https://…) is allowed) in \"{}\"",
                        excerpt(&text)
                    ));
                }
                if text.contains('<') && text.contains('>') {
                    found.push(format!("HTML is not supported: \"{}\"", excerpt(&text)));
                }
            }
        }
    }
    for line in text.lines() {
        if line.trim_start().starts_with('#') {
            found.push(format!("headings are not supported: \"{}\"", excerpt(line)));
        }
    }
    found
}

fn excerpt(text: &str) -> String {
    let short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.to_owned() }
    }

    #[test]
    fn inline_runs() {
        assert_eq!(
            inline("Use `prefix`, **not** [docs](https://docs.aws.amazon.com/x)."),
            vec![
                text("Use "),
                Inline::Code {
                    text: "prefix".to_owned()
                },
                text(", "),
                Inline::Strong {
                    text: "not".to_owned()
                },
                text(" "),
                Inline::Link {
                    text: "docs".to_owned(),
                    url: "https://docs.aws.amazon.com/x".to_owned()
                },
                text("."),
            ]
        );
    }

    #[test]
    fn unclosed_markers_stay_text_and_are_reported() {
        assert_eq!(inline("a `b"), vec![text("a `b")]);
        assert_eq!(inline("[x](http://a)"), vec![text("[x](http://a)")]);
        assert_eq!(problems("a `b").len(), 1);
        assert_eq!(problems("**b").len(), 1);
        assert_eq!(problems("[x](http://a)").len(), 1);
        assert_eq!(problems("# Title").len(), 1);
        assert!(problems("fine `code` and **bold**").is_empty());
    }

    #[test]
    fn blocks_and_lists() {
        let parsed = blocks("One\nline.\n\n- a\n- b `c`\n  more\n\nEnd.");
        assert_eq!(
            parsed,
            vec![
                Block::Paragraph(vec![text("One line.")]),
                Block::List(vec![
                    vec![text("a")],
                    vec![
                        text("b "),
                        Inline::Code {
                            text: "c".to_owned()
                        },
                        text(" more")
                    ],
                ]),
                Block::Paragraph(vec![text("End.")]),
            ]
        );
        assert_eq!(word_count("One\nline.\n\n- a\n- b `c d`"), 6);
    }

    #[test]
    fn multibyte_text_is_kept() {
        assert_eq!(
            inline("é `ü` ✓"),
            vec![
                text("é "),
                Inline::Code {
                    text: "ü".to_owned()
                },
                text(" ✓")
            ]
        );
    }
}
