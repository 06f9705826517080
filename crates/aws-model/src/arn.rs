//! Amazon Resource Names: one parser with typed parts, and their formatting.
//!
//! Source: `arn:partition:service:region:account-id:resource`, where the resource may itself
//! contain `:` and `/`, and region and account are empty for resources that have none (IAM
//! roles have no region, S3 buckets neither, partner event sources no account)
//! (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html>).

use std::fmt;

use crate::account::AccountId;
use crate::region::Partition;

/// Longest ARN the EventBridge API takes for a target, its role and its dead-letter queue
/// (`Arn`, `RoleArn`, `DeadLetterConfig.Arn`:
/// <https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_Target.html>).
pub const MAX_ARN_CHARS: usize = 1600;

/// An ARN split into its fields. The text is borrowed, not copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Arn<'a> {
    partition: Partition,
    service: &'a str,
    region: &'a str,
    account: &'a str,
    resource: &'a str,
}

impl<'a> Arn<'a> {
    /// Reads `arn:<partition>:<service>:<region>:<account>:<resource>`. The partition must be a
    /// known one and the service and resource non-empty; region and account may be empty.
    /// Nothing is trimmed.
    pub fn parse(text: &'a str) -> Result<Arn<'a>, ArnError> {
        let arn = Arn::parse_allowing_empty_resource(text)?;
        if arn.resource.is_empty() {
            return Err(ArnError::new(ErrorKind::NoResource));
        }
        Ok(arn)
    }

    /// [`Arn::parse`] without the resource check, for checks that word an empty resource as
    /// a wrong resource shape.
    pub(crate) fn parse_allowing_empty_resource(text: &'a str) -> Result<Arn<'a>, ArnError> {
        let Some(rest) = text.strip_prefix("arn:") else {
            return Err(ArnError::new(ErrorKind::NoPrefix));
        };
        let mut fields = rest.splitn(5, ':');
        let mut next = || fields.next();
        let (Some(partition), Some(service), Some(region), Some(account), Some(resource)) =
            (next(), next(), next(), next(), next())
        else {
            return Err(ArnError::new(ErrorKind::TooFewFields));
        };
        let partition = partition
            .parse::<Partition>()
            .map_err(|_| ArnError::new(ErrorKind::UnknownPartition(echo(partition))))?;
        if service.is_empty() {
            return Err(ArnError::new(ErrorKind::NoService));
        }
        Ok(Arn {
            partition,
            service,
            region,
            account,
            resource,
        })
    }

    /// An ARN from its parts, for formatting with `to_string()`.
    pub fn new(
        partition: Partition,
        service: &'a str,
        region: &'a str,
        account: &'a str,
        resource: &'a str,
    ) -> Arn<'a> {
        Arn {
            partition,
            service,
            region,
            account,
            resource,
        }
    }

    /// An ARN of a resource in `region`, in that region's partition.
    pub fn in_region(
        service: &'a str,
        region: &'a str,
        account: &'a str,
        resource: &'a str,
    ) -> Arn<'a> {
        Arn::new(
            Partition::of_region(region),
            service,
            region,
            account,
            resource,
        )
    }

    /// The partition (`aws`, `aws-cn`, ...).
    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The service namespace (`sqs`, `events`, `iam`, ...).
    pub fn service(&self) -> &'a str {
        self.service
    }

    /// The region field; empty for global resources such as IAM roles.
    pub fn region(&self) -> &'a str {
        self.region
    }

    /// The account field as written; empty for resources without one, and not always an
    /// account id (AWS managed IAM policies have `aws` there).
    pub fn account(&self) -> &'a str {
        self.account
    }

    /// The account field when it is an account id.
    pub fn account_id(&self) -> Option<AccountId> {
        AccountId::parse(self.account).ok()
    }

    /// Everything after the account field, colons and slashes included.
    pub fn resource(&self) -> &'a str {
        self.resource
    }

    /// The same ARN with other region and account fields (the partition follows the region).
    pub fn relocated<'b>(&self, region: &'b str, account: &'b str) -> Arn<'b>
    where
        'a: 'b,
    {
        Arn::new(
            Partition::of_region(region),
            self.service,
            region,
            account,
            self.resource,
        )
    }
}

impl fmt::Display for Arn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition.as_str(),
            self.service,
            self.region,
            self.account,
            self.resource
        )
    }
}

/// Why a text is not an ARN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArnError {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    NoPrefix,
    TooFewFields,
    /// The partition as written (cut if very long).
    UnknownPartition(String),
    NoService,
    NoResource,
}

impl ArnError {
    fn new(kind: ErrorKind) -> Self {
        ArnError { kind }
    }

    /// The partition field, when that is what is wrong with the ARN.
    pub fn unknown_partition(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::UnknownPartition(partition) => Some(partition),
            _ => None,
        }
    }

    /// True when the ARN is complete up to the account but has nothing after it.
    pub fn is_missing_resource(&self) -> bool {
        self.kind == ErrorKind::NoResource
    }
}

impl fmt::Display for ArnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::NoPrefix => f.write_str("an ARN starts with \"arn:\""),
            ErrorKind::TooFewFields => f.write_str(
                "an ARN has six fields separated by ':' (arn:partition:service:region:account:resource)",
            ),
            ErrorKind::UnknownPartition(partition) => write!(
                f,
                "'{partition}' is not an AWS partition (one of {})",
                Partition::NAMES.join(", ")
            ),
            ErrorKind::NoService => f.write_str("the ARN has no service after its partition"),
            ErrorKind::NoResource => f.write_str("the ARN has no resource after its account"),
        }
    }
}

impl std::error::Error for ArnError {}

/// At most 64 characters of a value, for messages.
pub(crate) fn echo(value: &str) -> String {
    const ECHO_LIMIT: usize = 64;
    match value.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}...", &value[..cut]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_keeps_colons_in_the_resource() {
        let arn = Arn::parse("arn:aws:logs:us-east-1:123456789012:log-group:/aws/events/x:*")
            .expect("an ARN");
        assert_eq!(arn.partition(), Partition::Aws);
        assert_eq!(arn.service(), "logs");
        assert_eq!(arn.region(), "us-east-1");
        assert_eq!(arn.account(), "123456789012");
        assert_eq!(
            arn.account_id().map(|id| id.to_string()).as_deref(),
            Some("123456789012")
        );
        assert_eq!(arn.resource(), "log-group:/aws/events/x:*");
    }

    #[test]
    fn parse_then_display_gives_the_text_back() {
        for text in [
            "arn:aws:sqs:us-east-1:123456789012:orders",
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:$LATEST",
            "arn:aws:iam::123456789012:role/service-role/r",
            "arn:aws:s3:::bucket-with-account-123456789012",
            "arn:aws:events:us-east-1::event-source/aws.partner/example.com/a1/b2",
            "arn:aws:iam::aws:policy/AdministratorAccess",
            "arn:aws-iso-b:sqs:us-isob-east-1:123456789012:q",
        ] {
            let arn = Arn::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(arn.to_string(), text);
        }
        let s3 = Arn::parse("arn:aws:s3:::bucket").unwrap();
        assert_eq!((s3.region(), s3.account(), s3.account_id()), ("", "", None));
        let managed = Arn::parse("arn:aws:iam::aws:policy/P").unwrap();
        assert_eq!(managed.account_id(), None);
    }

    #[test]
    fn parse_errors_say_what_is_missing() {
        let table: &[(&str, &str)] = &[
            ("", "starts with \"arn:\""),
            ("urn:aws:sqs:us-east-1:1:q", "starts with \"arn:\""),
            ("ARN:aws:sqs:us-east-1:1:q", "starts with \"arn:\""),
            ("arn", "starts with \"arn:\""),
            ("arn:aws:sqs", "six fields"),
            ("arn:aws:sqs:r:a", "six fields"),
            (
                "arn:moon:sqs:us-east-1:123456789012:q",
                "'moon' is not an AWS partition",
            ),
            (
                "arn::sqs:us-east-1:123456789012:q",
                "'' is not an AWS partition",
            ),
            ("arn:aws::us-east-1:123456789012:q", "no service"),
            ("arn:aws:sqs:us-east-1:123456789012:", "no resource"),
        ];
        for (text, fragment) in table {
            let error = Arn::parse(text).expect_err(text);
            assert!(error.to_string().contains(fragment), "{text}: {error}");
        }
        let error = Arn::parse("arn:moon:sqs:us-east-1:123456789012:q").unwrap_err();
        assert_eq!(error.unknown_partition(), Some("moon"));
        assert!(Arn::parse("arn:aws:sqs:r:a:")
            .unwrap_err()
            .is_missing_resource());
        let long = format!("arn:{}:sqs:r:a:q", "p".repeat(5000));
        assert!(Arn::parse(&long).unwrap_err().to_string().len() < 300);
    }

    #[test]
    fn relocated_follows_the_new_partition() {
        let arn = Arn::parse("arn:aws:lambda:us-east-1:123456789012:function:f").unwrap();
        assert_eq!(
            arn.relocated("cn-north-1", "210987654321").to_string(),
            "arn:aws-cn:lambda:cn-north-1:210987654321:function:f"
        );
        assert_eq!(
            Arn::in_region("sqs", "us-gov-west-1", "123456789012", "q").to_string(),
            "arn:aws-us-gov:sqs:us-gov-west-1:123456789012:q"
        );
    }
}
