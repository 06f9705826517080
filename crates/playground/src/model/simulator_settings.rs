//! The Simulator page's controls for the simulator's settings. The settings themselves (kept in
//! the playground state, autosaved and shared by link), their limits, their check and their
//! conversion to a scenario are `delivery::settings`, shared with `event-pattern simulate`; this
//! module only names the control that sets each setting, so a problem shows next to it.

use delivery::settings::{SettingPath, TargetField};

/// The id of the control for a target's setting, e.g. `sim-target-2-latency`.
pub fn target_control_id(target_index: usize, setting: &str) -> String {
    format!("sim-target-{target_index}-{setting}")
}

/// The id of a page-level control, e.g. `sim-duration`.
pub fn control_id(setting: &str) -> String {
    format!("sim-{setting}")
}

/// The id of the control that sets the setting at `path`; target indices are the page's order
/// of targets, which is the order `delivery::settings` counts them in.
pub fn control_of(path: &SettingPath) -> String {
    match path {
        SettingPath::Preset => control_id("preset"),
        SettingPath::Rule => control_id("rule"),
        SettingPath::RateCount => control_id("rate"),
        SettingPath::DurationMinutes => control_id("duration"),
        SettingPath::Samples => control_id("samples"),
        SettingPath::DetailedEvents => control_id("detailed"),
        SettingPath::Target { index, field } => {
            let control = match field {
                TargetField::LatencyMs => "latency",
                TargetField::FailurePermille => "failure-rate",
                TargetField::TransientError => "transient-error",
                TargetField::OutageUntilMinute => "outage-until",
                TargetField::OutageError => "outage-error",
                TargetField::NonRetryableFromMinute => "fatal-from",
                TargetField::NonRetryableError => "fatal-error",
                TargetField::RateLimitPerSecond => "rate-limit",
            };
            target_control_id(*index, control)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_its_own_control() {
        let fields = [
            TargetField::LatencyMs,
            TargetField::FailurePermille,
            TargetField::TransientError,
            TargetField::OutageUntilMinute,
            TargetField::OutageError,
            TargetField::NonRetryableFromMinute,
            TargetField::NonRetryableError,
            TargetField::RateLimitPerSecond,
        ];
        let mut paths = vec![
            SettingPath::Preset,
            SettingPath::Rule,
            SettingPath::RateCount,
            SettingPath::DurationMinutes,
            SettingPath::Samples,
            SettingPath::DetailedEvents,
        ];
        for index in [0, 7] {
            paths.extend(fields.map(|field| SettingPath::Target { index, field }));
        }
        let mut ids: Vec<String> = paths.iter().map(control_of).collect();
        assert!(ids.iter().all(|id| id.starts_with("sim-")), "{ids:?}");
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "two settings share a control");
        assert_eq!(control_of(&SettingPath::DurationMinutes), "sim-duration");
        assert_eq!(
            control_of(&SettingPath::Target {
                index: 3,
                field: TargetField::OutageUntilMinute
            }),
            "sim-target-3-outage-until"
        );
    }
}
