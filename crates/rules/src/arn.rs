//! ARN parsing and the account, Region and partition checks shared by targets, roles and queues.

/// An ARN split into its six colon-separated fields; the resource keeps any further colons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Splits `arn:partition:service:region:account:resource`; `None` when the text has fewer
    /// fields or does not start with `arn:`.
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let mut fields = text.splitn(6, ':');
        if fields.next()? != "arn" {
            return None;
        }
        Some(Arn {
            partition: fields.next()?,
            service: fields.next()?,
            region: fields.next()?,
            account: fields.next()?,
            resource: fields.next()?,
        })
    }
}

/// The AWS partition a Region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...).
pub fn partition_for_region(region: &str) -> &'static str {
    // Longer prefixes first: `us-isob-` also starts with `us-iso`.
    const PREFIXES: [(&str, &str); 6] = [
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-isof-", "aws-iso-f"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or("aws", |(_, partition)| partition)
}

/// The DNS suffix of service endpoints in a Region (needed for SQS queue URLs).
pub(crate) fn dns_suffix_for_region(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    }
}

/// A Region code's shape: lowercase words joined by `-`, ending in a number (`us-east-1`,
/// `us-gov-west-1`, `ap-southeast-3`). Which Regions exist is the catalog's business.
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

/// Twelve ASCII digits.
pub fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// True when every character is an ASCII letter or digit or one of `extra`, and the length in
/// characters is within `min..=max`.
pub(crate) fn is_token(text: &str, extra: &str, min: usize, max: usize) -> bool {
    let length = text.chars().count();
    (min..=max).contains(&length)
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

/// Checks the fields every ARN in a rule shares: its partition must be the rule Region's, the
/// service must be `service`, and the account must be 12 digits. Region handling is left to
/// the caller because the rules differ (IAM has none, event buses may be elsewhere).
pub(crate) fn check_common<'a>(
    text: &'a str,
    what: &str,
    service: &str,
    rule_region: &str,
    example: &str,
) -> Result<Arn<'a>, String> {
    let Some(arn) = Arn::parse(text.trim()) else {
        return Err(format!(
            "Enter the ARN of the {what}, for example {example}."
        ));
    };
    let partition = partition_for_region(rule_region);
    if arn.partition != partition {
        return Err(format!(
            "The ARN's partition is '{}', but the rule is in {rule_region}, which is in partition '{partition}'.",
            arn.partition
        ));
    }
    if arn.service != service {
        return Err(format!(
            "This is an ARN for the '{}' service; {what} ARNs have '{service}' there, for example {example}.",
            arn.service
        ));
    }
    if !is_account_id(arn.account) {
        return Err(format!(
            "The account in the ARN must be 12 digits; found '{}'.",
            arn.account
        ));
    }
    Ok(arn)
}

/// An IAM role ARN: `arn:<partition>:iam::<account>:role/<optional/path/>name`.
pub(crate) fn check_role_arn(text: &str, rule_region: &str) -> Result<(), String> {
    let example = format!(
        "arn:{}:iam::123456789012:role/my-eventbridge-role",
        partition_for_region(rule_region)
    );
    let arn = check_common(text, "IAM role", "iam", rule_region, &example)?;
    if !arn.region.is_empty() {
        return Err(format!(
            "IAM role ARNs have no Region (two colons after 'iam'); found '{}'.",
            arn.region
        ));
    }
    let Some(path_and_name) = arn.resource.strip_prefix("role/") else {
        return Err(format!(
            "An IAM role ARN ends in role/<role-name>, for example {example}."
        ));
    };
    let role_char = "+=,.@_-";
    let mut segments: Vec<&str> = path_and_name.split('/').collect();
    let name = segments.pop().unwrap_or_default();
    if !is_token(name, role_char, 1, 64) {
        return Err("A role name has 1 to 64 letters, digits or any of + = , . @ _ -.".to_owned());
    }
    if segments
        .iter()
        .any(|segment| !is_token(segment, role_char, 1, 512))
    {
        return Err("The role's path has an empty or invalid segment.".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_keeps_colons_in_the_resource() {
        let arn = Arn::parse("arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/x:*")
            .expect("an ARN");
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "logs");
        assert_eq!(arn.region, "us-east-1");
        assert_eq!(arn.account, "123456789012");
        assert_eq!(arn.resource, "log-group:/aws/events/x:*");
    }

    #[test]
    fn parse_rejects_non_arns() {
        for text in [
            "",
            "arn",
            "arn:aws:sqs",
            "urn:aws:sqs:us-east-1:1:q",
            "arn:aws:sqs:r:a",
        ] {
            assert_eq!(Arn::parse(text), None, "{text}");
        }
    }

    #[test]
    fn partitions_follow_the_region_prefix() {
        let table = [
            ("us-east-1", "aws"),
            ("eu-west-3", "aws"),
            ("cn-north-1", "aws-cn"),
            ("cn-northwest-1", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
        ];
        for (region, partition) in table {
            assert_eq!(partition_for_region(region), partition, "{region}");
        }
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
        ] {
            assert!(!is_region_code(bad), "{bad}");
        }
    }

    #[test]
    fn account_ids_are_twelve_digits() {
        assert!(is_account_id("123456789012"));
        for bad in [
            "",
            "12345678901",
            "1234567890123",
            "12345678901a",
            "１２３４５６７８９０１２",
        ] {
            assert!(!is_account_id(bad), "{bad}");
        }
    }

    #[test]
    fn role_arns() {
        let table: [(&str, &str, Option<&str>); 9] = [
            ("arn:aws:iam::123456789012:role/my-role", "us-east-1", None),
            (
                "arn:aws:iam::123456789012:role/service-role/my.role@x",
                "us-east-1",
                None,
            ),
            ("arn:aws-cn:iam::123456789012:role/r", "cn-north-1", None),
            (
                "arn:aws:iam::123456789012:role/r",
                "cn-north-1",
                Some("partition"),
            ),
            (
                "arn:aws:iam:us-east-1:123456789012:role/r",
                "us-east-1",
                Some("no Region"),
            ),
            (
                "arn:aws:iam::123456789012:user/bob",
                "us-east-1",
                Some("role/<role-name>"),
            ),
            ("arn:aws:iam::1234:role/r", "us-east-1", Some("12 digits")),
            (
                "arn:aws:sts::123456789012:role/r",
                "us-east-1",
                Some("'sts' service"),
            ),
            ("my-role", "us-east-1", Some("Enter the ARN")),
        ];
        for (arn, region, expected) in table {
            let result = check_role_arn(arn, region);
            match expected {
                None => assert_eq!(result, Ok(()), "{arn}"),
                Some(fragment) => {
                    let message = result.expect_err(arn);
                    assert!(message.contains(fragment), "{arn}: {message}");
                }
            }
        }
        let long_name = format!("arn:aws:iam::123456789012:role/{}", "r".repeat(65));
        assert!(check_role_arn(&long_name, "us-east-1").is_err());
    }
}
