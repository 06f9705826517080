//! The generated file: citylots2's shape on every line, and the distributions the benchmark's
//! rule families depend on.

use serde_json::Value;

const LINES: usize = 20_000;

fn generated() -> Vec<String> {
    citylots::lines(LINES)
}

fn text<'v>(value: &'v Value, field: &str) -> &'v str {
    value["properties"][field]
        .as_str()
        .unwrap_or_else(|| panic!("{field} is not a string in {value}"))
}

fn is_map_block_lot(lot: &str) -> bool {
    let bytes = lot.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    match bytes.len() {
        7 => digits(0..7),
        8 => lot == "VACSTWIL" || (digits(0..4) && bytes[4].is_ascii_uppercase() && digits(5..8)),
        _ => false,
    }
}

/// Vertices of a ring, checked to be `{x, y, z: 0}` objects inside San Francisco.
fn ring_points(ring: &Value) -> Vec<(f64, f64)> {
    ring.as_array()
        .expect("a ring is an array")
        .iter()
        .map(|point| {
            let object = point.as_object().expect("a vertex is an object");
            assert_eq!(object.len(), 3, "{point}");
            assert_eq!(point["z"], Value::from(0));
            let x = point["x"].as_f64().unwrap();
            let y = point["y"].as_f64().unwrap();
            assert!((-122.53..=-122.34).contains(&x), "x {x}");
            assert!((37.69..=37.84).contains(&y), "y {y}");
            (x, y)
        })
        .collect()
}

#[test]
fn every_line_has_the_citylots2_shape() {
    for line in generated() {
        let feature: Value = serde_json::from_str(&line).expect("each line is JSON");
        assert_eq!(feature["type"], "Feature");
        let properties = feature["properties"].as_object().unwrap();
        // Compared as sets: serde_json keeps written order when another workspace crate turns on
        // its `preserve_order` feature, and sorts otherwise.
        let mut keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = vec![
            "MAPBLKLOT",
            "BLKLOT",
            "BLOCK_NUM",
            "LOT_NUM",
            "FROM_ST",
            "TO_ST",
            "STREET",
            "ST_TYPE",
            "ODD_EVEN",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected, "{line}");
        assert!(is_map_block_lot(text(&feature, "MAPBLKLOT")), "{line}");
        let from: u64 = text(&feature, "FROM_ST").parse().unwrap();
        let to: u64 = text(&feature, "TO_ST").parse().unwrap();
        assert!(to >= from);
        let parity = if from.is_multiple_of(2) { "E" } else { "O" };
        assert_eq!(text(&feature, "ODD_EVEN"), parity, "{line}");

        let geometry = &feature["geometry"];
        let rings: Vec<&Value> = match geometry["type"].as_str() {
            Some("Polygon") => geometry["coordinates"].as_array().unwrap().iter().collect(),
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|polygon| polygon.as_array().unwrap())
                .collect(),
            other => panic!("geometry type {other:?}"),
        };
        assert!(!rings.is_empty());
        for ring in &rings {
            let points = ring_points(ring);
            assert!(points.len() >= 5, "a ring has at least 4 corners: {line}");
            assert_eq!(points.first(), points.last(), "rings are closed: {line}");
        }
        let first = &ring_points(rings[0])[0];
        let first_coordinates = &geometry["firstCoordinates"];
        assert_eq!(
            (
                first_coordinates["x"].as_f64().unwrap(),
                first_coordinates["y"].as_f64().unwrap()
            ),
            *first
        );
    }
}

#[test]
fn generation_is_deterministic_and_a_prefix_of_a_longer_run_differs_only_in_planted_lots() {
    assert_eq!(citylots::lines(500), citylots::lines(500));
    // Planted lots sit at fractions of the file, so only those lines may differ.
    let short = citylots::lines(1_000);
    let long = citylots::lines(2_000);
    let differing = short.iter().zip(&long).filter(|(a, b)| a != b).count();
    assert!(differing <= 10, "{differing} lines differ");
}

#[test]
fn distributions_follow_the_real_file() {
    let lines = generated();
    let features: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let share = |test: &dyn Fn(&Value) -> bool| {
        features.iter().filter(|f| test(f)).count() as f64 / LINES as f64
    };
    let real = |count: f64| count / 213_068.0;
    // (what, generated share, real share, tolerance as a fraction of the real share)
    let cases: Vec<(&str, f64, f64, f64)> = vec![
        (
            "ST_TYPE ST",
            share(&|f| f["properties"]["ST_TYPE"] == "ST"),
            real(116_386.0),
            0.03,
        ),
        (
            "STREET ends with ON",
            share(&|f| text(f, "STREET").ends_with("ON")),
            real(17_921.0),
            0.10,
        ),
        (
            "STREET starts with FU",
            share(&|f| text(f, "STREET").starts_with("FU")),
            real(2_387.0),
            0.25,
        ),
        (
            "STREET HYDE",
            share(&|f| text(f, "STREET") == "HYDE"),
            real(1_758.0),
            0.25,
        ),
        (
            "FROM_ST 441",
            share(&|f| text(f, "FROM_ST") == "441"),
            real(2_453.0),
            0.25,
        ),
        (
            "first x < -122.41600944012424",
            share(&|f| {
                f["geometry"]["firstCoordinates"]["x"].as_f64().unwrap() < -122.41600944012424
            }),
            real(148_948.0),
            0.03,
        ),
        (
            "first x in (-122.46471267081272, -122.4063085128395)",
            share(&|f| {
                let x = f["geometry"]["firstCoordinates"]["x"].as_f64().unwrap();
                -122.46471267081272 < x && x < -122.4063085128395
            }),
            real(127_053.0),
            0.03,
        ),
        (
            "MAPBLKLOT 3745012",
            share(&|f| text(f, "MAPBLKLOT") == "3745012"),
            real(655.0),
            0.10,
        ),
    ];
    for (what, generated, real, tolerance) in cases {
        assert!(
            (generated - real).abs() <= real * tolerance,
            "{what}: generated {generated:.5}, real {real:.5}"
        );
    }
    let average = lines.iter().map(String::len).sum::<usize>() as f64 / LINES as f64;
    assert!(
        (850.0..=950.0).contains(&average),
        "average line length {average}"
    );
}

#[test]
fn planted_lots_appear_exactly_as_often_as_planned() {
    let lines = generated();
    let count = |needle: &str| lines.iter().filter(|l| l.contains(needle)).count();
    assert_eq!(count(r#""MAPBLKLOT":"VACSTWIL""#), 1);
    assert_eq!(count(r#""MAPBLKLOT":"1430022""#), 1);
    assert_eq!(count(r#""firstCoordinates":{"x":-122.42916360922355,"#), 2);
    assert_eq!(count(r#""y":37.729900216217324,"#), 1);
    // 119 MultiPolygons per 213,068 lines, spread evenly, plus the planted one.
    let multipolygons = count(r#""type":"MultiPolygon""#);
    assert!(
        (11..=13).contains(&multipolygons),
        "{multipolygons} MultiPolygons"
    );
}

#[test]
fn the_written_file_matches_the_lines_and_the_stats_describe_it() {
    let mut out = Vec::new();
    let stats = citylots::write_lines(&mut out, 300).unwrap();
    let written = String::from_utf8(out).unwrap();
    let expected = citylots::lines(300).join("\n") + "\n";
    assert_eq!(written, expected);
    assert_eq!(stats.lines, 300);
    assert_eq!(stats.bytes + 300, written.len());
    let summary = stats.to_string();
    assert!(summary.starts_with("lines: 300  bytes: "), "{summary}");
    assert!(summary.contains("top streets: "), "{summary}");
}
