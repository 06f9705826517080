//! IP addresses and CIDR ranges, following event-ruler's `CIDR` rules and messages.

use serde::Serialize;
use std::net::Ipv6Addr;

/// An IPv4 or IPv6 address as a 128-bit number plus its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IpAddress {
    v6: bool,
    bits: u128,
}

/// Would event-ruler call this string an IP address literal? (Its "looks like an IP" regexes.)
fn looks_like_ip(text: &str) -> bool {
    looks_like_ipv4(text) || looks_like_ipv6(text)
}

fn looks_like_ipv4(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn looks_like_ipv6(text: &str) -> bool {
    text.contains(':') && text.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
}

fn parse_ipv4(text: &str) -> Option<IpAddress> {
    let mut bits = 0u128;
    for part in text.split('.') {
        // Leading zeros are read as decimal, like Java's literal parser.
        let digits = part.trim_start_matches('0');
        if digits.len() > 3 {
            return None;
        }
        let n: u32 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        if n > 255 {
            return None;
        }
        bits = (bits << 8) | u128::from(n);
    }
    Some(IpAddress { v6: false, bits })
}

/// Parses an address literal the way event-ruler recognises one; `None` for anything else.
pub(crate) fn parse_ip(text: &str) -> Option<IpAddress> {
    if looks_like_ipv4(text) {
        return parse_ipv4(text);
    }
    if looks_like_ipv6(text) {
        let addr: Ipv6Addr = text.parse().ok()?;
        // Java hands back IPv4-mapped addresses (::ffff:a.b.c.d) as plain IPv4 addresses.
        if let Some(v4) = addr.to_ipv4_mapped() {
            return Some(IpAddress {
                v6: false,
                bits: u128::from(u32::from(v4)),
            });
        }
        return Some(IpAddress {
            v6: true,
            bits: u128::from(addr),
        });
    }
    None
}

/// An inclusive address range from a `cidr` pattern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CidrRange {
    source: String,
    #[serde(skip)]
    v6: bool,
    #[serde(skip)]
    low: u128,
    #[serde(skip)]
    high: u128,
}

impl CidrRange {
    /// Parses `address/bits`, with event-ruler's error messages.
    pub(crate) fn parse(text: &str) -> Result<CidrRange, String> {
        // Java's String.split drops trailing empty parts, so "10.0.0.0/" has only one part.
        let mut parts: Vec<&str> = text.split('/').collect();
        while parts.last() == Some(&"") {
            parts.pop();
        }
        if parts.len() != 2 {
            return Err("Malformed CIDR, one '/' required".to_owned());
        }
        let mask_bits = parse_java_int(parts[1])
            .ok_or_else(|| "Malformed CIDR, mask bits must be an integer".to_owned())?;
        if mask_bits < 0 {
            return Err("Malformed CIDR, mask bits must not be negative".to_owned());
        }
        let address = parts[0];
        let ip = if looks_like_ip(address) {
            parse_ip(address).ok_or_else(|| format!("Invalid IP address: {address}"))?
        } else {
            return Err(format!("Nonstandard IP address: {address}"));
        };
        let width: i64 = if ip.v6 { 128 } else { 32 };
        if mask_bits >= width {
            return Err(if ip.v6 {
                "IPv6 mask bits must be < 128".to_owned()
            } else {
                "IPv4 mask bits must be < 32".to_owned()
            });
        }
        let host_bits = (width - mask_bits) as u32;
        let host_mask: u128 = if host_bits == 128 {
            u128::MAX
        } else {
            (1u128 << host_bits) - 1
        };
        Ok(CidrRange {
            source: text.to_owned(),
            v6: ip.v6,
            low: ip.bits & !host_mask,
            high: ip.bits | host_mask,
        })
    }

    /// The network as written in the pattern.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The first and last address of the range.
    pub(crate) fn bounds(&self) -> (IpAddress, IpAddress) {
        let at = |bits| IpAddress { v6: self.v6, bits };
        (at(self.low), at(self.high))
    }

    pub(crate) fn contains(&self, value: &str) -> bool {
        parse_ip(value)
            .is_some_and(|ip| ip.v6 == self.v6 && ip.bits >= self.low && ip.bits <= self.high)
    }
}

/// Java's `Integer.parseInt`: optional sign, decimal digits, must fit in 32 bits.
fn parse_java_int(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = text.parse().ok()?;
    (i64::from(i32::MIN)..=i64::from(i32::MAX))
        .contains(&value)
        .then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_error_messages() {
        let table = [
            ("bad-filter", "Malformed CIDR, one '/' required"),
            ("10.0.0.0/", "Malformed CIDR, one '/' required"),
            ("a/b/c", "Malformed CIDR, one '/' required"),
            (
                "bad-/64filter",
                "Malformed CIDR, mask bits must be an integer",
            ),
            (
                "10.0.0.0/-1",
                "Malformed CIDR, mask bits must not be negative",
            ),
            ("xx.11.xx/8", "Nonstandard IP address: xx.11.xx"),
            (
                "xxxx:db8:1234:1a00::/64",
                "Nonstandard IP address: xxxx:db8:1234:1a00::",
            ),
            ("999.0.0.1/8", "Invalid IP address: 999.0.0.1"),
            ("10.0.0.1/32", "IPv4 mask bits must be < 32"),
            ("::1/128", "IPv6 mask bits must be < 128"),
        ];
        for (text, want) in table {
            assert_eq!(CidrRange::parse(text).unwrap_err(), want, "for {text}");
        }
    }

    #[test]
    fn cidr_membership() {
        let r = CidrRange::parse("10.0.0.0/24").unwrap();
        assert!(r.contains("10.0.0.255"));
        assert!(r.contains("10.0.0.0"));
        assert!(!r.contains("10.0.1.0"));
        assert!(!r.contains("10.0.0.256"));
        // Host bits in the pattern's address are ignored (the range starts at the network floor).
        let r = CidrRange::parse("10.0.0.77/24").unwrap();
        assert!(r.contains("10.0.0.1"));
        let r = CidrRange::parse("2001:db8:1234:1a00::/64").unwrap();
        assert!(r.contains("2001:0db8:1234:1a00:0000:0000:0000:0000"));
        assert!(!r.contains("2001:0db8:123f:1a01:0000:0000:0000:0000"));
        assert!(!r.contains("10.0.0.1"));
        let everything = CidrRange::parse("0.0.0.0/0").unwrap();
        assert!(everything.contains("255.255.255.255"));
    }

    #[test]
    fn textual_variants_of_one_address_are_equal() {
        assert_eq!(
            parse_ip("2001:db8::1"),
            parse_ip("2001:0db8:0000:0000:0000:0000:0000:0001")
        );
        assert_eq!(parse_ip("010.0.0.1"), parse_ip("10.0.0.1"));
        assert_eq!(parse_ip("hello"), None);
    }
}
