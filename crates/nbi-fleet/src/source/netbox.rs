//! The `netbox` source: a device's configuration is its NetBox config template rendered
//! (`POST /api/dcim/devices/<pk>/render-config/`); the body handed to the normalizer is the
//! rendered `content`.
//!
//! Device ids: an id of digits only is the device's primary key; any other id is its name,
//! resolved to the key with one listing of the tenant's devices (cached for the source's
//! life, so a fetch costs one request) and, for a name the listing did not hold,
//! `GET /api/dcim/devices/?name=<id>`. The NetBox inventory's `id = "name" | "pk"` picks
//! which form the inventory lists; it refuses names made of digits only, which would read
//! as keys.

use std::collections::HashMap;

use futures::TryStreamExt;
use futures::future::BoxFuture;
use nbi_core::Transports;
use nbi_netbox::{Client, Id, RenderedConfig};
use serde_json::Value;
use tokio::sync::OnceCell;

use super::{ConfigSource, Fetched};
use crate::{Error, ErrorKind, Result};

/// Page size of the name listing.
const PAGE: u32 = 1000;

/// Fetches rendered device configurations from NetBox.
#[derive(Debug)]
pub struct NetboxSource {
    client: Client,
    /// Device name → primary key, listed once on first need.
    names: OnceCell<HashMap<String, Id>>,
}

impl NetboxSource {
    /// A source over `client`.
    pub fn new(client: Client) -> NetboxSource {
        NetboxSource {
            client,
            names: OnceCell::new(),
        }
    }

    /// The source configured as `[tenants.<tenant>.<source>]` (`kind = "netbox"`, or a table
    /// named `netbox`).
    pub fn from_settings(
        transports: &Transports,
        tenant: &str,
        source: &str,
    ) -> Result<NetboxSource> {
        Ok(NetboxSource::new(Client::from_transports(
            transports, tenant, source,
        )?))
    }

    /// The primary key of device `id` (a key, or a name to resolve).
    async fn key(&self, id: &str) -> Result<Id> {
        if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
            return id.parse().map_err(|_| {
                Error::new(
                    ErrorKind::Usage,
                    format!("device id {id:?} is not a NetBox key"),
                )
            });
        }
        let names = self
            .names
            .get_or_try_init(|| async {
                let devices: Vec<Value> = self
                    .client
                    .endpoint("dcim/devices")
                    .list()
                    .brief(true)
                    .limit(PAGE)
                    .all()
                    .try_collect()
                    .await?;
                Ok::<_, Error>(
                    devices
                        .iter()
                        .filter_map(|d| {
                            Some((d["name"].as_str()?.to_owned(), Id(d["id"].as_u64()?)))
                        })
                        .collect(),
                )
            })
            .await?;
        if let Some(key) = names.get(id) {
            return Ok(*key);
        }
        // Created after the listing: ask for it by name.
        let page = self
            .client
            .endpoint("dcim/devices")
            .list()
            .filter("name", id)
            .brief(true)
            .limit(2)
            .send()
            .await?;
        match page.items.as_slice() {
            [device] => device["id"].as_u64().map(Id).ok_or_else(|| {
                Error::new(ErrorKind::Decode, format!("NetBox device {id:?} has no id"))
            }),
            [] => Err(Error::new(
                ErrorKind::Usage,
                format!("NetBox has no device named {id:?}"),
            )),
            _ => Err(Error::new(
                ErrorKind::Usage,
                format!("NetBox has several devices named {id:?}; list it by key (id = \"pk\")"),
            )),
        }
    }
}

impl ConfigSource for NetboxSource {
    fn kind(&self) -> &'static str {
        "netbox"
    }

    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>> {
        Box::pin(async move {
            let key = self.key(id).await?;
            let response = self.client.dcim().render_config_raw(key).await?;
            let attempts = response.attempts();
            let rendered: RenderedConfig = response.json()?;
            Ok(Fetched {
                body: rendered.content.into_bytes().into(),
                attempts,
            })
        })
    }
}
