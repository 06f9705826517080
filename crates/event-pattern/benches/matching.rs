//! Throughput numbers for the matcher: `cargo bench -p event-pattern`.
//!
//! Runs the 14 five-rule families of `benches/data/citylots-rule-families.json` over generated
//! citylots2-shaped GeoJSON features (counts differ from the real file's), then times pattern
//! compilation and a 256 KiB event. Prints; asserts nothing about speed.

use event_pattern::{explain, Event, Pattern};
use std::time::Instant;

const FEATURES: usize = 20_000;
const STREETS: &[&str] = &[
    "FULTON",
    "JEFFERSON",
    "ACEVEDO",
    "ACTON",
    "MISSION",
    "FOLSOM",
    "MADISON",
    "Jefferson",
    "CLAYTON",
];

/// A tiny deterministic generator, so runs are comparable.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn coordinate(&mut self, base: f64) -> f64 {
        base + (self.next() % 100_000) as f64 / 1_000_000.0
    }
}

fn feature(rng: &mut Lcg) -> String {
    let lot = format!("{:07}", rng.next() % 4_000_000);
    let street = STREETS[(rng.next() % STREETS.len() as u64) as usize];
    let kind = if rng.next().is_multiple_of(10) {
        "MultiPolygon"
    } else {
        "Polygon"
    };
    let points: Vec<String> = (0..(3 + rng.next() % 6))
        .map(|_| {
            format!(
                r#"{{"x":{},"y":{},"z":0}}"#,
                rng.coordinate(-122.47),
                rng.coordinate(37.72)
            )
        })
        .collect();
    format!(
        r#"{{"type":"Feature","properties":{{"MAPBLKLOT":"{lot}","BLKLST":"{}","STREET":"{street}","ST_TYPE":"ST","ODD_EVEN":"E"}},"geometry":{{"type":"{kind}","coordinates":[{}],"firstCoordinates":{}}}}}"#,
        &lot[..4],
        points.join(","),
        points[0]
    )
}

fn families() -> Option<Vec<(String, Vec<String>)>> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/citylots-rule-families.json"
    );
    let text = std::fs::read_to_string(path).ok()?;
    let data: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(
        data["families"]
            .as_array()?
            .iter()
            .map(|f| {
                let rules = f["rules"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|r| r.to_string())
                    .collect();
                (f["name"].as_str().unwrap_or("?").to_owned(), rules)
            })
            .collect(),
    )
}

fn main() {
    let mut rng = Lcg(42);
    let texts: Vec<String> = (0..FEATURES).map(|_| feature(&mut rng)).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let start = Instant::now();
    let events: Vec<Event> = texts.iter().map(|t| Event::parse_any(t).unwrap()).collect();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "event parsing: {FEATURES} features, {:.1} MB in {:.3} s = {:.0} events/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        secs,
        FEATURES as f64 / secs,
        bytes as f64 / 1e6 / secs
    );

    match families() {
        None => println!(
            "(benches/data/citylots-rule-families.json not found: skipping the rule families)"
        ),
        Some(families) => {
            println!(
                "{:<28} {:>12} {:>14}  matches per rule",
                "family (5 rules)", "events/s", "µs/event"
            );
            for (name, rules) in families {
                let patterns: Vec<Pattern> =
                    rules.iter().map(|r| Pattern::parse(r).unwrap()).collect();
                let start = Instant::now();
                let mut counts = vec![0usize; patterns.len()];
                for event in &events {
                    for (count, pattern) in counts.iter_mut().zip(&patterns) {
                        *count += usize::from(pattern.matches(event));
                    }
                }
                let secs = start.elapsed().as_secs_f64();
                println!(
                    "{name:<28} {:>12.0} {:>14.2}  {counts:?}",
                    FEATURES as f64 / secs,
                    secs * 1e6 / FEATURES as f64
                );
            }
        }
    }

    let pattern_text = r#"{"source":[{"prefix":"aws."}],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":[{"anything-but":["pending","stopping"]}],"instance-id":[{"wildcard":"i-*"}],"$or":[{"count":[{"numeric":[">",0,"<=",5]}]},{"ip":[{"cidr":"10.0.0.0/8"}]}]}}"#;
    let rounds = 20_000;
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(Pattern::parse(std::hint::black_box(pattern_text)).unwrap());
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "pattern compile ({} bytes, $or of 2): {:.1} µs each",
        pattern_text.len(),
        secs * 1e6 / rounds as f64
    );

    let mut big = String::from(
        r#"{"id":"1","account":"1","source":"s","time":"t","region":"r","detail-type":"d","detail":{"items":["#,
    );
    let mut i = 0;
    while big.len() < 256 * 1024 {
        if i > 0 {
            big.push(',');
        }
        big.push_str(&format!(r#"{{"n":{i},"name":"item-{i}"}}"#));
        i += 1;
    }
    big.push_str("]}}");
    let start = Instant::now();
    let event = Event::parse(&big).unwrap();
    let parse = start.elapsed();
    let miss = Pattern::parse(r#"{"detail":{"items":{"n":[1],"name":["item-2"]}}}"#).unwrap();
    let start = Instant::now();
    let matched = miss.matches(&event);
    let matching = start.elapsed();
    let start = Instant::now();
    let _ = explain(&miss, &event).to_string();
    let explaining = start.elapsed();
    println!(
        "256 KiB event ({i} array elements): parse {:.2} ms, array-consistent non-match {:.3} ms (matched={matched}), explain {:.2} ms",
        parse.as_secs_f64() * 1e3,
        matching.as_secs_f64() * 1e3,
        explaining.as_secs_f64() * 1e3
    );
}
