//! Array consistency for one sub-rule, the way event-ruler judges it, in time linear in the event.
//!
//! A sub-rule's fields each need one event value that a condition accepts, or (with
//! `exists: false`) may be absent. event-ruler (`ACFinder`) walks the fields in sorted key order
//! (Java `String` order, i.e. UTF-16 code units), carrying the array elements the values chosen so
//! far sit in; a value is only usable if it does not sit in a *different* element of an array
//! already pinned, and an `exists: false` field holds when no value at its path is usable *at that
//! point*, so only the fields sorted before it pin elements for it (`NameState.getNameTransitions`).
//!
//! Trying every choice is exponential, and the plain backtracking search quadratic on long arrays.
//! Instead this is a dynamic program over the tree of array elements that hold relevant values
//! (each element's parent is the element its array sits in; the root stands for "in no array"):
//!
//! * a *state* of a subtree is `(m, u)`: the fields given a value inside it (`m`), and the
//!   `exists: false` fields that still have a value inside it not ruled out by the choices inside
//!   it (`u`);
//! * an element's states combine its own values with, for each array directly in it, the states
//!   of one chosen element of that array (or of none); choosing element `x` of an array rules out
//!   the values in its other elements for every absence field sorted after the first field
//!   chosen in `x`;
//! * states are kept only if no other state is at least as good (more fields given values, fewer
//!   absence fields still seen), and a field whose values all lie inside one array must be given
//!   its value there, which keeps the sets small;
//! * the sub-rule matches if a state at the root gives every field a value or leaves it absent
//!   with no usable value.
//!
//! One event path can be spelt two ways (`{"a.b": …}` and `{"a": {"b": …}}`), so a field may have
//! values under two different children of an element; such fields are tracked exactly (a state
//! records whether they were used, and two children never both use one), which costs more states
//! only for them.

use crate::hash::FastMap;

/// The element standing for "in no array".
pub(crate) const ROOT_ELEMENT: u32 = 0;

/// The tree of array elements of an event.
pub(crate) trait Elements {
    /// The element holding `element`'s array (`ROOT_ELEMENT` at the top); never asked of the root.
    fn parent(&self, element: u32) -> u32;
    /// The array `element` belongs to; never asked of the root.
    fn array(&self, element: u32) -> u32;
}

/// How `exists: false` is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// event-ruler's: only the fields sorted before an absent field pin elements for it.
    Sorted,
    /// Every chosen value pins elements for every absent field (used to explain the difference).
    Independent,
}

/// One sub-rule's question. Fields are numbered in sorted key order.
#[derive(Debug, Default)]
pub(crate) struct Problem {
    /// Per field: may it be absent (`exists: false`)?
    pub may_be_absent: Vec<bool>,
    /// (field, leaf, element) for every accepted value.
    pub candidates: Vec<(u32, u32, u32)>,
    /// (field, element) for every value at the path of a field that may be absent.
    pub present: Vec<(u32, u32)>,
}

impl Problem {
    pub fn clear(&mut self, fields: usize) {
        self.may_be_absent.clear();
        self.may_be_absent.resize(fields, false);
        self.candidates.clear();
        self.present.clear();
    }
}

/// Per field (sorted order): the chosen leaf, or `None` for absent.
pub(crate) type Choices = Vec<Option<u32>>;

/// Reusable working memory.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    common: Common,
    narrow: Typed<u64>,
    wide: Typed<Wide>,
}

#[derive(Debug, Default)]
struct Common {
    /// Node slot by element.
    slots: FastMap<u32, u32>,
    /// Array slot by array id.
    arrays_by_id: FastMap<u32, u32>,
    /// Involved elements, in the order found.
    elements: Vec<u32>,
    witnesses: Vec<Witness>,
    /// Node slots, children before parents.
    descending: Vec<u32>,
}

#[derive(Debug)]
struct Typed<M> {
    nodes: Vec<Node<M>>,
    arrays: Vec<ArrayNode<M>>,
    /// States per array (reused lists).
    pool: Vec<Vec<State<M>>>,
    current: Vec<State<M>>,
    next: Vec<State<M>>,
    options: Vec<State<M>>,
}

impl<M> Default for Typed<M> {
    fn default() -> Typed<M> {
        Typed {
            nodes: Vec::new(),
            arrays: Vec::new(),
            pool: Vec::new(),
            current: Vec::new(),
            next: Vec::new(),
            options: Vec::new(),
        }
    }
}

/// Is there a consistent choice? With `witness`, also which one.
pub(crate) fn solve(
    tree: &impl Elements,
    problem: &Problem,
    order: Order,
    witness: bool,
    scratch: &mut Scratch,
) -> Option<Choices> {
    let fields = problem.may_be_absent.len();
    if fields <= 64 {
        solve_with::<u64>(tree, problem, order, witness, scratch)
    } else {
        assert!(
            fields <= Wide::BITS,
            "a 4096-character pattern has fewer than {} fields",
            Wide::BITS
        );
        solve_with::<Wide>(tree, problem, order, witness, scratch)
    }
}

/// A set of fields.
trait Mask: Copy + Eq + std::fmt::Debug {
    const BITS: usize;
    fn empty() -> Self;
    fn with(self, bit: usize) -> Self;
    fn has(self, bit: usize) -> bool;
    fn or(self, other: Self) -> Self;
    fn and(self, other: Self) -> Self;
    fn not(self) -> Self;
    fn is_empty(self) -> bool;
    /// The bits above the lowest set bit (none when empty).
    fn above_lowest(self) -> Self;
    fn is_subset_of(self, other: Self) -> bool {
        self.and(other.not()).is_empty()
    }
    fn bits(self) -> impl Iterator<Item = usize> {
        (0..Self::BITS).filter(move |&b| self.has(b))
    }
}

impl Mask for u64 {
    const BITS: usize = 64;
    fn empty() -> u64 {
        0
    }
    fn with(self, bit: usize) -> u64 {
        self | 1 << bit
    }
    fn has(self, bit: usize) -> bool {
        self >> bit & 1 == 1
    }
    fn or(self, other: u64) -> u64 {
        self | other
    }
    fn and(self, other: u64) -> u64 {
        self & other
    }
    fn not(self) -> u64 {
        !self
    }
    fn is_empty(self) -> bool {
        self == 0
    }
    fn above_lowest(self) -> u64 {
        let lowest = self & self.wrapping_neg();
        // Zero stays zero: the shifted bit minus one covers the lowest bit and all below it.
        !(lowest << 1).wrapping_sub(1) & if self == 0 { 0 } else { u64::MAX }
    }
}

/// Sets of up to 640 fields (more than a 4096-character pattern can hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Wide([u64; 10]);

impl Mask for Wide {
    const BITS: usize = 640;
    fn empty() -> Wide {
        Wide([0; 10])
    }
    fn with(mut self, bit: usize) -> Wide {
        self.0[bit / 64] |= 1 << (bit % 64);
        self
    }
    fn has(self, bit: usize) -> bool {
        self.0[bit / 64] >> (bit % 64) & 1 == 1
    }
    fn or(mut self, other: Wide) -> Wide {
        self.0.iter_mut().zip(other.0).for_each(|(a, b)| *a |= b);
        self
    }
    fn and(mut self, other: Wide) -> Wide {
        self.0.iter_mut().zip(other.0).for_each(|(a, b)| *a &= b);
        self
    }
    fn not(mut self) -> Wide {
        self.0.iter_mut().for_each(|a| *a = !*a);
        self
    }
    fn is_empty(self) -> bool {
        self.0.iter().all(|&a| a == 0)
    }
    fn above_lowest(self) -> Wide {
        let mut out = Wide::empty();
        let Some(first) = self.0.iter().position(|&a| a != 0) else {
            return out;
        };
        out.0[first] = self.0[first].above_lowest();
        for word in &mut out.0[first + 1..] {
            *word = u64::MAX;
        }
        out
    }
}

/// How a state came about, for the witness: a tree of joins over the values taken at elements.
#[derive(Debug, Clone, Copy)]
enum Witness {
    Nothing,
    /// Fields given their first value at this node (by field bits, stored per node).
    Own {
        node: u32,
        field: u32,
    },
    Join(u32, u32),
}

#[derive(Debug, Clone, Copy)]
struct State<M> {
    /// Fields given a value.
    given: M,
    /// Absence fields with a value not ruled out.
    seen: M,
    witness: u32,
}

#[derive(Debug, Clone)]
struct Node<M> {
    element: u32,
    /// Slot of the array this element belongs to (`u32::MAX` for the root).
    array: u32,
    /// Fields with an accepted value directly in this element.
    own_given: M,
    /// Absence fields with a value directly in this element.
    own_seen: M,
    /// Fields with an accepted value in this element's subtree.
    given_below: M,
    /// Absence fields with a value in this element's subtree.
    seen_below: M,
    /// First array directly in this element (slot), then `ArrayNode::next`.
    first_array: u32,
}

#[derive(Debug, Clone)]
struct ArrayNode<M> {
    /// Fields with an accepted value in some element.
    given: M,
    /// Absence fields with a value in some element / in two or more elements.
    seen_once: M,
    seen_twice: M,
    next: u32,
    /// Index into the state pool.
    states: u32,
}

const NONE: u32 = u32::MAX;

trait Pools: Mask {
    fn split(scratch: &mut Scratch) -> (&mut Common, &mut Typed<Self>);
}

impl Pools for u64 {
    fn split(s: &mut Scratch) -> (&mut Common, &mut Typed<u64>) {
        (&mut s.common, &mut s.narrow)
    }
}

impl Pools for Wide {
    fn split(s: &mut Scratch) -> (&mut Common, &mut Typed<Wide>) {
        (&mut s.common, &mut s.wide)
    }
}

/// Does `a` make `b` useless? Ambiguous fields must agree, as they constrain the partners.
fn dominates<M: Mask>(a: &State<M>, b: &State<M>, ambiguous: M) -> bool {
    a.given.and(ambiguous) == b.given.and(ambiguous)
        && b.given.is_subset_of(a.given)
        && a.seen.is_subset_of(b.seen)
}

fn insert<M: Mask>(states: &mut Vec<State<M>>, state: State<M>, ambiguous: M) {
    if states.iter().any(|s| dominates(s, &state, ambiguous)) {
        return;
    }
    states.retain(|s| !dominates(&state, s, ambiguous));
    states.push(state);
}

fn solve_with<M: Pools>(
    tree: &impl Elements,
    problem: &Problem,
    order: Order,
    want_witness: bool,
    scratch: &mut Scratch,
) -> Option<Choices> {
    let fields = problem.may_be_absent.len();
    let mut absent_ok = M::empty();
    let mut all = M::empty();
    for (field, &may) in problem.may_be_absent.iter().enumerate() {
        all = all.with(field);
        if may {
            absent_ok = absent_ok.with(field);
        }
    }
    let mut has_value = M::empty();
    for &(field, _, _) in &problem.candidates {
        has_value = has_value.with(field as usize);
    }
    if !all.is_subset_of(has_value.or(absent_ok)) {
        return None;
    }
    let required = absent_ok.not().and(all);
    // No absence to judge and at most one field without a value outside arrays: that field
    // takes any of its values, the others one outside arrays, and nothing can clash.
    if problem.present.is_empty() {
        let mut at_root = M::empty();
        for &(field, _, element) in &problem.candidates {
            if element == ROOT_ELEMENT {
                at_root = at_root.with(field as usize);
            }
        }
        let only_in_arrays = has_value.and(at_root.not());
        // (Fields without values may be absent, checked above, and have nothing to see.)
        if only_in_arrays.and(only_in_arrays.above_lowest()).is_empty() {
            let mut chosen = Vec::new();
            if want_witness {
                chosen.resize(fields, None);
                for &(field, leaf, element) in &problem.candidates {
                    let slot = &mut chosen[field as usize];
                    if slot.is_none()
                        && (element == ROOT_ELEMENT || only_in_arrays.has(field as usize))
                    {
                        *slot = Some(leaf);
                    }
                }
            }
            return Some(chosen);
        }
    }
    // Nothing in an array: every value is usable, whatever was chosen.
    if problem.candidates.iter().all(|c| c.2 == ROOT_ELEMENT)
        && problem.present.iter().all(|p| p.1 == ROOT_ELEMENT)
    {
        let mut seen = M::empty();
        for &(field, _) in &problem.present {
            seen = seen.with(field as usize);
        }
        let left = all.and(has_value.not());
        if !left.and(seen).is_empty() {
            return None;
        }
        let mut chosen = Vec::new();
        if want_witness {
            chosen.resize(fields, None);
            for &(field, leaf, _) in &problem.candidates {
                chosen[field as usize].get_or_insert(leaf);
            }
        }
        return Some(chosen);
    }

    // The elements involved and their ancestors, each once.
    let (common, typed) = M::split(scratch);
    let Common {
        slots,
        arrays_by_id,
        elements,
        witnesses,
        descending,
    } = common;
    let Typed {
        nodes,
        arrays,
        pool,
        current,
        next,
        options,
    } = typed;
    slots.clear();
    arrays_by_id.clear();
    elements.clear();
    witnesses.clear();
    witnesses.push(Witness::Nothing);
    let mut involve = |mut element: u32| loop {
        if slots.contains_key(&element) {
            return;
        }
        slots.insert(element, elements.len() as u32);
        elements.push(element);
        if element == ROOT_ELEMENT {
            return;
        }
        element = tree.parent(element);
    };
    involve(ROOT_ELEMENT);
    for &(_, _, element) in &problem.candidates {
        involve(element);
    }
    for &(_, element) in &problem.present {
        involve(element);
    }
    let count = elements.len();
    nodes.clear();
    arrays.clear();
    for &element in elements.iter() {
        nodes.push(Node {
            element,
            array: NONE,
            own_given: M::empty(),
            own_seen: M::empty(),
            given_below: M::empty(),
            seen_below: M::empty(),
            first_array: NONE,
        });
    }
    for slot in 0..count {
        let element = nodes[slot].element;
        if element == ROOT_ELEMENT {
            continue;
        }
        let id = tree.array(element);
        let array = match arrays_by_id.get(&id) {
            Some(&a) => a,
            None => {
                let a = arrays.len() as u32;
                let parent = slots[&tree.parent(element)] as usize;
                match pool.get_mut(a as usize) {
                    Some(list) => list.clear(),
                    None => pool.push(Vec::new()),
                }
                arrays.push(ArrayNode {
                    given: M::empty(),
                    seen_once: M::empty(),
                    seen_twice: M::empty(),
                    next: nodes[parent].first_array,
                    states: a,
                });
                nodes[parent].first_array = a;
                arrays_by_id.insert(id, a);
                a
            }
        };
        nodes[slot].array = array;
    }
    for &(field, _, element) in &problem.candidates {
        let slot = slots[&element] as usize;
        nodes[slot].own_given = nodes[slot].own_given.with(field as usize);
    }
    for &(field, element) in &problem.present {
        let slot = slots[&element] as usize;
        nodes[slot].own_seen = nodes[slot].own_seen.with(field as usize);
    }
    // Children before parents: an element's id is larger than its parent's.
    descending.clear();
    descending.extend(0..count as u32);
    crate::sort::unstable_by_key(descending, |&slot| {
        std::cmp::Reverse(nodes[slot as usize].element)
    });

    // First pass: what lies below each element and array, and which fields are ambiguous.
    let mut ambiguous = M::empty();
    for &slot in descending.iter() {
        let slot = slot as usize;
        let mut given = nodes[slot].own_given;
        let mut seen = nodes[slot].own_seen;
        let mut a = nodes[slot].first_array;
        while a != NONE {
            let array = &arrays[a as usize];
            ambiguous = ambiguous.or(given.and(array.given));
            given = given.or(array.given);
            seen = seen.or(array.seen_once);
            a = array.next;
        }
        nodes[slot].given_below = given;
        nodes[slot].seen_below = seen;
        let a = nodes[slot].array;
        if a != NONE {
            let array = &mut arrays[a as usize];
            array.seen_twice = array.seen_twice.or(array.seen_once.and(seen));
            array.seen_once = array.seen_once.or(seen);
            array.given = array.given.or(given);
        }
    }

    // Second pass: the states of every element, folded into its array.
    let join = |witnesses: &mut Vec<Witness>, a: u32, b: u32| -> u32 {
        if !want_witness || a == 0 {
            return b;
        }
        if b == 0 {
            return a;
        }
        witnesses.push(Witness::Join(a, b));
        witnesses.len() as u32 - 1
    };
    for &slot in descending.iter() {
        let slot = slot as usize;
        let node = nodes[slot].clone();
        // This element's own values: fields used only here are always taken (they pin nothing
        // the element's choice does not pin already); ambiguous ones may be left to a sibling.
        current.clear();
        let plain = node.own_given.and(ambiguous.not());
        let mut witness = 0;
        if want_witness {
            for field in plain.bits() {
                witnesses.push(Witness::Own {
                    node: node.element,
                    field: field as u32,
                });
                let own = witnesses.len() as u32 - 1;
                witness = join(witnesses, witness, own);
            }
        }
        current.push(State {
            given: plain,
            seen: node.own_seen,
            witness,
        });
        for field in node.own_given.and(ambiguous).bits() {
            let mut own = 0;
            if want_witness {
                witnesses.push(Witness::Own {
                    node: node.element,
                    field: field as u32,
                });
                own = witnesses.len() as u32 - 1;
            }
            let with: Vec<State<M>> = current
                .iter()
                .map(|s| State {
                    given: s.given.with(field),
                    seen: s.seen,
                    witness: join(witnesses, s.witness, own),
                })
                .collect();
            for s in with {
                insert(current, s, ambiguous);
            }
        }
        // Each array directly in this element: one element's states, or none of them.
        let mut a = node.first_array;
        while a != NONE {
            let array = &arrays[a as usize];
            options.clear();
            options.extend_from_slice(&pool[array.states as usize]);
            // Choosing no element: possible unless a field must take its value in this array.
            if array.given.and(required).and(ambiguous.not()).is_empty() {
                insert(
                    options,
                    State {
                        given: M::empty(),
                        seen: array.seen_once,
                        witness: 0,
                    },
                    ambiguous,
                );
            }
            next.clear();
            for left in current.iter() {
                for right in options.iter() {
                    if !left.given.and(right.given).is_empty() {
                        continue;
                    }
                    let witness = join(witnesses, left.witness, right.witness);
                    insert(
                        next,
                        State {
                            given: left.given.or(right.given),
                            seen: left.seen.or(right.seen),
                            witness,
                        },
                        ambiguous,
                    );
                }
            }
            std::mem::swap(current, next);
            a = array.next;
        }
        if node.array == NONE {
            // The root: every field has a value or may be, and is, absent.
            let done = current.iter().find(|s| {
                let left = all.and(s.given.not());
                left.is_subset_of(absent_ok) && left.and(s.seen).is_empty()
            })?;
            return Some(if want_witness {
                choices(done.witness, witnesses, problem, fields)
            } else {
                Vec::new()
            });
        }
        // Into this element's array: choosing it rules out the values in the array's other
        // elements for the absence fields it pins (those sorted after its first given field).
        let array = &arrays[node.array as usize];
        let others = array
            .seen_twice
            .or(array.seen_once.and(node.seen_below.not()));
        let must = array.given.and(required).and(ambiguous.not());
        let states = &mut pool[array.states as usize];
        for s in current.iter() {
            if !must.is_subset_of(s.given) {
                continue;
            }
            let pinned = match order {
                Order::Sorted => s.given.above_lowest(),
                Order::Independent if s.given.is_empty() => M::empty(),
                Order::Independent => all,
            };
            insert(
                states,
                State {
                    given: s.given,
                    seen: s.seen.or(others.and(pinned.not())),
                    witness: s.witness,
                },
                ambiguous,
            );
        }
    }
    unreachable!("the root element is always involved")
}

/// Reads the chosen leaf of every field out of a witness.
fn choices(root: u32, witnesses: &[Witness], problem: &Problem, fields: usize) -> Choices {
    let mut chosen: Vec<Option<u32>> = vec![None; fields];
    let mut wanted: FastMap<(u32, u32), usize> = FastMap::default();
    let mut stack = vec![root];
    while let Some(w) = stack.pop() {
        match witnesses[w as usize] {
            Witness::Nothing => {}
            Witness::Own { node, field } => {
                wanted.insert((node, field), field as usize);
            }
            Witness::Join(a, b) => {
                stack.push(a);
                stack.push(b);
            }
        }
    }
    // The first accepted value of each field at its element.
    for &(field, leaf, element) in &problem.candidates {
        if let Some(&f) = wanted.get(&(element, field)) {
            if chosen[f].is_none() {
                chosen[f] = Some(leaf);
            }
        }
    }
    chosen
}
