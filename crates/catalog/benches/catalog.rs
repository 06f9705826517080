//! Prints timings for the operations the UI runs often: rewriting a sample for the user's
//! account and region, registry transitions and deliveries, and the browser-storage round trip.
//! Run with `cargo bench -p catalog`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use catalog::{partners, regions, salesforce_event_relay_samples, samples, PartnerRegistry};

fn time<T>(label: &str, operations: usize, mut work: impl FnMut() -> T) -> Duration {
    let started = Instant::now();
    black_box(work());
    let elapsed = started.elapsed();
    println!(
        "{label:<48} {operations:>7} ops {:>9.3} ms total {:>9.0} ns/op",
        elapsed.as_secs_f64() * 1e3,
        elapsed.as_nanos() as f64 / operations as f64
    );
    elapsed
}

fn main() {
    let all: Vec<_> = samples().chain(salesforce_event_relay_samples()).collect();
    let rounds = 200;
    time(
        "Sample::event_for (all samples)",
        all.len() * rounds,
        || {
            let mut bytes = 0;
            for _ in 0..rounds {
                for sample in &all {
                    bytes += sample
                        .event_for(black_box("210987654321"), black_box("cn-north-1"))
                        .len();
                }
            }
            bytes
        },
    );

    time(
        "Partner::example_source_name",
        partners().len() * rounds,
        || {
            let mut bytes = 0;
            for _ in 0..rounds {
                for partner in partners() {
                    bytes += partner.example_source_name(black_box("123456789012")).len();
                }
            }
            bytes
        },
    );

    let sources = 10_000;
    let names: Vec<(String, String, &str)> = (0..sources)
        .map(|i| {
            let region = regions()[i % regions().len()].code();
            let account = format!("{:012}", 100_000_000_000u64 + (i % 50) as u64);
            (
                format!("aws.partner/example.com/tenant{i}/events"),
                account,
                region,
            )
        })
        .collect();
    let mut registry = PartnerRegistry::new();
    time("create_partner_event_source", sources, || {
        for (name, account, region) in &names {
            registry
                .create_partner_event_source(name, account, region)
                .unwrap();
        }
    });
    time("associate_event_source", sources, || {
        for (name, account, region) in &names {
            registry
                .associate_event_source(account, region, name)
                .unwrap();
        }
    });
    time("send_event (active sources)", sources, || {
        names
            .iter()
            .filter(|(name, _, region)| {
                matches!(
                    registry.send_event(region, name),
                    catalog::Delivery::Accepted { .. }
                )
            })
            .count()
    });
    time(
        "event_sources(account, region) listing",
        50 * regions().len(),
        || {
            let mut listed = 0;
            for a in 0..50u64 {
                let account = format!("{:012}", 100_000_000_000u64 + a);
                for region in regions() {
                    listed += registry.event_sources(&account, region.code()).len();
                }
            }
            listed
        },
    );

    let mut stored = String::new();
    time("serialise registry (10k sources)", 1, || {
        stored = serde_json::to_string(&registry).unwrap();
    });
    let restored = time("deserialise + validate registry (10k sources)", 1, || {
        serde_json::from_str::<PartnerRegistry>(&stored).unwrap()
    });
    let _ = restored;
    println!(
        "stored registry size: {} bytes for {sources} sources",
        stored.len()
    );
}
