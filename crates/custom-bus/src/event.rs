//! Events on a Custom Event Bus: what the two publish APIs accept, and the three parts every
//! stored event has (data, metadata, system metadata).
//!
//! Sources:
//! - the three parts, and that `PutEvents`' data is the whole envelope with your `Detail` under
//!   `detail`: <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html>
//!   ("What $events holds") and
//!   <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-addressing.md>;
//! - `PutEvents` entries (`Source` 1-256 without the `aws.` prefix, `DetailType` 1-128,
//!   `Resources` at most 100 of at most 2048 characters):
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutEventsRequestEntry.html>;
//! - `PutRawEvents` entries (`Metadata` at most 100 keys of 1-128 characters without `/`):
//!   <https://docs.aws.amazon.com/de_de/eventbridgev2/latest/APIReference/API_PutRawEventsRequestEntry.html>;
//! - content types: <https://docs.aws.amazon.com/ja_jp/eventbridgev2/latest/APIReference/API_PutRawEventsSystemMetadata.html>
//!   and <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-open-formats.md>;
//! - `EventGroupId` and `DeduplicationId` 1-128 characters:
//!   <https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutEventsSystemMetadata.html>;
//! - system metadata keys (`aws:EventId`, `aws:IngestionTime`, `aws:DeliveryType`, `aws:Source`,
//!   `aws:DetailType`, `aws:SequenceNumber`, ...):
//!   <https://docs.aws.amazon.com/powertools/typescript/latest/api/variables/_aws-lambda-powertools_parser.schemas.EventBridgeWithMetadataSystemMetadataSchema.html>.

use std::fmt;

use crate::doc::Doc;
use crate::ids::{format_time_millis, format_time_seconds};

/// Most entries in one `PutEvents` or `PutRawEvents` call
/// (<https://docs.aws.amazon.com/eventbridgev2/latest/APIReference/API_PutEvents.html>).
pub const MAX_ENTRIES_PER_CALL: usize = 100;
/// Most `Metadata` keys of a raw event.
pub const MAX_METADATA_KEYS: usize = 100;
/// Longest `Metadata` key.
pub const MAX_METADATA_KEY_CHARS: usize = 128;
/// Longest `EventGroupId` and `DeduplicationId`.
pub const MAX_GROUP_OR_DEDUPLICATION_ID_CHARS: usize = 128;
/// Longest `Source`.
pub const MAX_SOURCE_CHARS: usize = 256;
/// Longest `DetailType`.
pub const MAX_DETAIL_TYPE_CHARS: usize = 128;
/// Most `Resources` entries, and the longest one.
pub const MAX_RESOURCES: usize = 100;
/// See [`MAX_RESOURCES`].
pub const MAX_RESOURCE_CHARS: usize = 2048;

aws_model::string_enum! {
    /// `SystemMetadata.ContentType`. `PutEvents` events always carry
    /// `application/eventbridge+json`; `PutRawEvents` entries choose one of the other four.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ContentType {
        /// Set by EventBridge on `PutEvents` and forwarded events.
        EventBridgeJson = "application/eventbridge+json",
        /// A JSON payload.
        Json = "application/json",
        /// Avro, deserialised to JSON for `DATA` filters (the simulation takes its JSON form).
        Avro = "application/avro",
        /// Protobuf, deserialised to JSON for `DATA` filters (likewise).
        Protobuf = "application/protobuf",
        /// Opaque bytes: no `DATA` filter can read them.
        OctetStream = "application/octet-stream",
    }
}

impl ContentType {
    /// Whether `DATA` filters can read the payload. "An `application/octet-stream` event has no
    /// data a filter can read, so a subscriber with a `DATA` filter never matches it"
    /// (<https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-filtering.md>).
    pub fn data_is_json(self) -> bool {
        self != ContentType::OctetStream
    }
}

aws_model::string_enum! {
    /// How an event reached the bus.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum EventOrigin {
        /// `PutEvents`: EventBridge builds the Classic envelope.
        PutEvents = "PutEvents",
        /// `PutRawEvents`: the payload as sent, with publisher metadata.
        PutRawEvents = "PutRawEvents",
        /// Forwarded from an event source (AWS service or partner), in the Classic envelope.
        EventSource = "EventSource",
    }
}

aws_model::string_enum! {
    /// `aws:DeliveryType`: `REPLAY` for events a subscriber reads from before it existed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum DeliveryType {
        /// Delivered as it arrives.
        Live = "LIVE",
        /// Read from retention by a `POINT_IN_TIME` subscriber.
        Replay = "REPLAY",
    }
}

/// One `PutEvents` entry. `detail` is the publisher's JSON text and is kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutEventsEntry {
    /// `Source`.
    pub source: String,
    /// `DetailType`.
    pub detail_type: String,
    /// `Detail`: a JSON object, as text.
    pub detail: String,
    /// `Resources`.
    pub resources: Vec<String>,
    /// `SystemMetadata.EventGroupId`.
    pub event_group_id: Option<String>,
    /// `SystemMetadata.DeduplicationId`.
    pub deduplication_id: Option<String>,
}

impl PutEventsEntry {
    /// The entry that carries a Classic envelope (`{"source":…,"detail-type":…,"detail":{…}}`)
    /// to the new bus, as an event source forwards it: `detail` sliced from the text as written,
    /// `source` defaulting to `default_source` when the envelope has none. `None` when the text
    /// is not a JSON object.
    pub fn from_envelope(envelope: &str, default_source: &str) -> Option<PutEventsEntry> {
        let root = event_pattern::json::parse(envelope).ok()?;
        if !matches!(root.kind, event_pattern::json::ValueKind::Object(_)) {
            return None;
        }
        let text_of = |key: &str| -> Option<String> {
            match &root.get(key)?.kind {
                event_pattern::json::ValueKind::String(s) => Some(s.clone()),
                _ => None,
            }
        };
        let detail = root
            .get("detail")
            .map(|v| envelope[v.span.range()].to_owned())
            .unwrap_or_else(|| "{}".into());
        let resources = match root.get("resources").map(|v| &v.kind) {
            Some(event_pattern::json::ValueKind::Array(items)) => items
                .iter()
                .filter_map(|item| match &item.kind {
                    event_pattern::json::ValueKind::String(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(PutEventsEntry {
            source: text_of("source").unwrap_or_else(|| default_source.to_owned()),
            detail_type: text_of("detail-type").unwrap_or_default(),
            detail,
            resources,
            event_group_id: None,
            deduplication_id: None,
        })
    }
}

/// One `PutRawEvents` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PutRawEventsEntry {
    /// `SystemMetadata.ContentType`; anything but [`ContentType::EventBridgeJson`].
    pub content_type: ContentType,
    /// For JSON (and, in this simulation, Avro and Protobuf in their JSON form) the payload as
    /// JSON text; for `application/octet-stream` the bytes as base64 text.
    pub data: String,
    /// `Metadata`, in the publisher's order.
    pub metadata: Vec<(String, String)>,
    /// `SystemMetadata.EventGroupId`.
    pub event_group_id: Option<String>,
    /// `SystemMetadata.DeduplicationId`.
    pub deduplication_id: Option<String>,
}

/// An entry of either publish API (or a forwarded event, which carries a `PutEvents`-shaped
/// entry and comes from an event source).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublishEntry {
    /// A `PutEvents` entry.
    PutEvents(PutEventsEntry),
    /// A `PutRawEvents` entry.
    PutRawEvents(PutRawEventsEntry),
}

impl PublishEntry {
    /// The entry's `EventGroupId`.
    pub fn event_group_id(&self) -> Option<&str> {
        match self {
            PublishEntry::PutEvents(e) => e.event_group_id.as_deref(),
            PublishEntry::PutRawEvents(e) => e.event_group_id.as_deref(),
        }
    }

    /// The entry's `DeduplicationId`.
    pub fn deduplication_id(&self) -> Option<&str> {
        match self {
            PublishEntry::PutEvents(e) => e.deduplication_id.as_deref(),
            PublishEntry::PutRawEvents(e) => e.deduplication_id.as_deref(),
        }
    }

    /// The text content-based deduplication compares: the entry's payload and its metadata.
    /// Which fields AWS hashes is not documented (see DESIGN.md).
    pub(crate) fn content_key(&self) -> String {
        match self {
            PublishEntry::PutEvents(e) => Doc::Array(vec![
                Doc::str(&e.source),
                Doc::str(&e.detail_type),
                Doc::str(&e.detail),
                Doc::Array(e.resources.iter().map(Doc::str).collect()),
            ])
            .to_json(),
            PublishEntry::PutRawEvents(e) => Doc::Array(vec![
                Doc::str(e.content_type.as_str()),
                Doc::str(&e.data),
                metadata_doc(&e.metadata),
            ])
            .to_json(),
        }
    }

    /// Every problem `PutEvents`/`PutRawEvents` would report for this entry, as
    /// `(ErrorCode, message)`. The codes and texts of per-entry failures are not documented for
    /// the new bus; they are ours, shaped like Classic's `InvalidArgument` answers.
    pub fn problems(&self) -> Vec<EntryProblem> {
        self.problems_from(EventOrigin::PutEvents)
    }

    /// [`PublishEntry::problems`] for an entry that reached the bus by `origin`: an event
    /// source forwards AWS's and partners' events, whose `source` starts with `aws.`, which a
    /// publisher's own `PutEvents` may not use.
    pub fn problems_from(&self, origin: EventOrigin) -> Vec<EntryProblem> {
        let mut problems = Vec::new();
        let mut check_id = |field: &'static str, value: Option<&str>| {
            if let Some(value) = value {
                let n = value.chars().count();
                if n == 0 || n > MAX_GROUP_OR_DEDUPLICATION_ID_CHARS {
                    problems.push(EntryProblem::new(
                        field,
                        format!("{field} must be 1 to {MAX_GROUP_OR_DEDUPLICATION_ID_CHARS} characters; it has {n}."),
                    ));
                }
            }
        };
        check_id("SystemMetadata.EventGroupId", self.event_group_id());
        check_id("SystemMetadata.DeduplicationId", self.deduplication_id());
        match self {
            PublishEntry::PutEvents(e) => {
                let source = e.source.chars().count();
                if source == 0 || source > MAX_SOURCE_CHARS {
                    problems.push(EntryProblem::new(
                        "Source",
                        format!("Source must be 1 to {MAX_SOURCE_CHARS} characters."),
                    ));
                } else if e.source.starts_with("aws.") && origin != EventOrigin::EventSource {
                    problems.push(EntryProblem::new(
                        "Source",
                        "Source may not start with \"aws.\": AWS reserves it for its own events.",
                    ));
                }
                let detail_type = e.detail_type.chars().count();
                if detail_type == 0 || detail_type > MAX_DETAIL_TYPE_CHARS {
                    problems.push(EntryProblem::new(
                        "DetailType",
                        format!("DetailType must be 1 to {MAX_DETAIL_TYPE_CHARS} characters."),
                    ));
                }
                match event_pattern::Event::parse_any(&e.detail) {
                    Ok(_) => {}
                    Err(error) => problems.push(EntryProblem::new(
                        "Detail",
                        format!("Detail must be a JSON object: {}", error.detail()),
                    )),
                }
                if e.resources.len() > MAX_RESOURCES {
                    problems.push(EntryProblem::new(
                        "Resources",
                        format!("At most {MAX_RESOURCES} resources per entry."),
                    ));
                }
                if e.resources
                    .iter()
                    .any(|r| r.chars().count() > MAX_RESOURCE_CHARS)
                {
                    problems.push(EntryProblem::new(
                        "Resources",
                        format!("Each resource is at most {MAX_RESOURCE_CHARS} characters."),
                    ));
                }
            }
            PublishEntry::PutRawEvents(e) => {
                if e.content_type == ContentType::EventBridgeJson {
                    problems.push(EntryProblem::new(
                        "SystemMetadata.ContentType",
                        "Unsupported contentType application/eventbridge+json: use application/json, application/avro, application/protobuf or application/octet-stream.",
                    ));
                }
                if e.content_type.data_is_json() && !is_json_value(&e.data) {
                    problems.push(EntryProblem::new(
                        "Data",
                        format!(
                            "Data is not valid JSON for content type {}.",
                            e.content_type.as_str()
                        ),
                    ));
                }
                if e.metadata.len() > MAX_METADATA_KEYS {
                    problems.push(EntryProblem::new(
                        "Metadata",
                        format!("At most {MAX_METADATA_KEYS} metadata keys."),
                    ));
                }
                for (key, _) in &e.metadata {
                    let n = key.chars().count();
                    if n == 0 || n > MAX_METADATA_KEY_CHARS || key.contains('/') {
                        problems.push(EntryProblem::new(
                            "Metadata",
                            format!("Metadata keys are 1 to {MAX_METADATA_KEY_CHARS} characters without '/'; {key:?} is not."),
                        ));
                    }
                }
            }
        }
        problems
    }
}

/// Whether `text` is one complete JSON value (of any kind).
pub(crate) fn is_json_value(text: &str) -> bool {
    // event_pattern's reader wants an object; wrap the value so any JSON value passes.
    event_pattern::Event::parse_any(&format!("{{\"v\":{text}\n}}")).is_ok()
        && !text.trim().is_empty()
}

/// A publish entry's problem, as the per-entry `ErrorCode`/`ErrorMessage` would report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    field: &'static str,
    message: String,
}

impl EntryProblem {
    fn new(field: &'static str, message: impl Into<String>) -> EntryProblem {
        EntryProblem {
            field,
            message: message.into(),
        }
    }

    /// The entry member at fault.
    pub fn field(&self) -> &'static str {
        self.field
    }

    /// The message (ours: AWS documents no per-entry texts for the new bus).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Where the bus lives, for envelopes and ARNs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusLocation {
    /// Region code.
    pub region: String,
    /// 12-digit account id.
    pub account: String,
}

/// An event stored on the bus: its data, metadata and system metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusEvent {
    /// Position in the bus's order (the `aws:SequenceNumber`).
    pub sequence: u64,
    /// `aws:EventId`.
    pub event_id: String,
    /// `aws:IngestionTime`, simulated milliseconds since the Unix epoch.
    pub ingested_at_ms: i64,
    /// How it arrived.
    pub origin: EventOrigin,
    /// `ContentType`.
    pub content_type: ContentType,
    /// The `DATA` document: the envelope for `PutEvents` and forwarded events, the payload for
    /// raw JSON events, base64 text for `application/octet-stream`.
    pub data: String,
    /// Publisher metadata (raw events only).
    pub metadata: Vec<(String, String)>,
    /// `EventGroupId`.
    pub event_group_id: Option<String>,
    /// `DeduplicationId`.
    pub deduplication_id: Option<String>,
    /// `aws:Source` (PutEvents and forwarded events only).
    pub source: Option<String>,
    /// `aws:DetailType` (likewise).
    pub detail_type: Option<String>,
}

impl BusEvent {
    /// Stores an entry: builds the `PutEvents` envelope (`version`, `id`, `detail-type`,
    /// `source`, `account`, `time`, `region`, `resources`, `detail`, the order of the
    /// documentation's example) with `Detail` embedded as written.
    pub fn store(
        entry: &PublishEntry,
        origin: EventOrigin,
        sequence: u64,
        event_id: String,
        ingested_at_ms: i64,
        location: &BusLocation,
    ) -> BusEvent {
        match entry {
            PublishEntry::PutEvents(e) => {
                let envelope = Doc::object([
                    ("version", Doc::str("0")),
                    ("id", Doc::str(&event_id)),
                    ("detail-type", Doc::str(&e.detail_type)),
                    ("source", Doc::str(&e.source)),
                    ("account", Doc::str(&location.account)),
                    ("time", Doc::str(format_time_seconds(ingested_at_ms))),
                    ("region", Doc::str(&location.region)),
                    (
                        "resources",
                        Doc::Array(e.resources.iter().map(Doc::str).collect()),
                    ),
                    ("detail", Doc::Raw(e.detail.trim().to_owned())),
                ]);
                BusEvent {
                    sequence,
                    event_id,
                    ingested_at_ms,
                    origin,
                    content_type: ContentType::EventBridgeJson,
                    data: envelope.to_json(),
                    metadata: Vec::new(),
                    event_group_id: e.event_group_id.clone(),
                    deduplication_id: e.deduplication_id.clone(),
                    source: Some(e.source.clone()),
                    detail_type: Some(e.detail_type.clone()),
                }
            }
            PublishEntry::PutRawEvents(e) => BusEvent {
                sequence,
                event_id,
                ingested_at_ms,
                origin,
                content_type: e.content_type,
                data: e.data.trim().to_owned(),
                metadata: e.metadata.clone(),
                event_group_id: e.event_group_id.clone(),
                deduplication_id: e.deduplication_id.clone(),
                source: None,
                detail_type: None,
            },
        }
    }

    /// `aws:SequenceNumber` as text.
    pub fn sequence_number(&self) -> String {
        format!("{:020}", self.sequence)
    }

    /// The `DATA` scope's JSON text, or `None` when no filter can read the payload.
    pub fn data_json(&self) -> Option<&str> {
        self.content_type
            .data_is_json()
            .then_some(self.data.as_str())
    }

    /// `Data` as a JSON value: the JSON text, or the base64 text as a JSON string.
    pub fn data_doc(&self) -> Doc {
        if self.content_type.data_is_json() {
            Doc::Raw(self.data.clone())
        } else {
            Doc::str(&self.data)
        }
    }

    /// The `METADATA` scope's document; `None` for events without publisher metadata
    /// (`PutEvents` and forwarded events), which a `METADATA` filter never matches.
    pub fn metadata_json(&self) -> Option<String> {
        (self.origin == EventOrigin::PutRawEvents).then(|| metadata_doc(&self.metadata).to_json())
    }

    /// The `SYSTEM_METADATA` scope's document, keys in a fixed order.
    pub fn system_metadata_doc(&self, delivery: DeliveryType) -> Doc {
        let mut members = vec![(
            "ContentType".to_owned(),
            Doc::str(self.content_type.as_str()),
        )];
        if let Some(group) = &self.event_group_id {
            members.push(("EventGroupId".into(), Doc::str(group)));
        }
        if let Some(id) = &self.deduplication_id {
            members.push(("DeduplicationId".into(), Doc::str(id)));
        }
        members.push(("aws:EventId".into(), Doc::str(&self.event_id)));
        members.push((
            "aws:IngestionTime".into(),
            Doc::str(format_time_millis(self.ingested_at_ms)),
        ));
        members.push(("aws:DeliveryType".into(), Doc::str(delivery.as_str())));
        if let Some(source) = &self.source {
            members.push(("aws:Source".into(), Doc::str(source)));
        }
        if let Some(detail_type) = &self.detail_type {
            members.push(("aws:DetailType".into(), Doc::str(detail_type)));
        }
        members.push((
            "aws:SequenceNumber".into(),
            Doc::str(self.sequence_number()),
        ));
        Doc::Object(members)
    }

    /// What `$events` holds, and what `WITH_METADATA` delivers:
    /// `{"Data": …, "Metadata": {…}, "SystemMetadata": {…}}`.
    pub fn events_input(&self, delivery: DeliveryType) -> Doc {
        Doc::object([
            ("Data", self.data_doc()),
            ("Metadata", metadata_doc(&self.metadata)),
            ("SystemMetadata", self.system_metadata_doc(delivery)),
        ])
    }
}

fn metadata_doc(metadata: &[(String, String)]) -> Doc {
    Doc::Object(
        metadata
            .iter()
            .map(|(k, v)| (k.clone(), Doc::str(v)))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location() -> BusLocation {
        BusLocation {
            region: "us-east-1".into(),
            account: "111122223333".into(),
        }
    }

    #[test]
    fn put_events_data_is_the_envelope_with_detail_nested() {
        // Source: eb-custom-bus-transform.html, "What $events holds": for PutEvents the order id
        // is at $events.Data.detail.orderId.
        let entry = PublishEntry::PutEvents(PutEventsEntry {
            source: "com.example.orders".into(),
            detail_type: "OrderPlaced".into(),
            detail: r#"{"orderId":"12345","total":1.50}"#.into(),
            resources: vec![],
            event_group_id: Some("order-1001".into()),
            deduplication_id: None,
        });
        let event = BusEvent::store(
            &entry,
            EventOrigin::PutEvents,
            1,
            "e-1".into(),
            0,
            &location(),
        );
        assert_eq!(
            event.data,
            r#"{"version":"0","id":"e-1","detail-type":"OrderPlaced","source":"com.example.orders","account":"111122223333","time":"1970-01-01T00:00:00Z","region":"us-east-1","resources":[],"detail":{"orderId":"12345","total":1.50}}"#
        );
        assert_eq!(event.metadata_json(), None);
        let system = event.system_metadata_doc(DeliveryType::Live).to_json();
        assert!(system.starts_with(r#"{"ContentType":"application/eventbridge+json","EventGroupId":"order-1001","aws:EventId":"e-1""#), "{system}");
        assert!(
            system.contains(r#""aws:Source":"com.example.orders","aws:DetailType":"OrderPlaced""#)
        );
    }

    #[test]
    fn raw_events_keep_their_payload_and_metadata() {
        let entry = PublishEntry::PutRawEvents(PutRawEventsEntry {
            content_type: ContentType::Json,
            data: r#"{"orderId":"12345"}"#.into(),
            metadata: vec![("tenant".into(), "acme".into())],
            event_group_id: None,
            deduplication_id: None,
        });
        let event = BusEvent::store(
            &entry,
            EventOrigin::PutRawEvents,
            2,
            "e-2".into(),
            0,
            &location(),
        );
        assert_eq!(event.data_json(), Some(r#"{"orderId":"12345"}"#));
        assert_eq!(
            event.metadata_json().as_deref(),
            Some(r#"{"tenant":"acme"}"#)
        );
        let system = event.system_metadata_doc(DeliveryType::Replay).to_json();
        assert!(
            !system.contains("aws:Source"),
            "raw events have no aws:Source: {system}"
        );
        assert!(system.contains(r#""aws:DeliveryType":"REPLAY""#));
        let input = event.events_input(DeliveryType::Live).to_json();
        assert!(input.starts_with(r#"{"Data":{"orderId":"12345"},"Metadata":{"tenant":"acme"},"SystemMetadata":{"ContentType":"application/json""#), "{input}");
    }

    #[test]
    fn octet_stream_has_no_data_for_filters() {
        let entry = PublishEntry::PutRawEvents(PutRawEventsEntry {
            content_type: ContentType::OctetStream,
            data: "AAEC".into(),
            metadata: vec![],
            event_group_id: None,
            deduplication_id: None,
        });
        let event = BusEvent::store(
            &entry,
            EventOrigin::PutRawEvents,
            3,
            "e-3".into(),
            0,
            &location(),
        );
        assert_eq!(event.data_json(), None);
        assert_eq!(event.data_doc(), Doc::str("AAEC"));
    }

    #[test]
    fn entry_problems_table() {
        let good = PutEventsEntry {
            source: "shop".into(),
            detail_type: "t".into(),
            detail: "{}".into(),
            resources: vec![],
            event_group_id: None,
            deduplication_id: None,
        };
        let table: Vec<(PublishEntry, &[&str])> = vec![
            (PublishEntry::PutEvents(good.clone()), &[]),
            (
                PublishEntry::PutEvents(PutEventsEntry {
                    source: "aws.s3".into(),
                    ..good.clone()
                }),
                &["Source"],
            ),
            (
                PublishEntry::PutEvents(PutEventsEntry {
                    detail: "[1]".into(),
                    detail_type: String::new(),
                    event_group_id: Some("g".repeat(129)),
                    ..good.clone()
                }),
                &["SystemMetadata.EventGroupId", "DetailType", "Detail"],
            ),
            (
                PublishEntry::PutRawEvents(PutRawEventsEntry {
                    content_type: ContentType::Json,
                    data: "{not json".into(),
                    metadata: vec![("a/b".into(), "x".into())],
                    event_group_id: None,
                    deduplication_id: Some(String::new()),
                }),
                &["SystemMetadata.DeduplicationId", "Data", "Metadata"],
            ),
            (
                PublishEntry::PutRawEvents(PutRawEventsEntry {
                    content_type: ContentType::Json,
                    data: "\"just a string\"".into(),
                    metadata: vec![],
                    event_group_id: None,
                    deduplication_id: None,
                }),
                &[],
            ),
        ];
        for (entry, fields) in table {
            let found: Vec<&str> = entry.problems().iter().map(|p| p.field()).collect();
            assert_eq!(found, fields, "{entry:?}");
        }
    }
}
