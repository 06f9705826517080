//! The sample event as a tree of clickable values, for building a pattern from it.
//!
//! The tree is flattened into rows (with a depth for indentation) by an explicit stack, so a
//! deeply nested event can neither overflow the stack nor make the page render thousands of
//! nested elements.

use event_pattern::json::{self, Value, ValueKind};

use super::pattern_builder::ScalarKind;

/// Rows beyond this are not shown (a real event is at most 256 KB; the first values are the
/// interesting ones).
pub const MAX_TREE_ROWS: usize = 800;
/// Containers nested deeper than this are shown collapsed.
pub const MAX_TREE_DEPTH: usize = 24;
/// Long strings are cut to this many characters in the tree (the builder keeps the whole value).
const SHOWN_CHARS: usize = 60;

/// Where a row sits in its parent.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RowLabel {
    Root,
    Key(String),
    Index(usize),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RowContent {
    Object {
        members: usize,
    },
    Array {
        elements: usize,
    },
    /// A container below [`MAX_TREE_DEPTH`], not opened.
    Collapsed,
    Leaf(Leaf),
}

/// A scalar value of the event.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Leaf {
    pub kind: ScalarKind,
    /// The value as the tree shows it (JSON text, long strings shortened).
    pub shown: String,
    /// The value for the pattern builder: a string's whole content, or the literal.
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TreeRow {
    pub depth: usize,
    pub label: RowLabel,
    pub content: RowContent,
    /// Object keys from the root; array positions are left out, as patterns see through arrays.
    pub path: Vec<String>,
}

impl TreeRow {
    pub fn dotted_path(&self) -> String {
        self.path.join(".")
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventTree {
    pub rows: Vec<TreeRow>,
    /// True when rows were left out because of [`MAX_TREE_ROWS`].
    pub truncated: bool,
}

/// The rows of the event `text`; `None` when the text is not JSON (the editor says why).
pub fn event_tree(text: &str) -> Option<EventTree> {
    let root = json::parse(text).ok()?;
    let mut rows = Vec::new();
    let mut truncated = false;
    // Children are pushed in reverse so they come off the stack in document order.
    let mut stack: Vec<(&Value, usize, RowLabel, Vec<String>)> =
        vec![(&root, 0, RowLabel::Root, Vec::new())];
    while let Some((value, depth, label, path)) = stack.pop() {
        if rows.len() == MAX_TREE_ROWS {
            truncated = true;
            break;
        }
        let content = match &value.kind {
            ValueKind::Object(_) | ValueKind::Array(_) if depth >= MAX_TREE_DEPTH => {
                RowContent::Collapsed
            }
            ValueKind::Object(members) => {
                for member in members.iter().rev() {
                    let mut child_path = path.clone();
                    child_path.push(member.key.clone());
                    stack.push((
                        &member.value,
                        depth + 1,
                        RowLabel::Key(member.key.clone()),
                        child_path,
                    ));
                }
                RowContent::Object {
                    members: members.len(),
                }
            }
            ValueKind::Array(items) => {
                for (index, item) in items.iter().enumerate().rev() {
                    stack.push((item, depth + 1, RowLabel::Index(index), path.clone()));
                }
                RowContent::Array {
                    elements: items.len(),
                }
            }
            ValueKind::String(s) => RowContent::Leaf(Leaf {
                kind: ScalarKind::String,
                shown: shorten_quoted(s),
                value: s.clone(),
            }),
            ValueKind::Number(n) => RowContent::Leaf(Leaf {
                kind: ScalarKind::Number,
                shown: n.literal().to_owned(),
                value: n.literal().to_owned(),
            }),
            ValueKind::Bool(b) => RowContent::Leaf(Leaf {
                kind: ScalarKind::Boolean,
                shown: b.to_string(),
                value: b.to_string(),
            }),
            ValueKind::Null => RowContent::Leaf(Leaf {
                kind: ScalarKind::Null,
                shown: "null".to_owned(),
                value: "null".to_owned(),
            }),
        };
        rows.push(TreeRow {
            depth,
            label,
            content,
            path,
        });
    }
    Some(EventTree { rows, truncated })
}

fn shorten_quoted(s: &str) -> String {
    if s.chars().count() <= SHOWN_CHARS {
        return json::quote(s);
    }
    let head: String = s.chars().take(SHOWN_CHARS).collect();
    format!("{}…", json::quote(&head))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(tree: &EventTree) -> Vec<(usize, String, String)> {
        tree.rows
            .iter()
            .map(|row| {
                let label = match &row.label {
                    RowLabel::Root => "$".to_owned(),
                    RowLabel::Key(k) => k.clone(),
                    RowLabel::Index(i) => format!("[{i}]"),
                };
                let content = match &row.content {
                    RowContent::Object { members } => format!("{{{members}}}"),
                    RowContent::Array { elements } => format!("[{elements}]"),
                    RowContent::Collapsed => "…".to_owned(),
                    RowContent::Leaf(leaf) => format!("{} @ {}", leaf.shown, row.dotted_path()),
                };
                (row.depth, label, content)
            })
            .collect()
    }

    #[test]
    fn rows_follow_document_order_and_paths_skip_array_positions() {
        let tree = event_tree(
            r#"{"source":"shop","detail":{"items":[{"sku":"A"},{"sku":"B"}],"n":1.50,"ok":true,"x":null}}"#,
        )
        .unwrap();
        let expected: Vec<(usize, String, String)> = [
            (0, "$", "{2}"),
            (1, "source", "\"shop\" @ source"),
            (1, "detail", "{4}"),
            (2, "items", "[2]"),
            (3, "[0]", "{1}"),
            (4, "sku", "\"A\" @ detail.items.sku"),
            (3, "[1]", "{1}"),
            (4, "sku", "\"B\" @ detail.items.sku"),
            (2, "n", "1.50 @ detail.n"),
            (2, "ok", "true @ detail.ok"),
            (2, "x", "null @ detail.x"),
        ]
        .into_iter()
        .map(|(d, l, c)| (d, l.to_owned(), c.to_owned()))
        .collect();
        assert_eq!(summary(&tree), expected);
        assert!(!tree.truncated);
    }

    #[test]
    fn leaves_keep_the_whole_value_for_the_builder_but_show_it_shortened() {
        let long = "x".repeat(200);
        let tree = event_tree(&format!(r#"{{"k":"{long}"}}"#)).unwrap();
        let RowContent::Leaf(leaf) = &tree.rows[1].content else {
            panic!("a leaf")
        };
        assert_eq!(leaf.value, long);
        assert!(leaf.shown.ends_with('…'));
        assert!(leaf.shown.chars().count() < 70);
    }

    #[test]
    fn not_json_gives_no_tree() {
        for text in ["", "{", "{} x", "nope"] {
            assert_eq!(event_tree(text), None, "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_collapsed_and_wide_events_are_truncated() {
        let deep = format!("{}1{}", "[".repeat(900), "]".repeat(900));
        let tree = event_tree(&deep).unwrap();
        assert_eq!(tree.rows.len(), MAX_TREE_DEPTH + 1);
        assert_eq!(tree.rows.last().unwrap().content, RowContent::Collapsed);

        let wide = format!(
            "{{{}}}",
            (0..5000)
                .map(|i| format!("\"k{i}\":{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        let tree = event_tree(&wide).unwrap();
        assert_eq!(tree.rows.len(), MAX_TREE_ROWS);
        assert!(tree.truncated);
    }

    #[test]
    fn hostile_strings_are_kept_as_data() {
        let tree =
            event_tree(r#"{"<img src=x onerror=alert(1)>":"<script>alert(1)</script>"}"#).unwrap();
        assert_eq!(
            tree.rows[1].label,
            RowLabel::Key("<img src=x onerror=alert(1)>".into())
        );
        let RowContent::Leaf(leaf) = &tree.rows[1].content else {
            panic!("a leaf")
        };
        assert_eq!(leaf.value, "<script>alert(1)</script>");
    }
}
