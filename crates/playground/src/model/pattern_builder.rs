//! Building an event pattern by picking values of a sample event.
//!
//! The user clicks leaves of the event; each becomes a [`BuiltField`]: the leaf's path, an
//! operator chosen from a menu and the value the operator compares with. [`pattern_text`] writes
//! the list as pattern JSON, grouping fields with the same path into one leaf array (which
//! EventBridge reads as "any of these").

use serde::{Deserialize, Serialize};

/// The JSON type of the event value a field was built from; it decides which operators make sense.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScalarKind {
    String,
    Number,
    Boolean,
    Null,
}

aws_model::string_enum! {
    /// How a built field compares the event's value. The names are the `<option value>`s of
    /// the operator menu and the saved form's.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Operator {
        Exact = "exact",
        Prefix = "prefix",
        Suffix = "suffix",
        EqualsIgnoreCase = "equals-ignore-case",
        Wildcard = "wildcard",
        AnythingBut = "anything-but",
        NumericEqual = "numeric-equal",
        NumericGreater = "numeric-greater",
        NumericGreaterOrEqual = "numeric-greater-or-equal",
        NumericLess = "numeric-less",
        NumericLessOrEqual = "numeric-less-or-equal",
        Cidr = "cidr",
        Exists = "exists",
        DoesNotExist = "does-not-exist",
    }
}

impl Operator {
    /// What the menu says.
    pub fn label(self) -> &'static str {
        match self {
            Operator::Exact => "equals (exact)",
            Operator::Prefix => "starts with (prefix)",
            Operator::Suffix => "ends with (suffix)",
            Operator::EqualsIgnoreCase => "equals, ignoring case",
            Operator::Wildcard => "matches wildcard (*)",
            Operator::AnythingBut => "anything but",
            Operator::NumericEqual => "numeric =",
            Operator::NumericGreater => "numeric >",
            Operator::NumericGreaterOrEqual => "numeric >=",
            Operator::NumericLess => "numeric <",
            Operator::NumericLessOrEqual => "numeric <=",
            Operator::Cidr => "IP address in range (cidr)",
            Operator::Exists => "exists",
            Operator::DoesNotExist => "does not exist",
        }
    }

    /// The comparison of a numeric operator, as the pattern writes it.
    fn numeric_symbol(self) -> Option<&'static str> {
        match self {
            Operator::NumericEqual => Some("="),
            Operator::NumericGreater => Some(">"),
            Operator::NumericGreaterOrEqual => Some(">="),
            Operator::NumericLess => Some("<"),
            Operator::NumericLessOrEqual => Some("<="),
            _ => None,
        }
    }

    /// False for the operators that only test presence.
    pub fn takes_argument(self) -> bool {
        !matches!(self, Operator::Exists | Operator::DoesNotExist)
    }

    /// The operators offered for a value of `kind`: string operators match only strings and
    /// numeric ones only numbers, so offering them elsewhere would build patterns that never match.
    pub fn choices(kind: ScalarKind) -> Vec<Operator> {
        use Operator::*;
        match kind {
            ScalarKind::String => vec![
                Exact,
                Prefix,
                Suffix,
                EqualsIgnoreCase,
                Wildcard,
                AnythingBut,
                Cidr,
                Exists,
                DoesNotExist,
            ],
            ScalarKind::Number => vec![
                Exact,
                AnythingBut,
                NumericEqual,
                NumericGreater,
                NumericGreaterOrEqual,
                NumericLess,
                NumericLessOrEqual,
                Exists,
                DoesNotExist,
            ],
            ScalarKind::Boolean | ScalarKind::Null => vec![Exact, Exists, DoesNotExist],
        }
    }
}

impl BuiltField {
    /// The operators the field's menu offers: those for its kind, and `cidr` only for an IP
    /// address (or a field already using it), since a CIDR range never matches anything else.
    pub fn operator_choices(&self) -> Vec<Operator> {
        let address = self.argument.split('/').next().unwrap_or_default().trim();
        let offers_cidr =
            self.operator == Operator::Cidr || address.parse::<std::net::IpAddr>().is_ok();
        Operator::choices(self.kind)
            .into_iter()
            .filter(|&op| op != Operator::Cidr || offers_cidr)
            .collect()
    }
}

/// One field of the built pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuiltField {
    /// Object keys from the event's root to the value; array positions are left out because
    /// patterns look through arrays.
    pub path: Vec<String>,
    pub kind: ScalarKind,
    pub operator: Operator,
    /// What the operator compares with, as typed: a string's content, a number's literal,
    /// `true`, `false` or `null`.
    pub argument: String,
}

/// At most this many fields: a pattern is at most 4096 characters anyway.
pub const MAX_BUILT_FIELDS: usize = 50;

impl BuiltField {
    /// An exact-match field for a clicked event value.
    pub fn new(path: Vec<String>, kind: ScalarKind, value: &str) -> Self {
        BuiltField {
            path,
            kind,
            operator: Operator::Exact,
            argument: value.to_owned(),
        }
    }

    /// The path as EventBridge flattens it, e.g. `detail.payload.currency`.
    pub fn dotted_path(&self) -> String {
        self.path.join(".")
    }

    /// Changes the operator, adapting the argument where the new operator needs another shape:
    /// a CIDR range gets a mask, and loses it again when another operator is chosen.
    pub fn set_operator(&mut self, operator: Operator) {
        if operator == Operator::Cidr && !self.argument.contains('/') {
            let mask = if self.argument.contains(':') {
                "/64"
            } else {
                "/24"
            };
            self.argument.push_str(mask);
        } else if self.operator == Operator::Cidr && operator != Operator::Cidr {
            if let Some((address, _)) = self.argument.split_once('/') {
                self.argument = address.to_owned();
            }
        }
        self.operator = operator;
    }

    /// Something about the field that will make the pattern invalid, in words for the form.
    pub fn problem(&self) -> Option<String> {
        if self.operator.numeric_symbol().is_some() && !is_json_number(self.argument.trim()) {
            return Some(format!(
                "A numeric comparison needs a number such as 10 or 2.5; {} is not one.",
                quote(&self.argument)
            ));
        }
        if self.operator == Operator::Cidr && !self.argument.contains('/') {
            return Some(
                "A CIDR range is an address, a slash and the mask bits, such as 10.0.0.0/24."
                    .to_owned(),
            );
        }
        None
    }

    /// The field's entry in its leaf array, as compact JSON.
    pub fn condition_json(&self) -> String {
        let text = || quote(&self.argument);
        let number_or_text = || {
            let trimmed = self.argument.trim();
            if is_json_number(trimmed) {
                trimmed.to_owned()
            } else {
                text()
            }
        };
        if let Some(symbol) = self.operator.numeric_symbol() {
            return format!("{{\"numeric\": [\"{symbol}\", {}]}}", number_or_text());
        }
        match self.operator {
            Operator::Exact => match self.kind {
                ScalarKind::String => text(),
                ScalarKind::Number => number_or_text(),
                ScalarKind::Boolean | ScalarKind::Null => match self.argument.trim() {
                    literal @ ("true" | "false" | "null") => literal.to_owned(),
                    _ => text(),
                },
            },
            Operator::AnythingBut if self.kind == ScalarKind::Number => {
                format!("{{\"anything-but\": {}}}", number_or_text())
            }
            Operator::AnythingBut => format!("{{\"anything-but\": {}}}", text()),
            Operator::Prefix => format!("{{\"prefix\": {}}}", text()),
            Operator::Suffix => format!("{{\"suffix\": {}}}", text()),
            Operator::EqualsIgnoreCase => format!("{{\"equals-ignore-case\": {}}}", text()),
            Operator::Wildcard => format!("{{\"wildcard\": {}}}", text()),
            Operator::Cidr => format!("{{\"cidr\": {}}}", text()),
            Operator::Exists => "{\"exists\": true}".to_owned(),
            Operator::DoesNotExist => "{\"exists\": false}".to_owned(),
            Operator::NumericEqual
            | Operator::NumericGreater
            | Operator::NumericGreaterOrEqual
            | Operator::NumericLess
            | Operator::NumericLessOrEqual => unreachable!("numeric operators returned above"),
        }
    }
}

/// Why a clicked value was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddRefused {
    AlreadyThere,
    /// The path runs through a value another field compares (or the other way round), which
    /// a pattern cannot express: a key holds either an object or a leaf array.
    Conflicts {
        other: String,
    },
    TooMany,
}

impl AddRefused {
    pub fn message(&self) -> String {
        match self {
            AddRefused::AlreadyThere => "This value is already in the pattern.".to_owned(),
            AddRefused::Conflicts { other } => format!(
                "The pattern already compares {other}; a key can hold a list of values or nested fields, not both."
            ),
            AddRefused::TooMany => {
                format!("The builder holds at most {MAX_BUILT_FIELDS} fields.")
            }
        }
    }
}

/// Adds a field to the built list.
pub fn add_field(fields: &mut Vec<BuiltField>, field: BuiltField) -> Result<(), AddRefused> {
    if fields.iter().any(|f| {
        f.path == field.path && f.operator == field.operator && f.argument == field.argument
    }) {
        return Err(AddRefused::AlreadyThere);
    }
    let nests =
        |outer: &[String], inner: &[String]| outer.len() < inner.len() && inner.starts_with(outer);
    if let Some(other) = fields
        .iter()
        .find(|f| nests(&f.path, &field.path) || nests(&field.path, &f.path))
    {
        return Err(AddRefused::Conflicts {
            other: other.dotted_path(),
        });
    }
    if fields.len() >= MAX_BUILT_FIELDS {
        return Err(AddRefused::TooMany);
    }
    fields.push(field);
    Ok(())
}

/// A pattern object under construction: keys in first-use order.
enum Node {
    Object(Vec<(String, Node)>),
    Leaf(Vec<String>),
}

impl Node {
    /// Files a condition under `path`; a field whose path conflicts with earlier ones is left out
    /// (only hand-edited storage can hold one, since [`add_field`] refuses them).
    fn insert(&mut self, path: &[String], condition: String) {
        let Node::Object(members) = self else {
            return;
        };
        let Some((key, rest)) = path.split_first() else {
            return;
        };
        let index = match members.iter().position(|(k, _)| k == key) {
            Some(index) => index,
            None => {
                let node = if rest.is_empty() {
                    Node::Leaf(Vec::new())
                } else {
                    Node::Object(Vec::new())
                };
                members.push((key.clone(), node));
                members.len() - 1
            }
        };
        match (&mut members[index].1, rest.is_empty()) {
            (Node::Leaf(conditions), true) if !conditions.contains(&condition) => {
                conditions.push(condition)
            }
            (node @ Node::Object(_), false) => node.insert(rest, condition),
            _ => {}
        }
    }

    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Node::Leaf(conditions) => {
                out.push('[');
                out.push_str(&conditions.join(", "));
                out.push(']');
            }
            Node::Object(members) if members.is_empty() => out.push_str("{}"),
            Node::Object(members) => {
                out.push_str("{\n");
                for (index, (key, node)) in members.iter().enumerate() {
                    push_indent(out, indent + 1);
                    out.push_str(&quote(key));
                    out.push_str(": ");
                    node.write(out, indent + 1);
                    if index + 1 < members.len() {
                        out.push(',');
                    }
                    out.push('\n');
                }
                push_indent(out, indent);
                out.push('}');
            }
        }
    }
}

fn push_indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

/// The pattern JSON for the built fields, indented, with each leaf array on one line.
pub fn pattern_text(fields: &[BuiltField]) -> String {
    let mut root = Node::Object(Vec::new());
    for field in fields {
        root.insert(&field.path, field.condition_json());
    }
    let mut out = String::new();
    root.write(&mut out, 0);
    out
}

/// A JSON string literal.
fn quote(text: &str) -> String {
    serde_json::to_string(text).expect("strings always serialize")
}

/// True for text in JSON's number grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
pub fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    let digits = |at: &mut usize| {
        let start = *at;
        while *at < bytes.len() && bytes[*at].is_ascii_digit() {
            *at += 1;
        }
        *at - start
    };
    if bytes.get(at) == Some(&b'-') {
        at += 1;
    }
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => {
            digits(&mut at);
        }
        _ => return false,
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        if digits(&mut at) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if digits(&mut at) == 0 {
            return false;
        }
    }
    at == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use event_pattern::{Event, Pattern};

    fn field(path: &str, kind: ScalarKind, value: &str, operator: Operator) -> BuiltField {
        let mut field = BuiltField::new(path.split('.').map(str::to_owned).collect(), kind, value);
        field.set_operator(operator);
        field
    }

    #[test]
    fn every_operator_round_trips_through_its_menu_value() {
        for op in Operator::ALL {
            assert_eq!(op.as_str().parse::<Operator>(), Ok(op));
            let json = serde_json::to_string(&op).unwrap();
            assert_eq!(json, format!("\"{}\"", op.as_str()), "serde and menu agree");
        }
        assert!("regex".parse::<Operator>().is_err());
    }

    #[test]
    fn condition_json_table() {
        use Operator::*;
        use ScalarKind as K;
        let table: &[(K, &str, Operator, &str)] = &[
            (K::String, "USD", Exact, r#""USD""#),
            (K::String, "say \"hi\"", Exact, r#""say \"hi\"""#),
            (K::String, "ord", Prefix, r#"{"prefix": "ord"}"#),
            (K::String, ".png", Suffix, r#"{"suffix": ".png"}"#),
            (
                K::String,
                "usd",
                EqualsIgnoreCase,
                r#"{"equals-ignore-case": "usd"}"#,
            ),
            (K::String, "a*b", Wildcard, r#"{"wildcard": "a*b"}"#),
            (
                K::String,
                "test",
                AnythingBut,
                r#"{"anything-but": "test"}"#,
            ),
            (K::String, "10.0.0.7", Cidr, r#"{"cidr": "10.0.0.7/24"}"#),
            (
                K::String,
                "2001:db8::1",
                Cidr,
                r#"{"cidr": "2001:db8::1/64"}"#,
            ),
            (K::String, "x", Exists, r#"{"exists": true}"#),
            (K::String, "x", DoesNotExist, r#"{"exists": false}"#),
            (K::Number, "184.5", Exact, "184.5"),
            // A number whose text was edited into something else is compared as text.
            (K::Number, "12abc", Exact, r#""12abc""#),
            (K::Number, "3", AnythingBut, r#"{"anything-but": 3}"#),
            (
                K::Number,
                "100",
                NumericGreater,
                r#"{"numeric": [">", 100]}"#,
            ),
            (
                K::Number,
                "-1e3",
                NumericLessOrEqual,
                r#"{"numeric": ["<=", -1e3]}"#,
            ),
            (K::Number, "0", NumericEqual, r#"{"numeric": ["=", 0]}"#),
            (
                K::Number,
                "0",
                NumericGreaterOrEqual,
                r#"{"numeric": [">=", 0]}"#,
            ),
            (K::Number, "0", NumericLess, r#"{"numeric": ["<", 0]}"#),
            (K::Boolean, "false", Exact, "false"),
            (K::Null, "null", Exact, "null"),
            (K::Boolean, "maybe", Exact, r#""maybe""#),
        ];
        for (kind, value, operator, expected) in table {
            let built = field("a", *kind, value, *operator);
            assert_eq!(&built.condition_json(), expected, "{operator:?} {value}");
        }
    }

    #[test]
    fn leaving_cidr_drops_the_mask_and_other_switches_keep_the_argument() {
        let mut built = field("ip", ScalarKind::String, "10.1.2.3", Operator::Cidr);
        assert_eq!(built.argument, "10.1.2.3/24");
        built.set_operator(Operator::Exact);
        assert_eq!(built.argument, "10.1.2.3");
        built.argument = "10.1".into();
        built.set_operator(Operator::Prefix);
        built.set_operator(Operator::Suffix);
        assert_eq!(built.argument, "10.1");
    }

    #[test]
    fn operator_choices_follow_the_value_type() {
        assert!(Operator::choices(ScalarKind::String).contains(&Operator::Prefix));
        assert!(!Operator::choices(ScalarKind::String).contains(&Operator::NumericLess));
        assert!(Operator::choices(ScalarKind::Number).contains(&Operator::NumericLess));
        assert!(!Operator::choices(ScalarKind::Number).contains(&Operator::Prefix));
        assert_eq!(
            Operator::choices(ScalarKind::Null),
            vec![Operator::Exact, Operator::Exists, Operator::DoesNotExist]
        );
        for kind in [
            ScalarKind::String,
            ScalarKind::Number,
            ScalarKind::Boolean,
            ScalarKind::Null,
        ] {
            assert_eq!(
                Operator::choices(kind)[0],
                Operator::Exact,
                "exact is the default"
            );
        }
    }

    #[test]
    fn cidr_is_offered_for_ip_addresses_only() {
        let offers = |value: &str, operator: Operator| {
            let mut built = BuiltField::new(vec!["ip".into()], ScalarKind::String, value);
            built.operator = operator;
            built.operator_choices().contains(&Operator::Cidr)
        };
        assert!(offers("10.0.0.7", Operator::Exact));
        assert!(offers("2001:db8::1", Operator::Exact));
        assert!(offers("10.0.0.0/24", Operator::Exact));
        assert!(!offers("shop", Operator::Exact));
        assert!(!offers("10.0.0", Operator::Exact));
        // A field already using cidr keeps it on the menu whatever its argument.
        assert!(offers("not yet an address", Operator::Cidr));
        let number = BuiltField::new(vec!["n".into()], ScalarKind::Number, "10");
        assert!(!number.operator_choices().contains(&Operator::Cidr));
    }

    #[test]
    fn pattern_text_nests_paths_and_groups_values_of_one_path() {
        let fields = vec![
            field(
                "source",
                ScalarKind::String,
                "aws.partner/shopify.com",
                Operator::Prefix,
            ),
            field(
                "detail.payload.currency",
                ScalarKind::String,
                "USD",
                Operator::Exact,
            ),
            field(
                "detail.payload.currency",
                ScalarKind::String,
                "EUR",
                Operator::Exact,
            ),
            field(
                "detail.payload.total",
                ScalarKind::Number,
                "100",
                Operator::NumericGreater,
            ),
        ];
        let expected = r#"{
  "source": [{"prefix": "aws.partner/shopify.com"}],
  "detail": {
    "payload": {
      "currency": ["USD", "EUR"],
      "total": [{"numeric": [">", 100]}]
    }
  }
}"#;
        assert_eq!(pattern_text(&fields), expected);
        assert_eq!(pattern_text(&[]), "{}");
    }

    #[test]
    fn built_patterns_parse_and_match_the_event_they_were_built_from() {
        let event = r#"{"id":"1","account":"123456789012","source":"shop","time":"2024-01-01T00:00:00Z",
            "region":"us-east-1","detail-type":"order","detail":{"total":184.5,"currency":"USD",
            "ip":"10.0.0.9","gift":false,"note":null,"items":[{"sku":"TENT"},{"sku":"STAKE"}]}}"#;
        let event = Event::parse(event).unwrap();
        let every_operator: Vec<BuiltField> = vec![
            field(
                "detail.currency",
                ScalarKind::String,
                "USD",
                Operator::Exact,
            ),
            field(
                "detail.currency",
                ScalarKind::String,
                "US",
                Operator::Prefix,
            ),
            field("source", ScalarKind::String, "hop", Operator::Suffix),
            field(
                "detail-type",
                ScalarKind::String,
                "ORDER",
                Operator::EqualsIgnoreCase,
            ),
            field("region", ScalarKind::String, "us-*-1", Operator::Wildcard),
            field(
                "account",
                ScalarKind::String,
                "000000000000",
                Operator::AnythingBut,
            ),
            field(
                "detail.total",
                ScalarKind::Number,
                "184.5",
                Operator::NumericEqual,
            ),
            field("detail.ip", ScalarKind::String, "10.0.0.1", Operator::Cidr),
            field(
                "detail.items.sku",
                ScalarKind::String,
                "STAKE",
                Operator::Exact,
            ),
            field("detail.gift", ScalarKind::Boolean, "false", Operator::Exact),
            field("detail.note", ScalarKind::Null, "null", Operator::Exact),
            field(
                "detail.missing",
                ScalarKind::String,
                "",
                Operator::DoesNotExist,
            ),
            field("id", ScalarKind::String, "1", Operator::Exists),
        ];
        for one in &every_operator {
            let text = pattern_text(std::slice::from_ref(one));
            let pattern = Pattern::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(pattern.matches(&event), "{text}");
        }
        let mut all = Vec::new();
        for one in every_operator {
            add_field(&mut all, one).unwrap();
        }
        let text = pattern_text(&all);
        assert!(Pattern::parse(&text).unwrap().matches(&event), "{text}");
    }

    #[test]
    fn add_field_refuses_duplicates_conflicts_and_overflow() {
        let mut fields = Vec::new();
        let currency = field(
            "detail.currency",
            ScalarKind::String,
            "USD",
            Operator::Exact,
        );
        add_field(&mut fields, currency.clone()).unwrap();
        assert_eq!(
            add_field(&mut fields, currency),
            Err(AddRefused::AlreadyThere)
        );
        let under = field(
            "detail.currency.code",
            ScalarKind::String,
            "x",
            Operator::Exact,
        );
        assert_eq!(
            add_field(&mut fields, under),
            Err(AddRefused::Conflicts {
                other: "detail.currency".into()
            })
        );
        let above = field("detail", ScalarKind::String, "x", Operator::Exact);
        assert!(matches!(
            add_field(&mut fields, above),
            Err(AddRefused::Conflicts { .. })
        ));
        for n in 1..MAX_BUILT_FIELDS {
            let f = field(&format!("k{n}"), ScalarKind::Number, "1", Operator::Exact);
            add_field(&mut fields, f).unwrap();
        }
        let f = field("one-more", ScalarKind::Number, "1", Operator::Exact);
        assert_eq!(add_field(&mut fields, f), Err(AddRefused::TooMany));
        assert!(AddRefused::TooMany.message().contains("50"));
    }

    #[test]
    fn conflicting_paths_from_storage_are_left_out_not_merged() {
        // Only a hand-edited saved state can hold these; the text must stay valid JSON.
        let fields = vec![
            field("a", ScalarKind::String, "x", Operator::Exact),
            field("a.b", ScalarKind::String, "y", Operator::Exact),
        ];
        let text = pattern_text(&fields);
        assert_eq!(text, "{\n  \"a\": [\"x\"]\n}");
    }

    #[test]
    fn keys_and_values_with_quotes_and_control_characters_are_escaped() {
        let fields = vec![BuiltField::new(
            vec!["we\"ird\nkey".into()],
            ScalarKind::String,
            "<script>\u{0}",
        )];
        let text = pattern_text(&fields);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["we\"ird\nkey"][0], "<script>\u{0}");
    }

    #[test]
    fn problems_name_what_the_operator_needs() {
        let numeric = field("n", ScalarKind::Number, "ten", Operator::NumericGreater);
        assert!(numeric.problem().unwrap().contains("needs a number"));
        let mut cidr = field("ip", ScalarKind::String, "10.0.0.1", Operator::Cidr);
        assert_eq!(cidr.problem(), None);
        cidr.argument = "10.0.0.1".into();
        assert!(cidr.problem().unwrap().contains("mask"));
        assert_eq!(
            field("s", ScalarKind::String, "x", Operator::Prefix).problem(),
            None
        );
    }

    #[test]
    fn json_number_grammar_table() {
        for good in ["0", "-0", "12", "1.5", "-1.5e10", "2E-3", "1e+2"] {
            assert!(is_json_number(good), "{good}");
        }
        for bad in [
            "", "-", "01", "1.", ".5", "1e", "+1", "1_000", "NaN", "0x10", " 1",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
