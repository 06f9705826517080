//! The regions where partner event sources are offered (the seed's list). Their partitions
//! come from `aws_model::Partition`, which knows every partition, not only this list's.

use aws_model::Partition;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// One region of the seed's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region {
    code: &'static str,
    name: &'static str,
}

impl Region {
    /// The region code, e.g. `eu-west-1`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The display name, e.g. `Europe (Ireland)`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The partition of the region's ARNs.
    pub fn partition(&self) -> Partition {
        Partition::of_region(self.code)
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut region = serializer.serialize_struct("Region", 3)?;
        region.serialize_field("code", self.code)?;
        region.serialize_field("name", self.name)?;
        region.serialize_field("partition", &self.partition())?;
        region.end()
    }
}

const fn listed(code: &'static str, name: &'static str) -> Region {
    Region { code, name }
}

/// Source: the partner event source regions of
/// <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-saas.html> (2023 list).
static REGIONS: [Region; 23] = [
    listed("us-east-1", "US East (N. Virginia)"),
    listed("us-east-2", "US East (Ohio)"),
    listed("us-west-1", "US West (N. California)"),
    listed("us-west-2", "US West (Oregon)"),
    listed("ca-central-1", "Canada (Central)"),
    listed("eu-central-1", "Europe (Frankfurt)"),
    listed("eu-west-1", "Europe (Ireland)"),
    listed("eu-west-2", "Europe (London)"),
    listed("eu-west-3", "Europe (Paris)"),
    listed("eu-north-1", "Europe (Stockholm)"),
    listed("eu-south-1", "Europe (Milan)"),
    listed("af-south-1", "Africa (Cape Town)"),
    listed("ap-east-1", "Asia Pacific (Hong Kong)"),
    listed("ap-northeast-1", "Asia Pacific (Tokyo)"),
    listed("ap-northeast-2", "Asia Pacific (Seoul)"),
    listed("ap-northeast-3", "Asia Pacific (Osaka)"),
    listed("ap-southeast-1", "Asia Pacific (Singapore)"),
    listed("ap-southeast-2", "Asia Pacific (Sydney)"),
    listed("ap-southeast-3", "Asia Pacific (Jakarta)"),
    listed("cn-north-1", "China (Beijing)"),
    listed("cn-northwest-1", "China (Ningxia)"),
    listed("me-south-1", "Middle East (Bahrain)"),
    listed("sa-east-1", "South America (São Paulo)"),
];

/// All 23 regions of the seed, in the seed's order.
pub fn regions() -> &'static [Region] {
    &REGIONS
}

/// The listed region with this exact code.
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.code == code)
}
