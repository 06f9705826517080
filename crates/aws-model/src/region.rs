//! Region codes and the partitions they belong to.
//!
//! Source for partitions, their region patterns and DNS suffixes: the partition table the AWS
//! SDKs share,
//! <https://github.com/aws/aws-sdk-js-v3/blob/main/packages/util-endpoints/src/lib/aws/partitions.json>
//! (each partition's `regionRegex` and `outputs.dnsSuffix`), and the overview at
//! <https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html>.

crate::string_enum! {
    /// An AWS partition: the first field after `arn:` in every ARN, and the DNS domain of the
    /// service endpoints. Regions of different partitions share nothing (no cross-partition
    /// targets, ARNs or accounts).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Partition {
        /// The commercial regions.
        Aws = "aws",
        /// The China regions (`cn-…`).
        AwsCn = "aws-cn",
        /// AWS GovCloud (US) (`us-gov-…`).
        AwsUsGov = "aws-us-gov",
        /// AWS ISO (US) (`us-iso-…`).
        AwsIso = "aws-iso",
        /// AWS ISOB (US) (`us-isob-…`).
        AwsIsoB = "aws-iso-b",
        /// AWS ISOE (Europe) (`eu-isoe-…`).
        AwsIsoE = "aws-iso-e",
        /// AWS ISOF (`us-isof-…`).
        AwsIsoF = "aws-iso-f",
        /// AWS European Sovereign Cloud (`eusc-de-…`).
        AwsEusc = "aws-eusc",
    }
}

impl Partition {
    /// The partition of a region code, listed anywhere or not. Follows the SDKs' rule: the
    /// partition whose region pattern matches, and `aws` for a code that matches none.
    pub fn of_region(code: &str) -> Partition {
        Partition::ALL
            .into_iter()
            .find(|partition| partition.matches_region(code))
            .unwrap_or(Partition::Aws)
    }

    /// The DNS suffix of the partition's service endpoints (`sqs.<region>.<suffix>`).
    pub const fn dns_suffix(self) -> &'static str {
        match self {
            Partition::Aws | Partition::AwsUsGov => "amazonaws.com",
            Partition::AwsCn => "amazonaws.com.cn",
            Partition::AwsIso => "c2s.ic.gov",
            Partition::AwsIsoB => "sc2s.sgov.gov",
            Partition::AwsIsoE => "cloud.adc-e.uk",
            Partition::AwsIsoF => "csp.hci.ic.gov",
            Partition::AwsEusc => "amazonaws.eu",
        }
    }

    /// The leading words of the partition's region codes (its `regionRegex` is one of these,
    /// then `-<word>-<number>`).
    const fn region_prefixes(self) -> &'static [&'static str] {
        match self {
            Partition::Aws => &["us", "eu", "ap", "sa", "ca", "me", "af", "il", "mx"],
            Partition::AwsCn => &["cn"],
            Partition::AwsUsGov => &["us-gov"],
            Partition::AwsIso => &["us-iso"],
            Partition::AwsIsoB => &["us-isob"],
            Partition::AwsIsoE => &["eu-isoe"],
            Partition::AwsIsoF => &["us-isof"],
            Partition::AwsEusc => &["eusc-de"],
        }
    }

    /// True when `code` matches this partition's region pattern: one of its prefixes, then
    /// `-`, a word of letters, digits or `_`, `-` and a number.
    pub fn matches_region(self, code: &str) -> bool {
        self.region_prefixes().iter().any(|prefix| {
            code.strip_prefix(prefix)
                .and_then(|rest| rest.strip_prefix('-'))
                .and_then(|rest| rest.split_once('-'))
                .is_some_and(|(word, number)| {
                    !word.is_empty()
                        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                        && !number.is_empty()
                        && number.bytes().all(|b| b.is_ascii_digit())
                })
        })
    }
}

impl std::fmt::Display for Partition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a text has the shape of a region code: lowercase words joined by `-`, at least two
/// of them, then a number of one or two digits (`us-east-1`, `us-gov-west-1`,
/// `eusc-de-east-1`). Every region of every partition has this shape (see the module's
/// source); which regions exist is a list's business, not this check's.
pub fn is_region_code(text: &str) -> bool {
    let mut parts = text.split('-').peekable();
    let mut words = 0;
    while let Some(part) = parts.next() {
        let last = parts.peek().is_none();
        let ok = if last {
            !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit())
        } else {
            !part.is_empty() && part.len() <= 12 && part.bytes().all(|b| b.is_ascii_lowercase())
        };
        if !ok {
            return false;
        }
        words += 1;
    }
    words >= 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every region of the SDKs' partition table (see the module's source), with its partition.
    const REGIONS: &[(&str, Partition)] = &[
        ("af-south-1", Partition::Aws),
        ("ap-east-1", Partition::Aws),
        ("ap-northeast-1", Partition::Aws),
        ("ap-northeast-2", Partition::Aws),
        ("ap-northeast-3", Partition::Aws),
        ("ap-south-1", Partition::Aws),
        ("ap-south-2", Partition::Aws),
        ("ap-southeast-1", Partition::Aws),
        ("ap-southeast-2", Partition::Aws),
        ("ap-southeast-3", Partition::Aws),
        ("ap-southeast-4", Partition::Aws),
        ("ap-southeast-5", Partition::Aws),
        ("ap-southeast-7", Partition::Aws),
        ("ca-central-1", Partition::Aws),
        ("ca-west-1", Partition::Aws),
        ("eu-central-1", Partition::Aws),
        ("eu-central-2", Partition::Aws),
        ("eu-north-1", Partition::Aws),
        ("eu-south-1", Partition::Aws),
        ("eu-south-2", Partition::Aws),
        ("eu-west-1", Partition::Aws),
        ("eu-west-2", Partition::Aws),
        ("eu-west-3", Partition::Aws),
        ("il-central-1", Partition::Aws),
        ("me-central-1", Partition::Aws),
        ("me-south-1", Partition::Aws),
        ("mx-central-1", Partition::Aws),
        ("sa-east-1", Partition::Aws),
        ("us-east-1", Partition::Aws),
        ("us-east-2", Partition::Aws),
        ("us-west-1", Partition::Aws),
        ("us-west-2", Partition::Aws),
        ("cn-north-1", Partition::AwsCn),
        ("cn-northwest-1", Partition::AwsCn),
        ("us-gov-east-1", Partition::AwsUsGov),
        ("us-gov-west-1", Partition::AwsUsGov),
        ("us-iso-east-1", Partition::AwsIso),
        ("us-iso-west-1", Partition::AwsIso),
        ("us-isob-east-1", Partition::AwsIsoB),
        ("eu-isoe-west-1", Partition::AwsIsoE),
        ("us-isof-east-1", Partition::AwsIsoF),
        ("us-isof-south-1", Partition::AwsIsoF),
        ("eusc-de-east-1", Partition::AwsEusc),
    ];

    #[test]
    fn every_known_region_is_in_exactly_its_partition() {
        for &(code, partition) in REGIONS {
            assert_eq!(Partition::of_region(code), partition, "{code}");
            let matching: Vec<Partition> = Partition::ALL
                .into_iter()
                .filter(|p| p.matches_region(code))
                .collect();
            assert_eq!(matching, [partition], "{code}");
            assert!(is_region_code(code), "{code}");
        }
    }

    #[test]
    fn dns_suffixes_per_partition() {
        let table = [
            ("us-east-1", "amazonaws.com"),
            ("us-gov-west-1", "amazonaws.com"),
            ("cn-north-1", "amazonaws.com.cn"),
            ("us-iso-east-1", "c2s.ic.gov"),
            ("us-isob-east-1", "sc2s.sgov.gov"),
            ("eu-isoe-west-1", "cloud.adc-e.uk"),
            ("us-isof-south-1", "csp.hci.ic.gov"),
            ("eusc-de-east-1", "amazonaws.eu"),
        ];
        for (code, suffix) in table {
            assert_eq!(Partition::of_region(code).dns_suffix(), suffix, "{code}");
        }
    }

    /// Regression: the catalog's partition rule knew only `cn-`, so a GovCloud or ISO region
    /// got `aws` ARNs and `amazonaws.com` queue URLs.
    #[test]
    fn regression_partitions_beyond_china() {
        assert_eq!(Partition::of_region("us-gov-east-1"), Partition::AwsUsGov);
        assert_eq!(Partition::of_region("us-isob-east-1"), Partition::AwsIsoB);
        assert_ne!(Partition::of_region("us-isob-east-1"), Partition::AwsIso);
    }

    #[test]
    fn codes_of_no_partition_fall_back_to_aws() {
        for code in ["", "moon-1", "xx-east-1", "cn", "us-gov", "US-EAST-1"] {
            assert_eq!(Partition::of_region(code), Partition::Aws, "{code}");
        }
        assert!(!Partition::AwsCn.matches_region("cn-north"));
        assert!(!Partition::AwsCn.matches_region("cn--1"));
        assert!(!Partition::AwsCn.matches_region("cn-north-"));
    }

    #[test]
    fn partition_names_round_trip() {
        for partition in Partition::ALL {
            assert_eq!(partition.as_str().parse::<Partition>(), Ok(partition));
            assert_eq!(partition.to_string(), partition.as_str());
        }
        assert_eq!(Partition::AwsIsoB.as_str(), "aws-iso-b");
    }

    #[test]
    fn region_codes_are_recognised_by_shape() {
        for good in [
            "us-east-1",
            "ap-southeast-3",
            "us-gov-west-1",
            "il-central-1",
        ] {
            assert!(is_region_code(good), "{good}");
        }
        for bad in [
            "",
            "us-east",
            "US-EAST-1",
            "us_east_1",
            "us-east-x",
            "east-1",
            "us--1",
            "us-east-123",
            "verylongwordxx-east-1",
        ] {
            assert!(!is_region_code(bad), "{bad}");
        }
    }
}
