//! Config sources: where each device's configuration is fetched from.
//!
//! A device names its source (`tenant/source/id`); the source is the tenant's service of that
//! name in the settings, and its `kind` picks the implementation. [`Sources`] builds every
//! source a run needs, with the normalizer and concurrency bound that go with it.

#[cfg(feature = "cms")]
mod cms;
#[cfg(feature = "genieacs")]
mod genieacs;
mod http_json;
#[cfg(feature = "netbox")]
mod netbox;
mod set;
#[cfg(feature = "voltha")]
mod voltha;

use std::fmt;

use bytes::Bytes;
use futures::future::BoxFuture;

use crate::Result;

#[cfg(feature = "cms")]
pub use self::cms::{
    CmsSource, canonical_text as cms_canonical_text, parse_device_id as cms_device_id,
};
#[cfg(feature = "genieacs")]
pub use self::genieacs::GenieacsSource;
pub use self::http_json::HttpJsonSource;
#[cfg(feature = "netbox")]
pub use self::netbox::NetboxSource;
pub use self::set::{SourceEntry, Sources, normalizer_for};
#[cfg(feature = "voltha")]
pub use self::voltha::{VolthaSource, canonical_text as voltha_canonical_text};

/// A body fetched for one device.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The body as received.
    pub body: Bytes,
    /// Requests made for it, retries included.
    pub attempts: u32,
}

/// Somewhere device configurations can be fetched from.
///
/// Implementations are shared by many concurrent fetches; bounds on concurrency are the
/// runner's job, retries and auth the transport's.
pub trait ConfigSource: Send + Sync + fmt::Debug {
    /// The kind of source (`http-json`, …), for messages.
    fn kind(&self) -> &'static str;

    /// Fetches the configuration body of the device with `id`. A failure that reached the
    /// transport carries the attempts it made ([`crate::Error::core`]).
    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>>;
}
