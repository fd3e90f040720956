//! Replies per second of nbi-core's hardened XML reader on one reply, the figure set beside
//! `defusedxml_rate.py` (defusedxml on the same file) so the ratio is taken in one run.

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use nbi_core::XmlLimits;
use serde::{Deserialize, Serialize};

use crate::report::round3;

/// How fast one reply is read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct XmlRate {
    /// Which reader.
    pub reader: String,
    /// Size of the reply, in bytes.
    pub reply_bytes: usize,
    /// Replies read during the timed loop.
    pub replies: u64,
    /// Length of the timed loop, in seconds.
    pub seconds: f64,
    /// Replies read per second.
    pub replies_per_s: f64,
}

/// Parses `reply` with [`nbi_core::xml::parse`] over and over for at least `budget`.
pub fn measure(reply: &[u8], budget: Duration) -> anyhow::Result<XmlRate> {
    let limits = XmlLimits::default();
    // Fails early, with the reader's own message, on a file it refuses.
    let root = nbi_core::xml::parse(reply, &limits).context("the reply is refused")?;
    if root.name.is_empty() {
        bail!("the reply has no root element");
    }
    let started = Instant::now();
    let mut replies = 0u64;
    while started.elapsed() < budget {
        // Batches keep the clock out of the figure.
        for _ in 0..64 {
            let tree = nbi_core::xml::parse(std::hint::black_box(reply), &limits)?;
            std::hint::black_box(tree);
        }
        replies += 64;
    }
    let seconds = started.elapsed().as_secs_f64();
    Ok(XmlRate {
        reader: "nbi-core xml".into(),
        reply_bytes: reply.len(),
        replies,
        seconds: round3(seconds),
        replies_per_s: (replies as f64 / seconds).round(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_reply_is_read_many_times() {
        let reply = b"<rpc-reply><ok/></rpc-reply>";
        let rate = measure(reply, Duration::from_millis(5)).unwrap();
        assert!(rate.replies >= 64);
        assert!(rate.replies_per_s > 0.0);
    }

    #[test]
    fn a_refused_reply_is_an_error() {
        let hostile = b"<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>";
        assert!(measure(hostile, Duration::from_millis(5)).is_err());
    }
}
