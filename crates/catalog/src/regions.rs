//! The regions where partner event sources are offered, and their ARN partitions.

use serde::{Deserialize, Serialize};

/// The first field after `arn:` in every ARN. The China regions live in their own partition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Partition {
    #[serde(rename = "aws")]
    Aws,
    #[serde(rename = "aws-cn")]
    AwsCn,
}

impl Partition {
    pub fn as_str(self) -> &'static str {
        match self {
            Partition::Aws => "aws",
            Partition::AwsCn => "aws-cn",
        }
    }

    /// The partition of any region code, listed or not: AWS names every China region `cn-…`
    /// (tests check this agrees with [`Region::partition`] for every listed region).
    pub fn of_region_code(code: &str) -> Partition {
        if code.starts_with("cn-") {
            Partition::AwsCn
        } else {
            Partition::Aws
        }
    }
}

/// One region of the seed's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Region {
    code: &'static str,
    name: &'static str,
    partition: Partition,
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

    pub fn partition(&self) -> Partition {
        self.partition
    }
}

const fn aws(code: &'static str, name: &'static str) -> Region {
    Region {
        code,
        name,
        partition: Partition::Aws,
    }
}

const fn china(code: &'static str, name: &'static str) -> Region {
    Region {
        code,
        name,
        partition: Partition::AwsCn,
    }
}

static REGIONS: [Region; 23] = [
    aws("us-east-1", "US East (N. Virginia)"),
    aws("us-east-2", "US East (Ohio)"),
    aws("us-west-1", "US West (N. California)"),
    aws("us-west-2", "US West (Oregon)"),
    aws("ca-central-1", "Canada (Central)"),
    aws("eu-central-1", "Europe (Frankfurt)"),
    aws("eu-west-1", "Europe (Ireland)"),
    aws("eu-west-2", "Europe (London)"),
    aws("eu-west-3", "Europe (Paris)"),
    aws("eu-north-1", "Europe (Stockholm)"),
    aws("eu-south-1", "Europe (Milan)"),
    aws("af-south-1", "Africa (Cape Town)"),
    aws("ap-east-1", "Asia Pacific (Hong Kong)"),
    aws("ap-northeast-1", "Asia Pacific (Tokyo)"),
    aws("ap-northeast-2", "Asia Pacific (Seoul)"),
    aws("ap-northeast-3", "Asia Pacific (Osaka)"),
    aws("ap-southeast-1", "Asia Pacific (Singapore)"),
    aws("ap-southeast-2", "Asia Pacific (Sydney)"),
    aws("ap-southeast-3", "Asia Pacific (Jakarta)"),
    china("cn-north-1", "China (Beijing)"),
    china("cn-northwest-1", "China (Ningxia)"),
    aws("me-south-1", "Middle East (Bahrain)"),
    aws("sa-east-1", "South America (São Paulo)"),
];

/// All 23 regions of the seed, in the seed's order.
pub fn regions() -> &'static [Region] {
    &REGIONS
}

/// The listed region with this exact code.
pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|region| region.code == code)
}
