//! POSIX shell quoting for the CLI export.

/// A word the shell passes through unchanged: bare when it is made of harmless characters,
/// otherwise in single quotes (where nothing is special except the quote itself, written as
/// `'\''`).
pub(crate) fn quote(word: &str) -> String {
    let harmless = |c: char| c.is_ascii_alphanumeric() || "_./:=@%+,-".contains(c);
    if !word.is_empty() && word.chars().all(harmless) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// `--flag value`, or `--flag=value` when the value starts with `-` so the AWS CLI does not
/// take it for another option.
pub(crate) fn option(flag: &str, value: &str) -> String {
    if value.starts_with('-') {
        format!("{flag}={}", quote(value))
    } else {
        format!("{flag} {}", quote(value))
    }
}

/// One command, an option per continuation line.
pub(crate) fn command(words: &str, options: &[String]) -> String {
    let mut text = words.to_owned();
    for option in options {
        text.push_str(" \\\n  ");
        text.push_str(option);
    }
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_table() {
        let table = [
            ("orders", "orders"),
            (
                "arn:aws:sqs:us-east-1:123456789012:q",
                "arn:aws:sqs:us-east-1:123456789012:q",
            ),
            ("", "''"),
            ("two words", "'two words'"),
            ("it's", r"'it'\''s'"),
            ("{\"a\": 1}", "'{\"a\": 1}'"),
            ("$HOME `x` \\n", "'$HOME `x` \\n'"),
            ("a\nb", "'a\nb'"),
        ];
        for (word, quoted) in table {
            assert_eq!(quote(word), quoted, "{word}");
        }
    }

    #[test]
    fn option_values_starting_with_a_dash_are_attached() {
        assert_eq!(option("--description", "-x y"), "--description='-x y'");
        assert_eq!(option("--name", "n"), "--name n");
    }
}
