//! What a generated file contains, for the generator's summary.

use crate::{Feature, Geometry};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Counts gathered while features are written.
#[derive(Debug, Clone, Default)]
pub struct FeatureStats {
    pub lines: usize,
    /// Bytes of JSON, line breaks not counted.
    pub bytes: usize,
    pub shortest_line: usize,
    pub longest_line: usize,
    pub multipolygons: usize,
    pub vertices: usize,
    street_counts: HashMap<&'static str, usize>,
    street_type_counts: HashMap<Option<&'static str>, usize>,
    map_block_lots: HashSet<String>,
}

impl FeatureStats {
    /// Adds one feature whose JSON line is `line_length` bytes long.
    pub fn record(&mut self, feature: &Feature, line_length: usize) {
        self.shortest_line = if self.lines == 0 {
            line_length
        } else {
            self.shortest_line.min(line_length)
        };
        self.longest_line = self.longest_line.max(line_length);
        self.lines += 1;
        self.bytes += line_length;
        if matches!(feature.geometry, Geometry::MultiPolygon(_)) {
            self.multipolygons += 1;
        }
        self.vertices += feature.geometry.vertex_count();
        *self.street_counts.entry(feature.street).or_default() += 1;
        *self
            .street_type_counts
            .entry(feature.street_type)
            .or_default() += 1;
        if !self.map_block_lots.contains(&feature.map_block_lot) {
            self.map_block_lots.insert(feature.map_block_lot.clone());
        }
    }

    pub fn distinct_streets(&self) -> usize {
        self.street_counts.len()
    }

    pub fn distinct_map_block_lots(&self) -> usize {
        self.map_block_lots.len()
    }

    /// Lots per street, most first (ties by name so the order is stable).
    pub fn streets_by_count(&self) -> Vec<(&'static str, usize)> {
        let mut streets: Vec<(&'static str, usize)> =
            self.street_counts.iter().map(|(&s, &n)| (s, n)).collect();
        streets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        streets
    }

    /// Lots per `ST_TYPE` (`None` for null), most first.
    pub fn street_types_by_count(&self) -> Vec<(Option<&'static str>, usize)> {
        let mut types: Vec<(Option<&'static str>, usize)> = self
            .street_type_counts
            .iter()
            .map(|(&t, &n)| (t, n))
            .collect();
        types.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        types
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

impl fmt::Display for FeatureStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let average = if self.lines == 0 {
            0.0
        } else {
            self.bytes as f64 / self.lines as f64
        };
        writeln!(
            f,
            "lines: {}  bytes: {} (+{} line breaks)  per line: avg {:.0}, min {}, max {}",
            self.lines, self.bytes, self.lines, average, self.shortest_line, self.longest_line
        )?;
        writeln!(
            f,
            "MultiPolygons: {}  vertices: {} (avg {:.1} per lot)  distinct MAPBLKLOT: {}  distinct streets: {}",
            self.multipolygons,
            self.vertices,
            if self.lines == 0 { 0.0 } else { self.vertices as f64 / self.lines as f64 },
            self.distinct_map_block_lots(),
            self.distinct_streets()
        )?;
        let types: Vec<String> = self
            .street_types_by_count()
            .iter()
            .map(|&(kind, n)| {
                format!(
                    "{} {n} ({:.1}%)",
                    kind.unwrap_or("null"),
                    percent(n, self.lines)
                )
            })
            .collect();
        writeln!(f, "ST_TYPE: {}", types.join(", "))?;
        let streets: Vec<String> = self
            .streets_by_count()
            .iter()
            .take(12)
            .map(|&(street, n)| format!("{street} {n}"))
            .collect();
        write!(f, "top streets: {}", streets.join(", "))
    }
}
