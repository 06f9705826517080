//! Generated stand-ins for San Francisco's *citylots2* GeoJSON file, the data set event matchers
//! (event-ruler, quamina) are usually benchmarked on. The real file cannot be fetched here, so this
//! crate writes features of the same shape, one JSON object per line, deterministically:
//!
//! ```text
//! {"type":"Feature","properties":{"MAPBLKLOT":"1430022","BLKLOT":"1430022","BLOCK_NUM":"1430",
//!  "LOT_NUM":"022","FROM_ST":"441","TO_ST":"445","STREET":"FULTON","ST_TYPE":"ST","ODD_EVEN":"O"},
//!  "geometry":{"type":"Polygon","coordinates":[[{"x":-122.4…,"y":37.7…,"z":0},…]],
//!  "firstCoordinates":{"x":-122.4…,"y":37.7…,"z":0}}}
//! ```
//!
//! Value distributions are tuned so that the 14 rule families of event-ruler's citylots2 benchmark
//! select about the fractions they select on the real file (see `streets` for how).
//!
//! ```
//! let lines: Vec<String> = citylots::Generator::new(3).map(|f| f.to_json()).collect();
//! assert_eq!(lines.len(), 3);
//! assert!(lines[0].starts_with(r#"{"type":"Feature","properties":{"MAPBLKLOT":"#));
//! assert_eq!(lines, citylots::lines(3)); // deterministic
//! ```
#![forbid(unsafe_code)]

mod feature;
mod rng;
mod stats;
pub mod streets;

pub use feature::{Feature, Geometry, Point};
pub use stats::FeatureStats;

use rng::SplitMix64;
use std::io::{self, Write};
use streets::{
    OTHER_STREETS, OTHER_STREETS_SKEW, PINNED_STREETS, REAL_LOT_COUNT, STREET_TYPES, UNKNOWN_STREET,
};

/// Lines in the real citylots2 file, and the default size of a generated one.
pub const DEFAULT_LINES: usize = 213_068;

/// The fixed seed: every run writes the same file.
const SEED: u64 = 0x5F_C17E_2024;

/// An x coordinate the COMPLEX_ARRAYS and NUMERIC families test for equality: a vertex shared by
/// one condominium building's units and by two neighbouring lots, where it is the first vertex.
pub const SHARED_VERTEX_X: f64 = -122.42916360922355;

/// A y coordinate that one MultiPolygon has (COMPLEX_ARRAYS rule 2 finds exactly that lot).
pub const MULTIPOLYGON_VERTEX_Y: f64 = 37.729900216217324;

/// Cut points of the x distribution: the bounds used by the numeric rule families.
const X_WEST_CUT: f64 = -122.46471267081272;
const X_MIDDLE_CUT: f64 = -122.41600944012424;
const X_EAST_CUT: f64 = -122.4063085128395;
const X_MIN: f64 = -122.52;
const X_MAX: f64 = -122.35;

/// How lot centres spread over the x bands [X_MIN, WEST), [WEST, MIDDLE), [MIDDLE, EAST),
/// [EAST, X_MAX], in lots per 213,068: on the real file about 70 % of lots lie west of the
/// middle cut and 60 % between the west and east cuts.
const X_BAND_WEIGHTS: [u64; 4] = [36_800, 112_130, 14_900, 49_238];

/// Lots whose MAPBLKLOT the EXACT family names, repeated the way condominium units share one map
/// lot: (MAPBLKLOT, units per 213,068 lots).
const CONDO_BUILDINGS: [(&str, u64); 4] = [
    ("3745012", 655),
    ("2607117", 101),
    ("2607218", 35),
    // The units sharing `SHARED_VERTEX_X` (not the first vertex); 216 + 2 lots = 218 on the real file.
    ("0658031", 216),
];

/// Share of lots per thousand of block numbers (0xxx … 7xxx, the last running to 7599): the
/// Richmond, the Sunset and the Excelsior have many small lots.
const BLOCK_THOUSANDS: [u64; 8] = [7, 17, 20, 16, 8, 12, 13, 7];

/// MultiPolygons per 213,068 lots besides the one planted with `MULTIPOLYGON_VERTEX_Y` (120 in all).
const MULTIPOLYGONS: u64 = 119;

/// How often the house number is exactly "441" (the ANYTHING_BUT families exclude it).
const FROM_STREET_441: u64 = 2_453;

/// Lots that appear exactly once, at a fixed fraction (per million) of the file.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Planted {
    Lot1430022,
    VacatedStreet,
    SharedFirstVertex,
    MultiPolygonVertexY,
}

const PLANTED: [(u64, Planted); 5] = [
    (130_000, Planted::Lot1430022),
    (250_000, Planted::SharedFirstVertex),
    (470_000, Planted::VacatedStreet),
    (600_000, Planted::MultiPolygonVertexY),
    (750_000, Planted::SharedFirstVertex),
];

/// What a line of the file is, before its values are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum LineKind {
    Planted(Planted),
    /// A unit of `CONDO_BUILDINGS[n]`.
    CondoUnit(usize),
    MultiPolygon,
    Ordinary,
}

/// A weighted choice among values, by cumulative weights.
#[derive(Debug, Clone)]
struct WeightedTable<T> {
    values: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Copy> WeightedTable<T> {
    fn new(entries: impl IntoIterator<Item = (T, u64)>) -> WeightedTable<T> {
        let mut values = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0u64;
        for (value, weight) in entries {
            if weight == 0 {
                continue;
            }
            total += weight;
            values.push(value);
            cumulative.push(total);
        }
        WeightedTable { values, cumulative }
    }

    fn pick(&self, rng: &mut SplitMix64) -> T {
        let total = *self.cumulative.last().expect("a table has entries");
        let target = rng.below(total);
        let index = self.cumulative.partition_point(|&c| c <= target);
        self.values[index]
    }
}

/// Streets: the pinned weights as given, the other streets sharing the rest by Zipf's law.
/// Weights are scaled by 1000 so the Zipf shares keep their precision as integers.
fn street_table() -> WeightedTable<&'static str> {
    let pinned: u64 = PINNED_STREETS.iter().map(|&(_, weight)| weight).sum();
    let remaining = (REAL_LOT_COUNT - pinned) as f64 * 1000.0;
    let harmonic: f64 = (1..=OTHER_STREETS.len())
        .map(|rank| 1.0 / (rank as f64).powf(OTHER_STREETS_SKEW))
        .sum();
    let others = OTHER_STREETS.iter().enumerate().map(|(index, &name)| {
        let share = 1.0 / ((index + 1) as f64).powf(OTHER_STREETS_SKEW) / harmonic;
        (name, (remaining * share).round() as u64)
    });
    WeightedTable::new(
        PINNED_STREETS
            .iter()
            .map(|&(name, weight)| (name, weight * 1000))
            .chain(others),
    )
}

/// Is line `index` one of the `per_real_file` lines of its kind? Spreads exactly that many
/// lines per 213,068 evenly, shifted by `phase` so different kinds rarely land on one line.
fn quota_hit(index: u64, per_real_file: u64, phase: u64) -> bool {
    let before = (index * per_real_file + phase) / REAL_LOT_COUNT;
    let after = ((index + 1) * per_real_file + phase) / REAL_LOT_COUNT;
    before != after
}

/// Writes features one after another; an iterator over exactly `total` of them.
#[derive(Debug, Clone)]
pub struct Generator {
    rng: SplitMix64,
    total: u64,
    index: u64,
    streets: WeightedTable<&'static str>,
    street_types: WeightedTable<&'static str>,
    x_bands: WeightedTable<usize>,
    block_thousands: WeightedTable<usize>,
    /// Line index of each planted lot (a planted kind can appear twice).
    planted_at: Vec<(u64, Planted)>,
}

impl Generator {
    /// A generator of `total` features (the same ones on every run).
    pub fn new(total: usize) -> Generator {
        let total = total as u64;
        let mut planted_at: Vec<(u64, Planted)> = Vec::new();
        for (per_million, kind) in PLANTED {
            let at = total * per_million / 1_000_000;
            // In a very short file two planted lots may want one line: the first keeps it.
            if at < total && !planted_at.iter().any(|&(taken, _)| taken == at) {
                planted_at.push((at, kind));
            }
        }
        Generator {
            rng: SplitMix64::new(SEED),
            total,
            index: 0,
            streets: street_table(),
            street_types: WeightedTable::new(STREET_TYPES.iter().copied()),
            x_bands: WeightedTable::new(X_BAND_WEIGHTS.iter().copied().enumerate()),
            block_thousands: WeightedTable::new(BLOCK_THOUSANDS.iter().copied().enumerate()),
            planted_at,
        }
    }

    fn planted(&self, index: u64) -> Option<Planted> {
        self.planted_at
            .iter()
            .find(|&&(at, _)| at == index)
            .map(|&(_, kind)| kind)
    }

    fn feature(&mut self, index: u64) -> Feature {
        // Each line draws from its own stream, so a short file is the start of a long one
        // (apart from the planted lots, which sit at fractions of the length).
        self.rng = SplitMix64::new(SEED ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        match self.line_kind(index) {
            LineKind::Planted(kind) => self.planted_feature(kind),
            LineKind::CondoUnit(building) => {
                self.condo_unit(building as u64, CONDO_BUILDINGS[building].0)
            }
            LineKind::MultiPolygon => self.ordinary_lot(true),
            LineKind::Ordinary => self.ordinary_lot(false),
        }
    }

    /// What line `index` holds. The quota phases are chosen so that at the default length no
    /// two kinds want the same line (a test checks this), so every count is exact there.
    fn line_kind(&self, index: u64) -> LineKind {
        if let Some(kind) = self.planted(index) {
            return LineKind::Planted(kind);
        }
        for (building, &(_, units)) in CONDO_BUILDINGS.iter().enumerate() {
            let phase = (building as u64 + 1) * 77_777 % REAL_LOT_COUNT;
            if quota_hit(index, units, phase) {
                return LineKind::CondoUnit(building);
            }
        }
        if quota_hit(index, MULTIPOLYGONS, 99_991) {
            LineKind::MultiPolygon
        } else {
            LineKind::Ordinary
        }
    }

    fn ordinary_lot(&mut self, multipolygon: bool) -> Feature {
        let block = self.block_number();
        let lot = self.lot_number();
        let map_block_lot = format!("{block}{lot}");
        let mut feature = self.addressed_lot(map_block_lot.clone(), map_block_lot, block, lot);
        let (x, y) = self.lot_centre();
        feature.geometry = if multipolygon {
            let parts = self.rng.between(2, 3);
            Geometry::MultiPolygon(
                (0..parts)
                    .map(|part| {
                        let offset = part as f64 * 0.00031;
                        self.ring(x + offset, y - offset)
                    })
                    .collect(),
            )
        } else {
            Geometry::Polygon(self.ring(x, y))
        };
        feature
    }

    /// A unit of a condominium building: its own BLKLOT, the building's map lot and shape.
    fn condo_unit(&mut self, building: u64, map_block_lot: &str) -> Feature {
        let block = map_block_lot[..4].to_owned();
        let unit = format!("{:03}", self.rng.between(100, 999));
        let mut feature = Feature {
            block_lot: format!("{block}{unit}"),
            map_block_lot: map_block_lot.to_owned(),
            block_number: block,
            lot_number: unit,
            ..Feature::default()
        };
        // Everything but the unit number comes from the building, so every unit is alike.
        let building_rng = SplitMix64::new(SEED ^ (building + 1).wrapping_mul(0x1234_5678_9ABC));
        let saved = std::mem::replace(&mut self.rng, building_rng);
        self.fill_address(&mut feature);
        let shares_vertex = map_block_lot == CONDO_BUILDINGS[3].0;
        let (x, y) = if shares_vertex {
            (SHARED_VERTEX_X + 0.00012, 37.775 + 0.01 * self.rng.unit())
        } else {
            self.lot_centre()
        };
        let mut ring = self.ring(x, y);
        if shares_vertex {
            // Not the first vertex: that is what tells COMPLEX_ARRAYS from NUMERIC.
            ring[2].x = SHARED_VERTEX_X;
        }
        feature.geometry = Geometry::Polygon(ring);
        self.rng = saved;
        feature
    }

    fn planted_feature(&mut self, kind: Planted) -> Feature {
        match kind {
            Planted::Lot1430022 => {
                let mut feature = self.addressed_lot(
                    "1430022".into(),
                    "1430022".into(),
                    "1430".into(),
                    "022".into(),
                );
                let (x, y) = self.lot_centre();
                feature.geometry = Geometry::Polygon(self.ring(x, y));
                feature
            }
            Planted::VacatedStreet => {
                let mut feature = Feature {
                    map_block_lot: "VACSTWIL".into(),
                    block_lot: "VACSTWIL".into(),
                    block_number: "VACS".into(),
                    lot_number: "TWIL".into(),
                    ..Feature::default()
                };
                let (x, y) = self.lot_centre();
                feature.geometry = Geometry::Polygon(self.ring(x, y));
                feature
            }
            Planted::SharedFirstVertex => {
                let mut feature = self.ordinary_lot(false);
                let y = 37.776 + self.rng.unit() * 0.004;
                let mut ring = self.ring(SHARED_VERTEX_X + 0.00015, y);
                ring[0].x = SHARED_VERTEX_X;
                let last = ring.len() - 1;
                ring[last].x = SHARED_VERTEX_X;
                feature.geometry = Geometry::Polygon(ring);
                feature
            }
            Planted::MultiPolygonVertexY => {
                let mut feature = self.ordinary_lot(true);
                if let Geometry::MultiPolygon(parts) = &mut feature.geometry {
                    let x = parts[1][1].x;
                    parts[1][1] = Point {
                        x,
                        y: MULTIPOLYGON_VERTEX_Y,
                    };
                }
                feature
            }
        }
    }

    fn addressed_lot(
        &mut self,
        map_block_lot: String,
        block_lot: String,
        block_number: String,
        lot_number: String,
    ) -> Feature {
        let mut feature = Feature {
            map_block_lot,
            block_lot,
            block_number,
            lot_number,
            ..Feature::default()
        };
        self.fill_address(&mut feature);
        feature
    }

    fn fill_address(&mut self, feature: &mut Feature) {
        let street = self.streets.pick(&mut self.rng);
        feature.street = street;
        if street == UNKNOWN_STREET {
            feature.street_type = None;
            return;
        }
        feature.street_type = Some(self.street_types.pick(&mut self.rng));
        let from = self.house_number();
        let to = if from == 0 {
            0
        } else {
            from + 2 * self.rng.below(4)
        };
        feature.from_street = from.to_string();
        feature.to_street = to.to_string();
        feature.odd_even = if from.is_multiple_of(2) { "E" } else { "O" };
    }

    /// House numbers: many lots have none ("0"); the rest spread log-uniformly over 1..6000, so
    /// short numbers are common, with extra weight on "441" as on the real file.
    fn house_number(&mut self) -> u64 {
        if self.rng.chance(FROM_STREET_441, REAL_LOT_COUNT) {
            return 441;
        }
        if self.rng.chance(4, 100) {
            return 0;
        }
        (6000f64.powf(self.rng.unit())).floor() as u64
    }

    /// Block numbers: four digits, denser in the west and south-west of the city (the Richmond,
    /// the Sunset, the Excelsior), sometimes with a letter ("3512A").
    fn block_number(&mut self) -> String {
        let thousand = self.block_thousands.pick(&mut self.rng) as u64;
        let within = if thousand == 7 {
            self.rng.below(600)
        } else {
            self.rng.below(1000)
        };
        let number = (thousand * 1000 + within).max(1);
        if self.rng.chance(2, 100) {
            let letter = (b'A' + self.rng.below(4) as u8) as char;
            format!("{number:04}{letter}")
        } else {
            format!("{number:04}")
        }
    }

    /// Lot numbers: three digits, mostly small; a few in the hundreds (condominium numbering).
    fn lot_number(&mut self) -> String {
        let roll = self.rng.below(100);
        let number = if roll < 70 {
            self.rng.between(1, 60)
        } else if roll < 95 {
            self.rng.between(61, 99)
        } else {
            self.rng.between(100, 350)
        };
        format!("{number:03}")
    }

    fn lot_centre(&mut self) -> (f64, f64) {
        let band = self.x_bands.pick(&mut self.rng);
        let (low, high) = match band {
            0 => (X_MIN, X_WEST_CUT),
            1 => (X_WEST_CUT, X_MIDDLE_CUT),
            2 => (X_MIDDLE_CUT, X_EAST_CUT),
            _ => (X_EAST_CUT, X_MAX),
        };
        let x = low + (high - low) * self.rng.unit();
        // Latitudes 37.70..37.83, thickest in the middle of the city.
        let y = 37.70 + 0.10 * (self.rng.unit() + self.rng.unit()) / 2.0 + 0.03 * self.rng.unit();
        (x, y)
    }

    /// A closed ring around a centre: a lot-sized, roughly rectangular outline whose vertex count
    /// varies the way surveyed lots do (most are plain rectangles, a few have dozens of corners).
    fn ring(&mut self, x: f64, y: f64) -> Vec<Point> {
        let roll = self.rng.below(100);
        let corners = if roll < 45 {
            4
        } else if roll < 70 {
            self.rng.between(5, 8)
        } else if roll < 92 {
            self.rng.between(9, 20)
        } else {
            self.rng.between(21, 60)
        } as usize;
        let half_width = 0.00005 + 0.00015 * self.rng.unit();
        let half_height = 0.00004 + 0.00012 * self.rng.unit();
        let mut ring: Vec<Point> = (0..corners)
            .map(|k| {
                let angle = std::f64::consts::TAU * (k as f64 + 0.5 + 0.3 * self.rng.unit())
                    / corners as f64;
                Point {
                    x: x + half_width * angle.cos(),
                    y: y + half_height * angle.sin(),
                }
            })
            .collect();
        ring.push(ring[0]);
        ring
    }
}

impl Iterator for Generator {
    type Item = Feature;

    fn next(&mut self) -> Option<Feature> {
        if self.index >= self.total {
            return None;
        }
        let feature = self.feature(self.index);
        self.index += 1;
        Some(feature)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.total - self.index) as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Generator {}

/// `count` generated features as JSON lines (without line breaks).
pub fn lines(count: usize) -> Vec<String> {
    Generator::new(count)
        .map(|feature| feature.to_json())
        .collect()
}

/// Writes `count` features, one JSON object per line, and returns what was written.
pub fn write_lines(out: &mut impl Write, count: usize) -> io::Result<FeatureStats> {
    let mut stats = FeatureStats::default();
    let mut line = String::new();
    for feature in Generator::new(count) {
        line.clear();
        feature.write_json(&mut line);
        stats.record(&feature, line.len());
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_hits_exactly_the_requested_number_of_lines_per_real_file() {
        for (per_file, phase) in [(1, 0), (119, 101_111), (655, 37_813), (213_068, 5)] {
            let hits = (0..REAL_LOT_COUNT)
                .filter(|&index| quota_hit(index, per_file, phase))
                .count() as u64;
            assert_eq!(hits, per_file, "quota {per_file} with phase {phase}");
        }
    }

    #[test]
    fn at_the_default_length_every_quota_and_planted_lot_gets_its_exact_count() {
        let generator = Generator::new(DEFAULT_LINES);
        let mut condo_units = [0u64; CONDO_BUILDINGS.len()];
        let (mut multipolygons, mut planted) = (0u64, 0u64);
        for index in 0..DEFAULT_LINES as u64 {
            match generator.line_kind(index) {
                LineKind::Planted(_) => planted += 1,
                LineKind::CondoUnit(building) => condo_units[building] += 1,
                LineKind::MultiPolygon => multipolygons += 1,
                LineKind::Ordinary => {}
            }
        }
        let expected: Vec<u64> = CONDO_BUILDINGS.iter().map(|&(_, units)| units).collect();
        assert_eq!(condo_units.to_vec(), expected);
        assert_eq!(multipolygons, MULTIPOLYGONS);
        assert_eq!(planted, PLANTED.len() as u64);
    }

    #[test]
    fn weighted_table_picks_in_proportion() {
        let table = WeightedTable::new([("rare", 1u64), ("common", 9), ("never", 0)]);
        let mut rng = SplitMix64::new(3);
        let common = (0..10_000)
            .filter(|_| table.pick(&mut rng) == "common")
            .count();
        assert!(
            (8_700..9_300).contains(&common),
            "common picked {common} times"
        );
    }

    #[test]
    fn planted_lots_keep_their_line_even_in_tiny_files() {
        let generator = Generator::new(3);
        // 3 lines: fractions 0.13 and 0.25 both land on line 0, 0.47 and 0.60 on line 1; the
        // first of each pair keeps the line.
        assert_eq!(generator.planted(0), Some(Planted::Lot1430022));
        assert_eq!(generator.planted(1), Some(Planted::VacatedStreet));
        assert_eq!(generator.planted(2), Some(Planted::SharedFirstVertex));
        assert_eq!(Generator::new(3).count(), 3);
    }

    #[test]
    fn planted_numbers_print_with_their_exact_digits() {
        assert_eq!(SHARED_VERTEX_X.to_string(), "-122.42916360922355");
        assert_eq!(MULTIPOLYGON_VERTEX_Y.to_string(), "37.729900216217324");
    }
}
