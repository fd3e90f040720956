//! E7 node names (`NTWK-x`) and node types, which pick the NETCONF path.

use std::fmt;
use std::str::FromStr;

use nbi_core::{Error, Result};
use serde::{Deserialize, Serialize};

/// The prefix CMS gives every network (node) name.
const PREFIX: &str = "NTWK-";

/// A node (network) name as CMS knows it, always with its `NTWK-` prefix.
///
/// Given as `NTWK-olt1` or `olt1`: both name the same node. Letters, digits, `.`, `_` and `-`
/// only, at most 64 characters.
///
/// ```
/// use nbi_cms::NodeName;
/// let node: NodeName = "olt1".parse()?;
/// assert_eq!(node.as_str(), "NTWK-olt1");
/// assert_eq!(node, "NTWK-olt1".parse()?);
/// # Ok::<(), nbi_cms::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NodeName(String);

impl NodeName {
    /// Checks and normalizes a node name.
    pub fn new(name: &str) -> Result<NodeName> {
        let bare = name.strip_prefix(PREFIX).unwrap_or(name);
        if bare.is_empty() {
            return Err(Error::validation("node: must not be empty"));
        }
        if bare.chars().count() > 64 {
            return Err(Error::validation("node: at most 64 characters"));
        }
        if !bare
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Err(Error::validation(
                "node: only letters, digits, '.', '_' and '-' are allowed",
            ));
        }
        Ok(NodeName(format!("{PREFIX}{bare}")))
    }

    /// The name with its prefix (`NTWK-olt1`), as sent in `nodename`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name without its prefix (`olt1`), as the REST NBI lists devices.
    pub fn bare(&self) -> &str {
        &self.0[PREFIX.len()..]
    }
}

impl FromStr for NodeName {
    type Err = Error;
    fn from_str(s: &str) -> Result<NodeName> {
        NodeName::new(s)
    }
}

impl TryFrom<String> for NodeName {
    type Error = Error;
    fn try_from(s: String) -> Result<NodeName> {
        NodeName::new(&s)
    }
}

impl TryFrom<&str> for NodeName {
    type Error = Error;
    fn try_from(s: &str) -> Result<NodeName> {
        NodeName::new(s)
    }
}

impl From<NodeName> for String {
    fn from(n: NodeName) -> String {
        n.0
    }
}

impl fmt::Display for NodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The kind of node a CMS manages; it picks the NETCONF path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum NodeType {
    /// Calix E7 (`/cmsexc/ex/netconf`).
    #[default]
    #[serde(rename = "e7")]
    E7,
    /// Calix C7 (`/cmsweb/nc`).
    #[serde(rename = "c7")]
    C7,
    /// Calix E3 (`/cmsweb/nc`).
    #[serde(rename = "e3")]
    E3,
    /// Calix E5-100 (`/cmsweb/nc`).
    #[serde(rename = "e5-100")]
    E5_100,
}

impl NodeType {
    /// The NETCONF path on the CMS server.
    pub fn netconf_path(self) -> &'static str {
        match self {
            NodeType::E7 => "/cmsexc/ex/netconf",
            NodeType::C7 | NodeType::E3 | NodeType::E5_100 => "/cmsweb/nc",
        }
    }

    /// The name used in settings (`e7`, `c7`, `e3`, `e5-100`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::E7 => "e7",
            NodeType::C7 => "c7",
            NodeType::E3 => "e3",
            NodeType::E5_100 => "e5-100",
        }
    }
}

impl FromStr for NodeType {
    type Err = Error;
    fn from_str(s: &str) -> Result<NodeType> {
        match s.to_ascii_lowercase().as_str() {
            "e7" => Ok(NodeType::E7),
            "c7" => Ok(NodeType::C7),
            "e3" => Ok(NodeType::E3),
            "e5-100" | "e5_100" => Ok(NodeType::E5_100),
            _ => Err(Error::validation(format!(
                "node_type: {s:?} is not one of e7, c7, e3, e5-100"
            ))),
        }
    }
}

impl fmt::Display for NodeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_take_or_add_the_prefix_and_refuse_odd_characters() {
        assert_eq!(
            NodeName::new("NTWK-a.b_c-1").unwrap().as_str(),
            "NTWK-a.b_c-1"
        );
        assert_eq!(NodeName::new("olt").unwrap().bare(), "olt");
        for bad in ["", "NTWK-", "a b", "a\"b", "a<b", &"x".repeat(65)] {
            let e = NodeName::new(bad).unwrap_err();
            assert!(e.to_string().starts_with("node:"), "{e}");
        }
    }

    #[test]
    fn node_types_pick_the_path() {
        assert_eq!(
            "e7".parse::<NodeType>().unwrap().netconf_path(),
            "/cmsexc/ex/netconf"
        );
        assert_eq!(
            "E5-100".parse::<NodeType>().unwrap().netconf_path(),
            "/cmsweb/nc"
        );
        assert!("e9".parse::<NodeType>().is_err());
    }
}
