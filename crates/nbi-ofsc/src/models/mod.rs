//! The API's objects as typed serde models. Every model keeps the fields it does not name in
//! `extra` (so nothing OFSC sends is lost when printed or sent back), and every typed field is
//! optional, as OFSC leaves out what is empty or not asked for with `fields`.

mod capacity;
mod core;
mod metadata;

pub use capacity::*;
pub use core::*;
pub use metadata::*;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A model: named optional fields plus `extra`.
macro_rules! model {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
            /// Every field this model does not name, as it came.
            #[serde(flatten)]
            pub extra: serde_json::Map<String, serde_json::Value>,
        }
    };
}
pub(crate) use model;

/// A bare list answer `{items, totalResults?}` of a call that is not paged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemList<T> {
    /// The items.
    #[serde(default = "Vec::new")]
    pub items: Vec<T>,
    /// How many there are, when OFSC says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u64>,
    /// Every other field, as it came.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<T> Default for ItemList<T> {
    fn default() -> Self {
        ItemList {
            items: Vec::new(),
            total_results: None,
            extra: Map::new(),
        }
    }
}

model! {
    /// A translation of a metadata label's name.
    Translation {
        /// The language code (`en`).
        language: String,
        /// The ISO language tag.
        #[serde(rename = "languageISO")]
        language_iso: String,
        /// The name in that language.
        name: String,
    }
}

#[cfg(test)]
mod tests;
