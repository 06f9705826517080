//! The one place that talks to the real matcher (`event_pattern`) about events.

use event_pattern::Event;

/// Reads an event the way the simulator ingests it: any JSON object (PutEvents builds the
/// envelope, so `TestEventPattern`'s required fields are not demanded). The error text is the
/// matcher's own.
pub(crate) fn parse_event(text: &str) -> Result<Event, String> {
    Event::parse_any(text).map_err(|error| error.to_string())
}
