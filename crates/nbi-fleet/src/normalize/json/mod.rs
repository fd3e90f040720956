//! JSON bodies: a small reader that keeps every number's text as written and drops the
//! volatile keys, config lookup (pointer or key search), and the canonical writer.
//!
//! serde_json would turn numbers into `f64`/`u64` (losing `1.50`, `1e3` and big integers)
//! unless its `arbitrary_precision` feature were enabled for the whole workspace; this reader
//! is the cheaper way to keep them exactly.

mod canonical;
mod reader;

pub(crate) use self::canonical::canonical;
pub(crate) use self::reader::parse;

/// Keys that change on every fetch without the configuration changing; dropped at any depth.
const VOLATILE_KEYS: [&str; 5] = [
    "json_metadata",
    "envelope_id",
    "api_version",
    "junos:changed-seconds",
    "junos:changed-localtime",
];

/// Keys searched (depth-first, document order) for the configuration when no pointer is set.
const CONFIG_KEYS: [&str; 4] = [
    "running_config",
    "running-config",
    "configuration",
    "config",
];

/// A JSON value; numbers keep their original text and objects their member order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// The value at an RFC 6901 pointer (`""` is the whole document).
pub(crate) fn at_pointer<'a>(root: &'a Json, pointer: &str) -> Option<&'a Json> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut node = root;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match node {
            Json::Object(members) => &members.iter().rev().find(|(key, _)| *key == token)?.1,
            Json::Array(items) => {
                if token.len() > 1 && token.starts_with('0') {
                    return None;
                }
                items.get(token.parse::<usize>().ok()?)?
            }
            _ => return None,
        };
    }
    Some(node)
}

/// The value of the first config key met depth-first in document order.
pub(crate) fn find_config(node: &Json) -> Option<&Json> {
    match node {
        Json::Object(members) => members.iter().find_map(|(key, value)| {
            if CONFIG_KEYS.contains(&key.as_str()) {
                Some(value)
            } else {
                find_config(value)
            }
        }),
        Json::Array(items) => items.iter().find_map(find_config),
        _ => None,
    }
}
