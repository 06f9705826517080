//! One lot: its properties and its outline, and how it is written as a JSON line.

use std::fmt::Write as _;

/// A vertex. `z` is always 0 in citylots2, so it is written but not stored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A lot's outline. Every ring is closed (its last vertex repeats the first).
#[derive(Debug, Clone, PartialEq)]
pub enum Geometry {
    /// One ring, written as `[[{x,y,z},…]]`.
    Polygon(Vec<Point>),
    /// Several one-ring polygons, written as `[[[{x,y,z},…]],[[…]]]`.
    MultiPolygon(Vec<Vec<Point>>),
}

impl Geometry {
    pub fn type_name(&self) -> &'static str {
        match self {
            Geometry::Polygon(_) => "Polygon",
            Geometry::MultiPolygon(_) => "MultiPolygon",
        }
    }

    /// The first vertex of the first ring (citylots2's `firstCoordinates`).
    pub fn first_point(&self) -> Point {
        match self {
            Geometry::Polygon(ring) => ring[0],
            Geometry::MultiPolygon(parts) => parts[0][0],
        }
    }

    pub fn vertex_count(&self) -> usize {
        match self {
            Geometry::Polygon(ring) => ring.len(),
            Geometry::MultiPolygon(parts) => parts.iter().map(Vec::len).sum(),
        }
    }
}

/// One San Francisco lot as citylots2 describes it (field names are the file's).
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// `MAPBLKLOT`: block and lot of the map parcel; condominium units share one.
    pub map_block_lot: String,
    /// `BLKLOT`: block and lot of this unit.
    pub block_lot: String,
    /// `BLOCK_NUM`
    pub block_number: String,
    /// `LOT_NUM`
    pub lot_number: String,
    /// `FROM_ST`: first house number ("0" when the lot has no address).
    pub from_street: String,
    /// `TO_ST`: last house number.
    pub to_street: String,
    /// `STREET`
    pub street: &'static str,
    /// `ST_TYPE`: null for lots without a street.
    pub street_type: Option<&'static str>,
    /// `ODD_EVEN`: "E" or "O", the parity of the house numbers.
    pub odd_even: &'static str,
    pub geometry: Geometry,
}

impl Default for Feature {
    fn default() -> Feature {
        Feature {
            map_block_lot: String::new(),
            block_lot: String::new(),
            block_number: String::new(),
            lot_number: String::new(),
            from_street: "0".into(),
            to_street: "0".into(),
            street: crate::streets::UNKNOWN_STREET,
            street_type: None,
            odd_even: "E",
            geometry: Geometry::Polygon(Vec::new()),
        }
    }
}

impl Feature {
    /// The feature as one line of JSON (no line break).
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(1024);
        self.write_json(&mut out);
        out
    }

    /// Appends the feature's JSON to `out`. Every string written is plain ASCII without quotes
    /// or backslashes except the apostrophe in names like O'FARRELL, so no escaping is needed.
    pub fn write_json(&self, out: &mut String) {
        out.push_str(r#"{"type":"Feature","properties":{"#);
        let text_fields = [
            ("MAPBLKLOT", self.map_block_lot.as_str()),
            ("BLKLOT", &self.block_lot),
            ("BLOCK_NUM", &self.block_number),
            ("LOT_NUM", &self.lot_number),
            ("FROM_ST", &self.from_street),
            ("TO_ST", &self.to_street),
            ("STREET", self.street),
        ];
        for (name, value) in text_fields {
            // Writing to a String cannot fail.
            let _ = write!(out, r#""{name}":"{value}","#);
        }
        match self.street_type {
            Some(kind) => {
                let _ = write!(out, r#""ST_TYPE":"{kind}","#);
            }
            None => out.push_str(r#""ST_TYPE":null,"#),
        }
        let _ = write!(
            out,
            r#""ODD_EVEN":"{}"}},"geometry":{{"type":"{}","coordinates":"#,
            self.odd_even,
            self.geometry.type_name()
        );
        match &self.geometry {
            Geometry::Polygon(ring) => write_polygon(out, ring),
            Geometry::MultiPolygon(parts) => {
                out.push('[');
                for (index, ring) in parts.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    write_polygon(out, ring);
                }
                out.push(']');
            }
        }
        out.push_str(r#","firstCoordinates":"#);
        write_point(out, self.geometry.first_point());
        out.push_str("}}");
    }
}

fn write_polygon(out: &mut String, ring: &[Point]) {
    out.push_str("[[");
    for (index, &point) in ring.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write_point(out, point);
    }
    out.push_str("]]");
}

/// Rust prints the shortest decimal that reads back as the same double: 15 to 17 significant
/// digits for these coordinates, like the real file.
fn write_point(out: &mut String, point: Point) {
    let _ = write!(out, r#"{{"x":{},"y":{},"z":0}}"#, point.x, point.y);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square() -> Vec<Point> {
        let corners = [(-122.5, 37.75), (-122.4, 37.75), (-122.4, 37.8)];
        let mut ring: Vec<Point> = corners.iter().map(|&(x, y)| Point { x, y }).collect();
        ring.push(ring[0]);
        ring
    }

    #[test]
    fn a_polygon_is_written_in_the_citylots2_shape() {
        let feature = Feature {
            map_block_lot: "1430022".into(),
            block_lot: "1430022".into(),
            block_number: "1430".into(),
            lot_number: "022".into(),
            from_street: "441".into(),
            to_street: "445".into(),
            street: "FULTON",
            street_type: Some("ST"),
            odd_even: "O",
            geometry: Geometry::Polygon(square()),
        };
        assert_eq!(
            feature.to_json(),
            concat!(
                r#"{"type":"Feature","properties":{"MAPBLKLOT":"1430022","BLKLOT":"1430022","#,
                r#""BLOCK_NUM":"1430","LOT_NUM":"022","FROM_ST":"441","TO_ST":"445","#,
                r#""STREET":"FULTON","ST_TYPE":"ST","ODD_EVEN":"O"},"#,
                r#""geometry":{"type":"Polygon","coordinates":[[{"x":-122.5,"y":37.75,"z":0},"#,
                r#"{"x":-122.4,"y":37.75,"z":0},{"x":-122.4,"y":37.8,"z":0},"#,
                r#"{"x":-122.5,"y":37.75,"z":0}]],"#,
                r#""firstCoordinates":{"x":-122.5,"y":37.75,"z":0}}}"#
            )
        );
    }

    #[test]
    fn a_multipolygon_nests_one_level_deeper_and_a_missing_street_type_is_null() {
        let feature = Feature {
            geometry: Geometry::MultiPolygon(vec![square(), square()]),
            ..Feature::default()
        };
        let json = feature.to_json();
        assert!(json.contains(r#""ST_TYPE":null"#), "{json}");
        assert!(json.contains(r#""coordinates":[[[{"x":-122.5"#), "{json}");
        assert!(json.contains(r#"}]],[[{"x":-122.5"#), "{json}");
        assert_eq!(feature.geometry.vertex_count(), 8);
    }
}
