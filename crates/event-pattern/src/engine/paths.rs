//! The key automaton: one state per field path that some rule mentions (or leads to).
//!
//! Events are flattened into dot-joined paths, so an event key may contain dots (`"a.b"` is the
//! same path as `{"a":{"b"}}`). A state is therefore a path *string* `P` that is either a rule's
//! field path or a proper prefix of one that ends right before a dot; reading key `K` at the top
//! moves to the state named `K`, and in state `P` to the state named `P.K` (also when `P` is the
//! empty key: event-ruler flattens `{"": {"a": 1}}` to `.a`). The top itself is not a path. Each
//! state lists all keys leading from it to another state, so an event key is one table lookup, and
//! a key that leads nowhere means the whole value can be skipped unread.

use crate::hash::FastMap;
use std::collections::BTreeMap;

pub(super) type NodeId = u32;

/// The top of the event, before any key (not the state of the empty key `""`).
pub(super) const ROOT: NodeId = 0;

/// Past this many children a state looks keys up in a hash table instead of comparing in turn.
const LINEAR_CHILDREN: usize = 8;

#[derive(Debug, Clone, Default)]
pub(super) struct PathNode {
    few: Vec<(Box<[u8]>, NodeId)>,
    many: Option<FastMap<Box<[u8]>, NodeId>>,
    /// Index of this path's value matcher, when some rule has a field here.
    pub matcher: Option<u32>,
}

impl PathNode {
    #[inline]
    pub fn child(&self, key: &[u8]) -> Option<NodeId> {
        match &self.many {
            Some(map) => map.get(key).copied(),
            // Keys are short: comparing in place beats calling memcmp.
            None => self
                .few
                .iter()
                .find(|(k, _)| k.len() == key.len() && k.iter().zip(key).all(|(a, b)| a == b))
                .map(|&(_, id)| id),
        }
    }

    pub fn has_children(&self) -> bool {
        !self.few.is_empty() || self.many.as_ref().is_some_and(|m| !m.is_empty())
    }

    fn add_child(&mut self, key: &[u8], id: NodeId) {
        if let Some(map) = &mut self.many {
            map.insert(key.into(), id);
            return;
        }
        if self.few.iter().any(|(k, _)| **k == *key) {
            return;
        }
        self.few.push((key.into(), id));
        if self.few.len() > LINEAR_CHILDREN {
            self.many = Some(std::mem::take(&mut self.few).into_iter().collect());
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct PathTrie {
    nodes: Vec<PathNode>,
    /// Every state but the top by its path string (ordered, to find the states below a new one).
    by_path: BTreeMap<String, NodeId>,
}

impl Default for PathTrie {
    fn default() -> PathTrie {
        PathTrie {
            nodes: vec![PathNode::default()],
            by_path: BTreeMap::new(),
        }
    }
}

impl PathTrie {
    #[inline]
    pub fn node(&self, id: NodeId) -> &PathNode {
        &self.nodes[id as usize]
    }

    pub fn node_mut(&mut self, id: NodeId) -> &mut PathNode {
        &mut self.nodes[id as usize]
    }

    /// The state for a rule's field path, creating it and the states leading to it.
    pub fn insert(&mut self, path: &str) -> NodeId {
        // States along the path: every prefix ending right before a dot, then the path itself.
        for (i, byte) in path.bytes().enumerate() {
            if byte == b'.' {
                self.ensure(&path[..i]);
            }
        }
        self.ensure(path)
    }

    fn ensure(&mut self, path: &str) -> NodeId {
        if let Some(&id) = self.by_path.get(path) {
            return id;
        }
        let id = NodeId::try_from(self.nodes.len()).expect("fewer than 2^32 path states");
        self.nodes.push(PathNode::default());
        self.by_path.insert(path.to_owned(), id);
        // From the top, the key is the whole path.
        self.nodes[ROOT as usize].add_child(path.as_bytes(), id);
        // From each shorter state P (a prefix ending before a dot), the key is what follows "P.".
        for (i, byte) in path.bytes().enumerate() {
            if byte == b'.' {
                if let Some(&parent) = self.by_path.get(&path[..i]) {
                    self.nodes[parent as usize].add_child(&path.as_bytes()[i + 1..], id);
                }
            }
        }
        // States created earlier that lie below this one.
        let below = format!("{path}.");
        let deeper: Vec<(String, NodeId)> = self
            .by_path
            .range(below.clone()..)
            .take_while(|(p, _)| p.starts_with(&below))
            .map(|(p, &n)| (p.clone(), n))
            .collect();
        for (deeper_path, deeper_id) in deeper {
            self.nodes[id as usize].add_child(&deeper_path.as_bytes()[below.len()..], deeper_id);
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(trie: &PathTrie, keys: &[&str]) -> Option<NodeId> {
        keys.iter()
            .try_fold(ROOT, |id, key| trie.node(id).child(key.as_bytes()))
    }

    #[test]
    fn keys_with_dots_reach_the_same_state_as_nesting() {
        let mut trie = PathTrie::default();
        let target = trie.insert("detail.state.status");
        let table: [(&[&str], bool); 7] = [
            (&["detail", "state", "status"], true),
            (&["detail", "state.status"], true),
            (&["detail.state", "status"], true),
            (&["detail.state.status"], true),
            (&["", "detail", "state.status"], false),
            (&["detail", "status"], false),
            (&["detail", "state", "status", "x"], false),
        ];
        for (keys, reaches) in table {
            assert_eq!(walk(&trie, keys) == Some(target), reaches, "{keys:?}");
        }
    }

    #[test]
    fn states_added_later_connect_to_earlier_ones_in_both_directions() {
        let mut trie = PathTrie::default();
        let deep = trie.insert("a.b.c");
        let mid = trie.insert("a.b");
        assert_eq!(walk(&trie, &["a", "b"]), Some(mid));
        assert_eq!(walk(&trie, &["a.b", "c"]), Some(deep));
        let doubled = trie.insert("a..b");
        assert_eq!(walk(&trie, &["a", "", "b"]), Some(doubled));
        assert_eq!(walk(&trie, &["a", ".b"]), Some(doubled));
    }

    /// event-ruler flattens `{"": {"a": 1}}` to `.a`, not `a`: the empty key is a step.
    #[test]
    fn regression_the_empty_key_is_a_step() {
        let mut trie = PathTrie::default();
        let plain = trie.insert("a");
        let dotted = trie.insert(".a");
        let empty = trie.insert("");
        assert_eq!(walk(&trie, &["", "a"]), Some(dotted));
        assert_eq!(walk(&trie, &[".a"]), Some(dotted));
        assert_eq!(walk(&trie, &["a"]), Some(plain));
        assert_eq!(walk(&trie, &[""]), Some(empty));
        assert_ne!(empty, ROOT);
    }

    #[test]
    fn many_children_switch_to_a_table() {
        let mut trie = PathTrie::default();
        let ids: Vec<NodeId> = (0..50).map(|i| trie.insert(&format!("k{i}"))).collect();
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(walk(&trie, &[&format!("k{i}")]), Some(*id));
        }
        assert_eq!(walk(&trie, &["k50"]), None);
    }
}
