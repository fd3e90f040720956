//! How protobuf's JSON mapping writes values, so models read whatever a gateway sends:
//! enums as names (or numbers), 64-bit integers as strings (or numbers), and omitted
//! defaults. Enums keep names this client does not know in an `Other` variant.

/// Declares a protobuf enum that reads its name or number and keeps unknown names.
macro_rules! proto_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($text:literal, $number:literal), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this client does not know, kept as the server sent it.
            Other(String),
        }

        impl $name {
            /// The value's name, as the server writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(text) => text,
                }
            }

            /// The value of a name; an unknown name is kept in `Other`.
            pub fn from_name(name: &str) -> Self {
                match name {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_owned()),
                }
            }

            /// The value of a number; an unknown number is kept, as text, in `Other`.
            pub fn from_number(number: i64) -> Self {
                match number {
                    $( $number => $name::$variant, )+
                    other => $name::Other(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::from_name(text))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                match <$crate::models::proto::EnumRepr as serde::Deserialize>::deserialize(d)? {
                    $crate::models::proto::EnumRepr::Name(name) => Ok($name::from_name(&name)),
                    $crate::models::proto::EnumRepr::Number(n) => Ok($name::from_number(n)),
                }
            }
        }
    };
}

pub(crate) use proto_enum;

/// An enum value as JSON holds it.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum EnumRepr {
    Name(String),
    Number(i64),
}

/// `uint64` / `fixed64` fields: written as strings (protobuf's JSON mapping), read from
/// strings or numbers.
pub(crate) mod uint64 {
    use serde::{Deserialize, Deserializer, Serializer, de::Error as _};

    pub(crate) fn serialize<S: Serializer>(value: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&value.to_string())
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Number(u64),
            Text(String),
        }
        match Repr::deserialize(d)? {
            Repr::Number(n) => Ok(n),
            Repr::Text(text) => text
                .parse()
                .map_err(|_| D::Error::custom("expected an unsigned 64-bit integer")),
        }
    }
}

/// Skips zero numbers when serializing, as protobuf's JSON mapping omits defaults.
pub(crate) fn is_zero<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Declares a string id newtype.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }
    };
}

pub(crate) use id_type;
