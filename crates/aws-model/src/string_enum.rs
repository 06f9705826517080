//! One declaration for a plain enum and its string names.
//!
//! Many enums of the workspace are written to JSON, put in URLs and offered in `<select>`
//! menus, and each used to repeat its names three times: in serde attributes, in an `ALL`
//! table and in `value`/`from_value` functions. [`string_enum!`](crate::string_enum) writes the
//! enum once with its names and derives the rest, so the names cannot drift apart. Labels
//! (human prose) stay hand-written next to the enum.

use std::fmt;

/// A name that is not one of an enum's names (from [`std::str::FromStr`] on a
/// [`string_enum!`](crate::string_enum) type).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    type_name: &'static str,
    name: String,
}

impl UnknownName {
    #[doc(hidden)]
    pub fn new(type_name: &'static str, name: &str) -> Self {
        // A hostile megabyte-long value must not become a megabyte-long message.
        const ECHO_LIMIT: usize = 64;
        let name = match name.char_indices().nth(ECHO_LIMIT) {
            Some((cut, _)) => format!("{}...", &name[..cut]),
            None => name.to_owned(),
        };
        UnknownName { type_name, name }
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is not a {}", self.name, self.type_name)
    }
}

impl std::error::Error for UnknownName {}

/// Declares a field-less enum together with its names, and derives from that one list:
///
/// - `ALL`: every variant in declaration order (an array, so `for v in T::ALL` works);
/// - `NAMES`: the names in the same order;
/// - `as_str(self)`: the variant's name;
/// - [`FromStr`](std::str::FromStr), which also accepts the aliases written after `|`
///   (old names kept readable);
/// - `Serialize` and `Deserialize` as that name, like a serde derive with the same renames.
///
/// The enum must be `Copy`; its derives and docs are written as usual.
///
/// ```
/// aws_model::string_enum! {
///     /// How often.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Unit {
///         Second = "second",
///         Minute = "minute" | "min",
///     }
/// }
///
/// assert_eq!(Unit::ALL, [Unit::Second, Unit::Minute]);
/// assert_eq!(Unit::Minute.as_str(), "minute");
/// assert_eq!("min".parse::<Unit>(), Ok(Unit::Minute));
/// assert!("hour".parse::<Unit>().is_err());
/// ```
#[macro_export]
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $value:literal $(| $alias:literal)*
            ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($crate::string_enum!(@unit $variant)),+].len()] =
                [$($name::$variant),+];

            /// The name of every variant, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($value),+];

            /// The variant's name, as written to JSON and accepted by `from_str`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $value, )+
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::UnknownName;

            fn from_str(name: &str) -> ::core::result::Result<Self, Self::Err> {
                match name {
                    $( $value $(| $alias)* => ::core::result::Result::Ok($name::$variant), )+
                    _ => ::core::result::Result::Err(
                        $crate::UnknownName::new(stringify!($name), name),
                    ),
                }
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
            where
                S: $crate::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::core::result::Result<Self, D::Error>
            where
                D: $crate::__private::serde::Deserializer<'de>,
            {
                struct NameVisitor;

                impl<'de> $crate::__private::serde::de::Visitor<'de> for NameVisitor {
                    type Value = $name;

                    fn expecting(
                        &self,
                        formatter: &mut ::core::fmt::Formatter<'_>,
                    ) -> ::core::fmt::Result {
                        formatter.write_str(concat!("a ", stringify!($name), " name"))
                    }

                    fn visit_str<E>(self, name: &str) -> ::core::result::Result<$name, E>
                    where
                        E: $crate::__private::serde::de::Error,
                    {
                        name.parse()
                            .map_err(|_| E::unknown_variant(name, $name::NAMES))
                    }
                }

                deserializer.deserialize_str(NameVisitor)
            }
        }
    };
    (@unit $variant:ident) => { () };
}

#[cfg(test)]
mod tests {
    crate::string_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        enum Colour {
            #[default]
            Red = "red",
            /// Documented variants keep their docs.
            DarkBlue = "dark-blue" | "navy" | "dark_blue",
            Green = "GREEN",
        }
    }

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Paint {
        colour: Colour,
        #[serde(default)]
        other: Colour,
    }

    #[test]
    fn tables_follow_the_declaration() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue, Colour::Green]);
        assert_eq!(Colour::NAMES, ["red", "dark-blue", "GREEN"]);
        for colour in Colour::ALL {
            assert_eq!(colour.as_str().parse::<Colour>(), Ok(colour));
        }
    }

    #[test]
    fn aliases_read_but_are_never_written() {
        for alias in ["navy", "dark_blue", "dark-blue"] {
            assert_eq!(alias.parse::<Colour>(), Ok(Colour::DarkBlue), "{alias}");
        }
        assert_eq!(Colour::DarkBlue.as_str(), "dark-blue");
    }

    #[test]
    fn serde_uses_the_names() {
        let paint = Paint {
            colour: Colour::DarkBlue,
            other: Colour::Green,
        };
        let json = serde_json::to_string(&paint).unwrap();
        assert_eq!(json, r#"{"colour":"dark-blue","other":"GREEN"}"#);
        assert_eq!(serde_json::from_str::<Paint>(&json).unwrap(), paint);
        let old: Paint = serde_json::from_str(r#"{"colour":"navy"}"#).unwrap();
        assert_eq!(old.colour, Colour::DarkBlue);
        assert_eq!(old.other, Colour::Red);
    }

    #[test]
    fn unknown_names_are_refused_with_the_known_ones() {
        let error = serde_json::from_str::<Paint>(r#"{"colour":"Red"}"#).unwrap_err();
        let message = error.to_string();
        assert!(message.contains("unknown variant `Red`"), "{message}");
        assert!(message.contains("`red`, `dark-blue`, `GREEN`"), "{message}");
        assert!(serde_json::from_str::<Paint>(r#"{"colour":1}"#).is_err());
        let long = "x".repeat(10_000);
        let error = long.parse::<Colour>().unwrap_err().to_string();
        assert!(error.len() < 120, "{error}");
        assert!(error.ends_with("...' is not a Colour"), "{error}");
    }
}
