//! The `cms` source: each ONT's configuration, read from Calix CMS over NETCONF and written as
//! canonical text.
//!
//! A device id is `<node>:<ont-id>`, e.g. `NTWK-olt1:12` (or `olt1:12`: the `NTWK-` prefix is
//! optional) — the node's name, a colon, and the ONT id. Both parts fit the inventory's
//! `[A-Za-z0-9._:-]+`. The text lists the ONT's configured fields one per line, in a fixed
//! order, values JSON-quoted where they are free text; operational state is left out, so the
//! text changes only when the configuration does.

use std::fmt::Write as _;

use futures::future::BoxFuture;
use nbi_cms::{Client, NodeName, Ont, OntId};
use nbi_core::Transports;

use super::{ConfigSource, Fetched};
use crate::{Error, ErrorKind, Result};

/// Reads ONT configurations through one tenant's CMS client (one shared session).
#[derive(Clone, Debug)]
pub struct CmsSource {
    client: Client,
}

impl CmsSource {
    /// A source over `client`.
    pub fn new(client: Client) -> CmsSource {
        CmsSource { client }
    }

    /// The source configured as `[tenants.<tenant>.<source>]` (`kind = "cms"` or a table named
    /// `cms`).
    pub fn from_settings(transports: &Transports, tenant: &str, source: &str) -> Result<CmsSource> {
        Ok(CmsSource::new(Client::from_transports(
            transports, tenant, source,
        )?))
    }
}

/// Splits `<node>:<ont-id>`.
pub fn parse_device_id(id: &str) -> Result<(NodeName, OntId)> {
    let usage = |why: String| {
        Error::new(
            ErrorKind::Usage,
            format!("cms device {id:?}: {why} (expected <node>:<ont-id>, e.g. NTWK-olt1:12)"),
        )
    };
    let (node, ont) = id
        .rsplit_once(':')
        .ok_or_else(|| usage("no ':' between node and ONT id".into()))?;
    let node: NodeName = node
        .parse()
        .map_err(|e: nbi_core::Error| usage(e.message().to_owned()))?;
    let ont: OntId = ont
        .parse()
        .map_err(|e: nbi_core::Error| usage(e.message().to_owned()))?;
    if ont.is_auto() {
        return Err(usage("ONT ids start at 1".into()));
    }
    Ok((node, ont))
}

/// The canonical text of an ONT's configuration.
pub fn canonical_text(node: &NodeName, ont: &Ont) -> String {
    let quote = |s: &str| serde_json::Value::from(s).to_string();
    let profile = |p: &nbi_cms::ProfileRef| match &p.name {
        Some(name) => format!("{} {}", p.id, quote(name)),
        None => p.id.to_string(),
    };
    let mut text = String::new();
    let _ = writeln!(text, "node {node}");
    let _ = writeln!(text, "ont {}", ont.id);
    let _ = writeln!(text, "  admin {}", ont.admin);
    let _ = writeln!(text, "  serial {}", ont.serial);
    let _ = writeln!(text, "  reg-id {}", quote(&ont.reg_id));
    let _ = writeln!(text, "  subscriber-id {}", quote(&ont.subscriber_id));
    let _ = writeln!(text, "  description {}", quote(&ont.description));
    let _ = writeln!(text, "  ont-profile {}", profile(&ont.ont_profile));
    let _ = writeln!(text, "  pwe3-profile {}", profile(&ont.pwe3_profile));
    let _ = writeln!(text, "  battery-present {}", ont.battery_present);
    let t = &ont.thresholds;
    if let Some(v) = t.us_sdber_rate {
        let _ = writeln!(text, "  us-sdber-rate {v}");
    }
    if let Some(v) = t.low_rx_opt_pwr_ne_thresh {
        let _ = writeln!(text, "  low-rx-opt-pwr-ne-thresh {v}");
    }
    if let Some(v) = t.high_rx_opt_pwr_ne_thresh {
        let _ = writeln!(text, "  high-rx-opt-pwr-ne-thresh {v}");
    }
    for (key, value) in &ont.extra {
        let _ = writeln!(text, "  {key} {}", quote(value));
    }
    text
}

impl ConfigSource for CmsSource {
    fn kind(&self) -> &'static str {
        "cms"
    }

    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>> {
        Box::pin(async move {
            let (node, ont_id) = parse_device_id(id)?;
            let ont = self.client.ont(node.clone()).get(ont_id).await?;
            Ok(Fetched {
                body: canonical_text(&node, &ont).into_bytes().into(),
                // The client does not report per-call attempts; a successful read counts one.
                attempts: 1,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_ids_are_node_colon_ont() {
        let (node, ont) = parse_device_id("olt1:12").unwrap();
        assert_eq!((node.as_str(), ont.get()), ("NTWK-olt1", 12));
        // Split at the last colon: `a:b` is not a node name.
        assert!(parse_device_id("NTWK-a:b:3").is_err());
        for bad in ["olt1", "olt1:", "olt1:x", "olt1:0", ":3", "o lt:1"] {
            let e = parse_device_id(bad).unwrap_err();
            assert_eq!(e.kind(), ErrorKind::Usage, "{bad}");
        }
    }
}
