//! A small option parser: `--name value` and `--name=value`, and `--help`.
//!
//! The CLI has a handful of options; a hand-written parser keeps the binary small and the
//! error messages ours.

use std::collections::BTreeMap;

pub struct Options {
    values: BTreeMap<String, String>,
    pub help: bool,
}

impl Options {
    /// Parses `args` accepting only the `allowed` option names (without the leading `--`).
    pub fn parse(args: &[String], allowed: &[&str]) -> Result<Options, String> {
        let mut values = BTreeMap::new();
        let mut help = false;
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            if arg == "-h" || arg == "--help" {
                help = true;
                continue;
            }
            let Some(option) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument `{arg}`"));
            };
            let (name, value) = match option.split_once('=') {
                Some((name, value)) => (name, value.to_owned()),
                None => {
                    let value = rest
                        .next()
                        .ok_or_else(|| format!("--{option} needs a value"))?;
                    (option, value.clone())
                }
            };
            if !allowed.contains(&name) {
                return Err(format!("unknown option --{name}"));
            }
            if values.insert(name.to_owned(), value).is_some() {
                return Err(format!("--{name} given twice"));
            }
        }
        Ok(Options { values, help })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn require(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .ok_or_else(|| format!("the option --{name} is required"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn both_spellings_of_a_value_are_accepted() {
        let options = Options::parse(&strings(&["--a", "1", "--b=2"]), &["a", "b"]).unwrap();
        assert_eq!(options.get("a"), Some("1"));
        assert_eq!(options.get("b"), Some("2"));
        assert!(!options.help);
    }

    #[test]
    fn mistakes_are_reported_by_name() {
        let unknown = Options::parse(&strings(&["--nope", "1"]), &["a"])
            .err()
            .unwrap();
        assert_eq!(unknown, "unknown option --nope");
        let missing = Options::parse(&strings(&["--a"]), &["a"]).err().unwrap();
        assert_eq!(missing, "--a needs a value");
        let twice = Options::parse(&strings(&["--a", "1", "--a", "2"]), &["a"])
            .err()
            .unwrap();
        assert_eq!(twice, "--a given twice");
        let options = Options::parse(&[], &["a"]).unwrap();
        assert_eq!(
            options.require("a").err().unwrap(),
            "the option --a is required"
        );
    }
}
