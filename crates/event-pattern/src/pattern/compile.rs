//! Pattern text → validated tree of leaves and `$or`s.
//!
//! Validation walks the token stream exactly as event-ruler's `JsonRuleCompiler` does, so the first
//! error found is the one AWS reports, with its wording, even when the text is also malformed further
//! on. The object walk uses an explicit stack: nesting cannot overflow ours.

use super::condition::{Bound, Condition, Exclusion, NumericRange};
use super::ip::CidrRange;
use super::text::{CaseInsensitive, Wildcard};
use super::Field;
use crate::error::{LocationSuffix, PatternError, PatternErrorKind};
use crate::json::{JsonError, PullParser, Span, Token, TokenKind};

/// Keys event-ruler refuses as field names inside `$or` branches.
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

/// An object of the pattern: its leaves, nested objects and `$or`s in document order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ObjectNode {
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
pub(crate) enum Entry {
    /// Index into the pattern's fields.
    Leaf(usize),
    Object(ObjectNode),
    Or {
        key_span: Span,
        branches: Vec<ObjectNode>,
    },
}

pub(crate) struct Compiled {
    pub root: ObjectNode,
    pub fields: Vec<Field>,
}

pub(crate) fn compile(source: &str) -> Result<Compiled> {
    let mut compiler = Compiler {
        source,
        parser: PullParser::new(source),
        keys: Vec::new(),
        pointer: Vec::new(),
        fields: Vec::new(),
    };
    let root = compiler.walk()?;
    Ok(Compiled {
        root,
        fields: compiler.fields,
    })
}

enum Frame {
    Object {
        entries: Vec<Entry>,
        fields_present: bool,
        inside_or: bool,
        open: Span,
        via_key: bool,
    },
    Or {
        branches: Vec<ObjectNode>,
        key_span: Span,
        open: Span,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SetKind {
    EqualsIgnoreCase,
    Prefix,
    Suffix,
    Wildcard,
}

impl SetKind {
    fn type_error(self) -> &'static str {
        match self {
            SetKind::EqualsIgnoreCase => {
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            }
            SetKind::Wildcard => "wildcard match pattern must be a string",
            SetKind::Prefix | SetKind::Suffix => "prefix/suffix match pattern must be a string",
        }
    }
}

struct Compiler<'a> {
    source: &'a str,
    parser: PullParser<'a>,
    /// Keys of the enclosing objects (not `$or`), joined with dots to name a leaf.
    keys: Vec<String>,
    /// JSON-pointer segments of the current position, for error reports.
    pointer: Vec<String>,
    fields: Vec<Field>,
}

type Result<T> = std::result::Result<T, PatternError>;

impl Compiler<'_> {
    fn pointer_text(&self) -> String {
        self.pointer
            .iter()
            .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
            .collect()
    }

    fn error(
        &self,
        kind: PatternErrorKind,
        reason: impl Into<String>,
        span: Span,
        suffix: LocationSuffix,
    ) -> PatternError {
        PatternError::new(kind, reason, self.source, span, self.pointer_text(), suffix)
    }

    /// An event-ruler validation error, located where the JSON reader stands.
    fn barf(&self, reason: impl Into<String>, span: Span) -> PatternError {
        self.error(
            PatternErrorKind::Invalid,
            reason,
            span,
            LocationSuffix::Once(self.parser.last_end()),
        )
    }

    /// An error event-ruler catches and raises again, so AWS prints the location twice.
    fn barf_twice(&self, reason: impl Into<String>, span: Span) -> PatternError {
        self.error(
            PatternErrorKind::Invalid,
            reason,
            span,
            LocationSuffix::Twice(self.parser.last_end()),
        )
    }

    /// An error raised outside the JSON reader (AWS gives no location).
    fn plain(&self, reason: impl Into<String>, span: Span) -> PatternError {
        self.error(
            PatternErrorKind::Invalid,
            reason,
            span,
            LocationSuffix::None,
        )
    }

    fn syntax(&self, error: JsonError) -> PatternError {
        let JsonError { message, span } = error;
        self.error(
            PatternErrorKind::Syntax,
            message,
            span,
            LocationSuffix::Once(span.end),
        )
    }

    fn next(&mut self) -> Result<Token> {
        match self.parser.next_token() {
            Ok(Some(token)) => Ok(token),
            Ok(None) => {
                let end = self.source.len();
                Err(self.syntax(JsonError {
                    message: "Unexpected end-of-input: expected a value".to_owned(),
                    span: Span::new(end, end),
                }))
            }
            Err(e) => Err(self.syntax(e)),
        }
    }

    fn walk(&mut self) -> Result<ObjectNode> {
        let first = match self.parser.next_token() {
            Ok(first) => first,
            Err(e) => return Err(self.syntax(e)),
        };
        let open = match first {
            Some(Token {
                kind: TokenKind::StartObject,
                span,
            }) => span,
            Some(token) => return Err(self.barf("Filter is not an object", token.span)),
            None => {
                return Err(self.barf("Filter is not an object", Span::new(0, self.source.len())))
            }
        };
        let mut stack = vec![Frame::Object {
            entries: Vec::new(),
            fields_present: false,
            inside_or: false,
            open,
            via_key: false,
        }];
        loop {
            let token = self.next()?;
            match stack
                .last_mut()
                .expect("the walk ends when the root closes")
            {
                Frame::Object {
                    fields_present,
                    inside_or,
                    ..
                } => {
                    let inside_or = *inside_or;
                    match token.kind {
                        TokenKind::EndObject => {
                            let Some(Frame::Object {
                                entries,
                                fields_present,
                                open,
                                via_key,
                                ..
                            }) = stack.pop()
                            else {
                                unreachable!()
                            };
                            if !fields_present {
                                return Err(
                                    self.barf("Empty objects are not allowed", open.to(token.span))
                                );
                            }
                            if via_key {
                                self.keys.pop();
                                self.pointer.pop();
                            }
                            let node = ObjectNode { entries };
                            match stack.last_mut() {
                                None => return Ok(node),
                                Some(Frame::Object { entries, .. }) => {
                                    entries.push(Entry::Object(node))
                                }
                                Some(Frame::Or { branches, .. }) => {
                                    branches.push(node);
                                    self.pointer.pop();
                                }
                            }
                        }
                        TokenKind::FieldName(name) => {
                            *fields_present = true;
                            let key_span = token.span;
                            if name == "$or" {
                                self.pointer.push(name);
                                let value = self.next()?;
                                if value.kind != TokenKind::StartArray {
                                    return Err(self.barf(
                                        "It must be an Array followed with $or.",
                                        value.span,
                                    ));
                                }
                                stack.push(Frame::Or {
                                    branches: Vec::new(),
                                    key_span,
                                    open: value.span,
                                });
                                continue;
                            }
                            self.pointer.push(name.clone());
                            if inside_or && RESERVED_IN_OR.contains(&name.as_str()) {
                                return Err(self.barf(
                                    format!("{name} is Ruler reserved fieldName which cannot be used inside $or."),
                                    key_span,
                                ));
                            }
                            let value = self.next()?;
                            match value.kind {
                                TokenKind::StartObject => {
                                    self.keys.push(name);
                                    stack.push(Frame::Object {
                                        entries: Vec::new(),
                                        fields_present: false,
                                        inside_or,
                                        open: value.span,
                                        via_key: true,
                                    });
                                }
                                TokenKind::StartArray => {
                                    let leaf = self.leaf(&name, key_span, value.span)?;
                                    self.pointer.pop();
                                    if let Some(Frame::Object { entries, .. }) = stack.last_mut() {
                                        entries.push(Entry::Leaf(leaf));
                                    }
                                }
                                _ => {
                                    return Err(self.barf(
                                        format!("\"{name}\" must be an object or an array"),
                                        value.span,
                                    ))
                                }
                            }
                        }
                        _ => unreachable!("objects hold only field names until they close"),
                    }
                }
                Frame::Or { .. } => match token.kind {
                    TokenKind::EndArray => {
                        let Some(Frame::Or {
                            branches,
                            key_span,
                            open,
                        }) = stack.pop()
                        else {
                            unreachable!()
                        };
                        if branches.len() < 2 {
                            return Err(self.barf(
                                "There must have at least 2 Objects in $or relationship.",
                                open.to(token.span),
                            ));
                        }
                        self.pointer.pop();
                        if let Some(Frame::Object { entries, .. }) = stack.last_mut() {
                            entries.push(Entry::Or { key_span, branches });
                        }
                    }
                    TokenKind::StartObject => {
                        let Some(Frame::Or { branches, .. }) = stack.last() else {
                            unreachable!()
                        };
                        self.pointer.push(branches.len().to_string());
                        stack.push(Frame::Object {
                            entries: Vec::new(),
                            fields_present: false,
                            inside_or: true,
                            open: token.span,
                            via_key: false,
                        });
                    }
                    _ => {
                        return Err(self.barf(
                            "Only JSON object is allowed in array of $or relationship.",
                            token.span,
                        ))
                    }
                },
            }
        }
    }

    /// A leaf array (event-ruler's `writeRules`); the opening `[` has been read.
    fn leaf(&mut self, key: &str, key_span: Span, open: Span) -> Result<usize> {
        let mut conditions = Vec::new();
        let close = loop {
            let token = self.next()?;
            self.pointer.push(conditions.len().to_string());
            let condition = match token.kind {
                TokenKind::EndArray => {
                    self.pointer.pop();
                    break token.span;
                }
                TokenKind::StartObject => self.match_expression(token.span)?,
                TokenKind::String(s) => (Condition::exact_string(s), token.span),
                TokenKind::Number(n) => {
                    let value = super::comparable_number(&n.literal);
                    (
                        Condition::ExactNumber {
                            literal: n.literal,
                            value,
                        },
                        token.span,
                    )
                }
                TokenKind::True => (Condition::ExactBool { value: true }, token.span),
                TokenKind::False => (Condition::ExactBool { value: false }, token.span),
                TokenKind::Null => (Condition::ExactNull, token.span),
                _ => {
                    return Err(self.barf(
                        "Match value must be String, number, true, false, or null",
                        token.span,
                    ))
                }
            };
            self.pointer.pop();
            conditions.push(condition);
        };
        if conditions.is_empty() {
            return Err(self.barf("Empty arrays are not allowed", open.to(close)));
        }
        let mut path = self.keys.join(".");
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        let (conditions, condition_spans) = conditions.into_iter().unzip();
        self.fields.push(Field {
            path,
            pointer: self.pointer_text(),
            key_span,
            span: open.to(close),
            conditions,
            condition_spans,
        });
        Ok(self.fields.len() - 1)
    }

    /// Expects the `}` closing a match expression.
    fn end_of_expression(&mut self, complaint: &str) -> Result<Span> {
        let token = self.next()?;
        if token.kind != TokenKind::EndObject {
            return Err(self.barf(complaint, token.span));
        }
        Ok(token.span)
    }

    fn string_operand(&mut self, complaint: &str) -> Result<(String, Span)> {
        let token = self.next()?;
        match token.kind {
            TokenKind::String(s) => Ok((s, token.span)),
            _ => Err(self.barf(complaint, token.span)),
        }
    }

    /// A `{ "operator": … }` element of a leaf array; the `{` has been read.
    fn match_expression(&mut self, open: Span) -> Result<(Condition, Span)> {
        const ONE_KEY: &str = "Only one key allowed in match expression";
        let name_token = self.next()?;
        let TokenKind::FieldName(operator) = name_token.kind else {
            return Err(self.barf("Match expression name not found", open.to(name_token.span)));
        };
        self.pointer.push(operator.clone());
        let condition = match operator.as_str() {
            "exactly" => {
                let (value, _) = self.string_operand("exact match pattern must be a string")?;
                Condition::Exactly { value }
            }
            "prefix" | "suffix" => {
                let is_prefix = operator == "prefix";
                let token = self.next()?;
                match token.kind {
                    TokenKind::StartObject => {
                        let value = self.ignore_case_modifier(is_prefix, token.span)?;
                        let close = self.end_of_expression(ONE_KEY)?;
                        self.pointer.pop();
                        return Ok((
                            if is_prefix {
                                Condition::PrefixIgnoreCase { value }
                            } else {
                                Condition::SuffixIgnoreCase { value }
                            },
                            open.to(close),
                        ));
                    }
                    TokenKind::String(value) => {
                        if is_prefix {
                            Condition::Prefix { value }
                        } else {
                            Condition::Suffix { value }
                        }
                    }
                    _ => {
                        return Err(self.barf(
                            format!("{operator} match pattern must be a string"),
                            token.span,
                        ))
                    }
                }
            }
            "numeric" => {
                let token = self.next()?;
                if token.kind != TokenKind::StartArray {
                    return Err(self.barf("Value of numeric must be an array.", token.span));
                }
                let range = self.numeric()?;
                let close = self.end_of_expression("Too many elements in numeric expression")?;
                self.pointer.pop();
                return Ok((Condition::Numeric { range }, open.to(close)));
            }
            "anything-but" => {
                let excluded = self.anything_but()?;
                let close = self.end_of_expression("Too many elements in numeric expression")?;
                self.pointer.pop();
                return Ok((Condition::AnythingBut { excluded }, open.to(close)));
            }
            "exists" => {
                let token = self.next()?;
                let value = match token.kind {
                    TokenKind::True => true,
                    TokenKind::False => false,
                    _ => {
                        return Err(self.barf(
                            "exists match pattern must be either true or false.",
                            token.span,
                        ))
                    }
                };
                Condition::Exists { value }
            }
            "cidr" => {
                let (text, span) = self.string_operand("prefix match pattern must be a string")?;
                let range = CidrRange::parse(&text).map_err(|reason| self.plain(reason, span))?;
                Condition::Cidr { range }
            }
            "equals-ignore-case" => {
                let (text, _) =
                    self.string_operand("equals-ignore-case match pattern must be a string")?;
                Condition::EqualsIgnoreCase {
                    value: CaseInsensitive::new(&text),
                }
            }
            "wildcard" => {
                let (text, span) =
                    self.string_operand("wildcard match pattern must be a string")?;
                let value = Wildcard::parse(&text).map_err(|e| self.barf(e.message, span))?;
                Condition::Wildcard { value }
            }
            _ => {
                return Err(self.barf(
                    format!("Unrecognized match type {operator}"),
                    name_token.span,
                ))
            }
        };
        let close = self.end_of_expression(ONE_KEY)?;
        self.pointer.pop();
        Ok((condition, open.to(close)))
    }

    /// `{"equals-ignore-case": "…"}` inside `prefix`/`suffix`; the inner `{` has been read.
    fn ignore_case_modifier(&mut self, is_prefix: bool, open: Span) -> Result<CaseInsensitive> {
        let token = self.next()?;
        let TokenKind::FieldName(name) = token.kind else {
            let what = if is_prefix { "Prefix" } else { "Suffix" };
            return Err(self.barf(
                format!("{what} expression name not found"),
                open.to(token.span),
            ));
        };
        if name != "equals-ignore-case" {
            let what = if is_prefix { "prefix" } else { "suffix" };
            return Err(self.barf(format!("Unsupported {what} pattern: {name}"), token.span));
        }
        self.pointer.push(name);
        let (text, _) = self.string_operand("equals-ignore-case match pattern must be a string")?;
        self.end_of_expression("Only one key allowed in match expression")?;
        self.pointer.pop();
        Ok(CaseInsensitive::new(&text))
    }

    fn number_value(&self, token: &Token, complaint: &str) -> Result<f64> {
        match &token.kind {
            TokenKind::Number(n) => super::comparable_number(&n.literal).ok_or_else(|| {
                self.barf(format!("Cannot compare number : {}", n.literal), token.span)
            }),
            _ => Err(self.barf(complaint, token.span)),
        }
    }

    /// The array of a `numeric` expression; the `[` has been read.
    fn numeric(&mut self) -> Result<NumericRange> {
        let op_token = self.next()?;
        self.pointer.push("0".to_owned());
        let TokenKind::String(operator) = &op_token.kind else {
            return Err(self.barf(
                format!(
                    "Invalid member in numeric match: {}",
                    op_token.jackson_text()
                ),
                op_token.span,
            ));
        };
        let operator = operator.clone();
        self.pointer.pop();
        self.pointer.push("1".to_owned());
        let value_token = self.next()?;
        let range = match operator.as_str() {
            "=" => {
                let v = self.number_value(&value_token, "Value of equals must be numeric")?;
                self.expect_numeric_end("Too many elements in numeric expression", 2)?;
                let bound = Some(Bound {
                    value: v,
                    inclusive: true,
                });
                NumericRange {
                    lower: bound,
                    upper: bound,
                }
            }
            ">" | ">=" => {
                let v = self.number_value(
                    &value_token,
                    &format!("Value of {operator} must be numeric"),
                )?;
                let lower = Some(Bound {
                    value: v,
                    inclusive: operator == ">=",
                });
                self.pointer.pop();
                self.pointer.push("2".to_owned());
                let next = self.next()?;
                if next.kind == TokenKind::EndArray {
                    NumericRange { lower, upper: None }
                } else {
                    self.range_top(next, lower)?
                }
            }
            "<" | "<=" => {
                let v = self.number_value(
                    &value_token,
                    &format!("Value of {operator} must be numeric"),
                )?;
                self.expect_numeric_end("Too many elements in numeric expression", 2)?;
                NumericRange {
                    lower: None,
                    upper: Some(Bound {
                        value: v,
                        inclusive: operator == "<=",
                    }),
                }
            }
            _ => {
                self.pointer.pop();
                self.pointer.push("0".to_owned());
                return Err(self.barf(
                    format!("Unrecognized numeric range operator: {operator}"),
                    op_token.span,
                ));
            }
        };
        self.pointer.pop();
        Ok(range)
    }

    fn expect_numeric_end(&mut self, complaint: &str, index: usize) -> Result<()> {
        let token = self.next()?;
        if token.kind != TokenKind::EndArray {
            self.pointer.pop();
            self.pointer.push(index.to_string());
            return Err(self.barf(complaint, token.span));
        }
        Ok(())
    }

    /// The `"<" | "<=", top` half of a two-sided range; `op_token` is the third array element.
    fn range_top(&mut self, op_token: Token, lower: Option<Bound>) -> Result<NumericRange> {
        let TokenKind::String(operator) = &op_token.kind else {
            return Err(self.barf(
                format!("Bad value in numeric range: {}", op_token.jackson_text()),
                op_token.span,
            ));
        };
        if operator != "<" && operator != "<=" {
            return Err(self.barf(
                format!("Bad numeric range operator: {operator}"),
                op_token.span,
            ));
        }
        let inclusive = operator == "<=";
        let complaint = format!("Value of {operator} must be numeric");
        self.pointer.pop();
        self.pointer.push("3".to_owned());
        let top_token = self.next()?;
        let top = self.number_value(&top_token, &complaint)?;
        self.expect_numeric_end("Too many terms in numeric range expression", 4)?;
        let bottom = lower.expect("a range top always follows a bottom").value;
        if bottom >= top {
            return Err(self.barf("Bottom must be less than top", top_token.span));
        }
        Ok(NumericRange {
            lower,
            upper: Some(Bound {
                value: top,
                inclusive,
            }),
        })
    }

    /// The operand of `anything-but`; the key has been read.
    fn anything_but(&mut self) -> Result<Exclusion> {
        const BAD_VALUE: &str =
            "Value of anything-but must be an array or single string/number value.";
        let mut token = self.next()?;
        let mut set_kind = None;
        if token.kind == TokenKind::StartObject {
            let open = token.span;
            let name_token = self.next()?;
            let TokenKind::FieldName(name) = name_token.kind else {
                return Err(self.barf(
                    "Anything-But expression name not found",
                    open.to(name_token.span),
                ));
            };
            set_kind = Some(match name.as_str() {
                "equals-ignore-case" => SetKind::EqualsIgnoreCase,
                "prefix" => SetKind::Prefix,
                "suffix" => SetKind::Suffix,
                "wildcard" => SetKind::Wildcard,
                _ => {
                    return Err(self.barf(
                        format!("Unsupported anything-but pattern: {name}"),
                        name_token.span,
                    ))
                }
            });
            self.pointer.push(name);
            token = self.next()?;
        }
        if !matches!(
            token.kind,
            TokenKind::StartArray | TokenKind::String(_) | TokenKind::Number(_)
        ) {
            return Err(self.barf(BAD_VALUE, token.span));
        }
        let Some(kind) = set_kind else {
            return if token.kind == TokenKind::StartArray {
                self.anything_but_list()
            } else {
                self.anything_but_single(token)
            };
        };
        let values = if token.kind == TokenKind::StartArray {
            self.anything_but_set_list(kind)?
        } else {
            self.anything_but_set_single(token, kind)?
        };
        self.end_of_expression("Too many elements in numeric expression")?;
        self.pointer.pop();
        self.exclusion_of(kind, values)
    }

    fn exclusion_of(&self, kind: SetKind, values: Vec<(String, Span)>) -> Result<Exclusion> {
        let strings = || values.iter().map(|(s, _)| s.clone()).collect();
        Ok(match kind {
            SetKind::Prefix => Exclusion::Prefixes(strings()),
            SetKind::Suffix => Exclusion::Suffixes(strings()),
            SetKind::EqualsIgnoreCase => Exclusion::EqualsIgnoreCase(
                values
                    .iter()
                    .map(|(s, _)| CaseInsensitive::new(s))
                    .collect(),
            ),
            SetKind::Wildcard => {
                let mut parsed = Vec::with_capacity(values.len());
                for (text, span) in &values {
                    parsed.push(Wildcard::parse(text).map_err(|e| self.barf(e.message, *span))?);
                }
                Exclusion::Wildcards(parsed)
            }
        })
    }

    fn anything_but_single(&mut self, token: Token) -> Result<Exclusion> {
        match token.kind {
            TokenKind::String(s) => Ok(Exclusion::Strings(vec![s])),
            TokenKind::Number(n) => match super::comparable_number(&n.literal) {
                Some(v) => Ok(Exclusion::Numbers(vec![v])),
                None => {
                    Err(self.plain(format!("Cannot compare number : {}", n.literal), token.span))
                }
            },
            _ => unreachable!("checked by the caller"),
        }
    }

    fn anything_but_list(&mut self) -> Result<Exclusion> {
        let mut strings = Vec::new();
        let mut numbers = Vec::new();
        let open_end = self.parser.last_end();
        let close = loop {
            let token = self.next()?;
            self.pointer
                .push((strings.len() + numbers.len()).to_string());
            match token.kind {
                TokenKind::EndArray => {
                    self.pointer.pop();
                    break token.span;
                }
                TokenKind::String(s) => strings.push(s),
                TokenKind::Number(n) => match super::comparable_number(&n.literal) {
                    Some(v) => numbers.push(v),
                    None => {
                        return Err(
                            self.barf(format!("Cannot compare number : {}", n.literal), token.span)
                        )
                    }
                },
                _ => {
                    return Err(self.barf_twice(
                        "Inside anything but list, start|null|boolean is not supported.",
                        token.span,
                    ))
                }
            }
            self.pointer.pop();
        };
        if strings.is_empty() == numbers.is_empty() {
            return Err(self.barf(
                "Inside anything but list, either all values are number or string, mixed type is not supported",
                Span::new(open_end - 1, close.end),
            ));
        }
        Ok(if numbers.is_empty() {
            Exclusion::Strings(strings)
        } else {
            Exclusion::Numbers(numbers)
        })
    }

    fn anything_but_set_list(&mut self, kind: SetKind) -> Result<Vec<(String, Span)>> {
        let mut values = Vec::new();
        loop {
            let token = self.next()?;
            self.pointer.push(values.len().to_string());
            match token.kind {
                TokenKind::EndArray => {
                    self.pointer.pop();
                    return Ok(values);
                }
                TokenKind::String(s) => {
                    if s.is_empty() && matches!(kind, SetKind::Prefix | SetKind::Suffix) {
                        return Err(self.barf_twice("Null prefix/suffix not allowed", token.span));
                    }
                    values.push((s, token.span));
                }
                _ => return Err(self.barf_twice(kind.type_error(), token.span)),
            }
            self.pointer.pop();
        }
    }

    fn anything_but_set_single(
        &mut self,
        token: Token,
        kind: SetKind,
    ) -> Result<Vec<(String, Span)>> {
        match token.kind {
            TokenKind::String(s) => {
                if s.is_empty() && matches!(kind, SetKind::Prefix | SetKind::Suffix) {
                    return Err(self.barf("Null prefix/suffix not allowed", token.span));
                }
                Ok(vec![(s, token.span)])
            }
            _ => Err(self.barf(kind.type_error(), token.span)),
        }
    }
}
