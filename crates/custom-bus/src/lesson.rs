//! Content for a Learn lesson: the new bus's three filter scopes and what does not carry over
//! from Classic. Plain data for the course to show; the tests check every reference answer
//! against every event with this crate's own filters, so the lesson cannot drift from the code.
//!
//! Facts taught, with their sources:
//! <https://docs.amazonaws.cn/en_us/eventbridge/latest/userguide/eb-custom-bus-filtering.md>
//! (scopes, ANDed filters, no wildcards, METADATA exact values),
//! <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-transform.html>
//! (`detail` nested under `Data` for PutEvents),
//! <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html> (retry
//! defaults).

use crate::event::{
    BusEvent, BusLocation, ContentType, DeliveryType, EventOrigin, PublishEntry, PutEventsEntry,
    PutRawEventsEntry,
};
use crate::filter::{CompiledFilters, FilterConfiguration, FilterSpec, Scope, ScopeDocuments};
use crate::problem::{FieldPath, Problems};

/// An event a task is tried on, and whether the reference answer delivers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonEvent {
    /// A short label ("PutEvents order over 100").
    pub label: &'static str,
    /// `PutEvents` (`Detail` JSON) or `PutRawEvents` (`Data` JSON plus metadata).
    pub api: LessonApi,
    /// `Detail` for PutEvents, `Data` for PutRawEvents.
    pub payload: &'static str,
    /// Publisher metadata (PutRawEvents only).
    pub metadata: &'static [(&'static str, &'static str)],
    /// Whether the reference answer delivers it.
    pub delivered: bool,
}

/// Which publish API a lesson event uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonApi {
    /// `PutEvents` from `com.example.orders`, detail type `OrderPlaced`.
    PutEvents,
    /// `PutRawEvents` with `application/json`.
    PutRawEvents,
}

/// One task: a prompt, the events to try, and the reference filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LessonTask {
    /// The instruction.
    pub prompt: &'static str,
    /// A hint shown on request.
    pub hint: &'static str,
    /// The reference answer: filters, ANDed.
    pub answer: &'static [(Scope, &'static str)],
    /// Why the answer is right, and what from Classic does not carry over.
    pub explanation: &'static str,
    /// Events the answer is checked on.
    pub events: &'static [LessonEvent],
}

/// A lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lesson {
    /// Stable id for the course.
    pub id: &'static str,
    /// Title.
    pub title: &'static str,
    /// Introduction.
    pub intro: &'static str,
    /// Tasks, in order.
    pub tasks: &'static [LessonTask],
}

const BIG_ORDER: LessonEvent = LessonEvent {
    label: "PutEvents: order of 500",
    api: LessonApi::PutEvents,
    payload: r#"{"orderId":"o-1","total":500,"sku":"tee-XL"}"#,
    metadata: &[],
    delivered: true,
};
const SMALL_ORDER: LessonEvent = LessonEvent {
    label: "PutEvents: order of 20",
    api: LessonApi::PutEvents,
    payload: r#"{"orderId":"o-2","total":20,"sku":"tee-S"}"#,
    metadata: &[],
    delivered: false,
};
const RAW_BIG_ORDER: LessonEvent = LessonEvent {
    label: "PutRawEvents: order of 500, tenant acme",
    api: LessonApi::PutRawEvents,
    payload: r#"{"orderId":"o-3","total":500,"sku":"cap-XL"}"#,
    metadata: &[("tenant", "acme")],
    delivered: false,
};

/// The lesson: scopes, and what does not carry over from Classic.
pub const SCOPES_LESSON: Lesson = Lesson {
    id: "custom-bus-scopes",
    title: "The Custom Event Bus: three scopes, and what Classic habits break",
    intro: "A subscriber on the new Custom Event Bus filters with the same pattern language as a Classic rule, but each filter reads one part of the event: DATA (the payload; for PutEvents, the whole envelope with your Detail under \"detail\"), METADATA (keys only PutRawEvents can set, exact values only) or SYSTEM_METADATA (what EventBridge sets: ContentType, EventGroupId, aws:Source, aws:DetailType, ...). Filters are ANDed. Wildcards are not supported in any scope, and a subscriber left at its defaults retries 5 times within 5 minutes, not 185 times within 24 hours.",
    tasks: &[
        LessonTask {
            prompt: "Deliver orders over 100 published with PutEvents. Write one DATA filter.",
            hint: "For PutEvents, DATA is the Classic envelope: your Detail sits under \"detail\".",
            answer: &[(Scope::Data, r#"{"detail":{"total":[{"numeric":[">",100]}]}}"#)],
            explanation: "The Classic pattern carries over unchanged for PutEvents traffic. The raw order has its payload at the top level, so the same filter does not see it: a pattern written for the wrong publish API raises no error, it just matches nothing.",
            events: &[BIG_ORDER, SMALL_ORDER, RAW_BIG_ORDER],
        },
        LessonTask {
            prompt: "On Classic this rule used {\"detail\":{\"sku\":[{\"wildcard\":\"*-XL\"}]}}. Keep its meaning on the new bus.",
            hint: "A single star at the start is a suffix.",
            answer: &[(Scope::Data, r#"{"detail":{"sku":[{"suffix":"-XL"}]}}"#)],
            explanation: "Subscriber filters refuse wildcards in every scope. \"*-XL\" is exactly suffix \"-XL\", and \"abc*\" is prefix \"abc\"; a star in the middle has no single-operator equivalent.",
            events: &[BIG_ORDER, SMALL_ORDER],
        },
        LessonTask {
            prompt: "Deliver only events really published by com.example.orders with PutEvents, whatever their payload says.",
            hint: "Anyone can put a \"source\" field in a raw payload. What can't they forge?",
            answer: &[(Scope::SystemMetadata, r#"{"aws:Source":["com.example.orders"]}"#)],
            explanation: "aws:Source and aws:DetailType exist only for PutEvents and forwarded events, and the publisher cannot set them. A DATA filter on \"source\" would also accept a raw event that merely contains such a field.",
            events: &[BIG_ORDER, LessonEvent { delivered: true, ..SMALL_ORDER }, RAW_BIG_ORDER, LessonEvent { label: "PutRawEvents: forged source field", api: LessonApi::PutRawEvents, payload: r#"{"source":"com.example.orders","total":900}"#, metadata: &[], delivered: false }],
        },
        LessonTask {
            prompt: "Deliver raw events of tenant acme whose total is over 100. Use two filters.",
            hint: "METADATA takes exact values only; the numeric condition belongs in DATA, where a raw payload is at the top level.",
            answer: &[(Scope::Metadata, r#"{"tenant":["acme"]}"#), (Scope::Data, r#"{"total":[{"numeric":[">",100]}]}"#)],
            explanation: "Filters are ANDed. METADATA refuses prefix, numeric, exists and $or, and never matches PutEvents events, which carry no publisher metadata.",
            events: &[LessonEvent { delivered: true, ..RAW_BIG_ORDER }, LessonEvent { delivered: false, ..BIG_ORDER }, LessonEvent { label: "PutRawEvents: order of 500, tenant globex", api: LessonApi::PutRawEvents, payload: r#"{"orderId":"o-4","total":500}"#, metadata: &[("tenant", "globex")], delivered: false }],
        },
    ],
};

impl LessonEvent {
    /// The publish entry this event stands for.
    pub fn entry(&self) -> PublishEntry {
        match self.api {
            LessonApi::PutEvents => PublishEntry::PutEvents(PutEventsEntry {
                source: "com.example.orders".into(),
                detail_type: "OrderPlaced".into(),
                detail: self.payload.into(),
                resources: vec![],
                event_group_id: None,
                deduplication_id: None,
            }),
            LessonApi::PutRawEvents => PublishEntry::PutRawEvents(PutRawEventsEntry {
                content_type: ContentType::Json,
                data: self.payload.into(),
                metadata: self
                    .metadata
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                event_group_id: None,
                deduplication_id: None,
            }),
        }
    }
}

/// How one event fared under a learner's filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventGrade {
    /// The event's label.
    pub label: &'static str,
    /// Whether the task wants it delivered.
    pub expected: bool,
    /// Whether the learner's filters deliver it (`false` when they are refused).
    pub delivered: bool,
}

impl EventGrade {
    /// Whether the learner's filters treat it as the task wants.
    pub fn is_right(&self) -> bool {
        self.expected == self.delivered
    }
}

/// A learner's answer to a task, graded.
#[derive(Debug, Clone)]
pub struct TaskGrade {
    /// What `CreateSubscriber` would say of the filters (a wildcard, a METADATA operator, ...).
    pub problems: Problems,
    /// Every event of the task, in order.
    pub events: Vec<EventGrade>,
}

impl TaskGrade {
    /// Solved: the filters are accepted and every event goes where the task wants.
    pub fn is_solved(&self) -> bool {
        self.problems.is_accepted() && self.events.iter().all(EventGrade::is_right)
    }
}

impl LessonTask {
    /// Grades `answer` (filters, ANDed; empty texts are left out) with the crate's own filters,
    /// on each of the task's events stored as the bus stores them.
    pub fn grade(&self, answer: &[FilterSpec]) -> TaskGrade {
        let filters: Vec<FilterSpec> = answer
            .iter()
            .filter(|f| !f.pattern.trim().is_empty())
            .cloned()
            .collect();
        // No filter at all is no FilterConfiguration: the subscriber receives everything.
        let config = (!filters.is_empty()).then(|| FilterConfiguration {
            filters,
            ..FilterConfiguration::default()
        });
        let (compiled, problems) = CompiledFilters::compile(config.as_ref(), &FieldPath::root());
        let location = BusLocation {
            region: "us-east-1".into(),
            account: "111122223333".into(),
        };
        let events = self
            .events
            .iter()
            .enumerate()
            .map(|(i, event)| {
                let origin = match event.api {
                    LessonApi::PutEvents => EventOrigin::PutEvents,
                    LessonApi::PutRawEvents => EventOrigin::PutRawEvents,
                };
                let stored = BusEvent::store(
                    &event.entry(),
                    origin,
                    i as u64,
                    format!("lesson-{i}"),
                    0,
                    &location,
                );
                let documents = ScopeDocuments::new(&stored, DeliveryType::Live);
                EventGrade {
                    label: event.label,
                    expected: event.delivered,
                    delivered: problems.is_accepted() && compiled.matches(&documents),
                }
            })
            .collect();
        TaskGrade { problems, events }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reference_answer_is_valid_and_delivers_exactly_the_marked_events() {
        let location = BusLocation {
            region: "us-east-1".into(),
            account: "111122223333".into(),
        };
        for task in SCOPES_LESSON.tasks {
            let config = FilterConfiguration {
                filters: task
                    .answer
                    .iter()
                    .map(|(s, p)| FilterSpec::new(*s, *p))
                    .collect(),
                ..FilterConfiguration::default()
            };
            let (filters, problems) = CompiledFilters::compile(Some(&config), &FieldPath::root());
            assert!(problems.all().is_empty(), "{}: {problems}", task.prompt);
            assert!(
                task.events.iter().any(|e| e.delivered) && task.events.iter().any(|e| !e.delivered),
                "{}",
                task.prompt
            );
            for (i, event) in task.events.iter().enumerate() {
                let entry = event.entry();
                assert!(entry.problems().is_empty(), "{}", event.label);
                let origin = match event.api {
                    LessonApi::PutEvents => EventOrigin::PutEvents,
                    LessonApi::PutRawEvents => EventOrigin::PutRawEvents,
                };
                let stored =
                    BusEvent::store(&entry, origin, i as u64, format!("e-{i}"), 0, &location);
                let documents = ScopeDocuments::new(&stored, DeliveryType::Live);
                assert_eq!(
                    filters.matches(&documents),
                    event.delivered,
                    "{}: {}",
                    task.prompt,
                    event.label
                );
            }
        }
    }

    #[test]
    fn the_wildcard_task_starts_from_a_pattern_the_new_bus_refuses() {
        let config = FilterConfiguration {
            filters: vec![FilterSpec::new(
                Scope::Data,
                r#"{"detail":{"sku":[{"wildcard":"*-XL"}]}}"#,
            )],
            ..FilterConfiguration::default()
        };
        let (_, problems) = CompiledFilters::compile(Some(&config), &FieldPath::root());
        let problem = problems.errors().next().unwrap();
        assert!(
            problem.message().contains(
                SCOPES_LESSON.tasks[1].answer[0]
                    .1
                    .trim_start_matches(r#"{"detail":{"sku":["#)
                    .trim_end_matches("]}}")
            ),
            "{problem}"
        );
    }

    #[test]
    fn grading_accepts_the_reference_answers_and_refuses_the_classic_habits() {
        for task in SCOPES_LESSON.tasks {
            let reference: Vec<FilterSpec> = task
                .answer
                .iter()
                .map(|(scope, pattern)| FilterSpec::new(*scope, *pattern))
                .collect();
            let grade = task.grade(&reference);
            assert!(grade.is_solved(), "{}: {grade:?}", task.prompt);
        }
        // The Classic wildcard: refused, so nothing is delivered and the task is not solved.
        let wildcard = SCOPES_LESSON.tasks[1].grade(&[FilterSpec::new(
            Scope::Data,
            r#"{"detail":{"sku":[{"wildcard":"*-XL"}]}}"#,
        )]);
        assert!(!wildcard.problems.is_accepted());
        assert!(wildcard.events.iter().all(|e| !e.delivered));
        assert!(!wildcard.is_solved());
        // A DATA filter on "source" also takes the forged raw event.
        let forged = SCOPES_LESSON.tasks[2].grade(&[FilterSpec::new(
            Scope::Data,
            r#"{"source":["com.example.orders"]}"#,
        )]);
        assert!(forged.problems.is_accepted());
        assert!(!forged.is_solved());
        assert!(forged
            .events
            .iter()
            .any(|e| e.label.contains("forged") && e.delivered && !e.expected));
        // Empty filters are left out: no filter delivers everything.
        let nothing = SCOPES_LESSON.tasks[0].grade(&[FilterSpec::new(Scope::Data, "  ")]);
        assert!(nothing.events.iter().all(|e| e.delivered));
    }
}
