//! The blocking twin: the same surface, each call run to completion on a private runtime.
//!
//! ```no_run
//! use nbi_cms::{NewOnt, NodeName};
//! use nbi_core::FixedSecret;
//! let client = nbi_cms::Client::builder()
//!     .url("https://cms.acme.example:18443")
//!     .credentials("nbi", FixedSecret::shared("secret"))
//!     .build_blocking()?;
//! let node: NodeName = "olt1".parse()?;
//! let ont = client.ont(node).create(NewOnt::new(5).serial("1A2B3C"))?;
//! println!("created ONT {}", ont.id);
//! client.close()?;
//! # Ok::<(), nbi_cms::Error>(())
//! ```
//!
//! Calling it inside a Tokio runtime is an error of kind `Build`, never a panic.

/// A blocking CMS client.
pub type Client = crate::Client<nbi_core::Blocking>;
