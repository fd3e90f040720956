//! Encodings shared by store backends: content hashes, compression, timestamps, error mapping.

use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::{Error, ErrorKind, Result};

/// zstd level 3: the library default, a good speed/size balance for config text.
const ZSTD_LEVEL: i32 = 3;

/// The lowercase hex sha256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

pub(crate) fn compress(bytes: &[u8]) -> Result<Vec<u8>> {
    zstd::bulk::compress(bytes, ZSTD_LEVEL)
        .map_err(|e| Error::new(ErrorKind::Store, "cannot compress a blob").with_source(e))
}

/// Decompresses a blob whose uncompressed size was stored beside it.
pub(crate) fn decompress(bytes: &[u8], size: u64) -> Result<Vec<u8>> {
    let capacity = usize::try_from(size)
        .map_err(|_| Error::new(ErrorKind::Store, "a stored blob is too large"))?;
    zstd::bulk::decompress(bytes, capacity)
        .map_err(|e| Error::new(ErrorKind::Store, "a stored blob is corrupt").with_source(e))
}

/// Milliseconds since the Unix epoch (times before it are clamped to it).
pub(crate) fn to_millis(time: SystemTime) -> i64 {
    let millis = time
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    i64::try_from(millis).unwrap_or(i64::MAX)
}

pub(crate) fn from_millis(millis: i64) -> SystemTime {
    UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0))
}

pub(crate) fn to_micros(elapsed: Duration) -> i64 {
    i64::try_from(elapsed.as_micros()).unwrap_or(i64::MAX)
}

pub(crate) fn from_micros(micros: i64) -> Duration {
    Duration::from_micros(u64::try_from(micros).unwrap_or(0))
}

/// Non-negative integers read back from SQLite (which stores them as i64).
pub(crate) fn count(value: i64) -> u64 {
    u64::try_from(value).unwrap_or(0)
}

/// Wraps a SQLite error with what the store was doing.
pub(crate) fn store_error(doing: &str) -> impl FnOnce(rusqlite::Error) -> Error + '_ {
    move |e| Error::new(ErrorKind::Store, format!("snapshot store: {doing}: {e}")).with_source(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_lowercase_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn compression_round_trips() {
        let text = "hostname r1\n".repeat(100);
        let packed = compress(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len());
        assert_eq!(
            decompress(&packed, text.len() as u64).unwrap(),
            text.as_bytes()
        );
    }

    #[test]
    fn times_round_trip_to_the_millisecond() {
        let t = UNIX_EPOCH + Duration::from_millis(1_700_000_000_123);
        assert_eq!(from_millis(to_millis(t)), t);
        assert_eq!(
            from_micros(to_micros(Duration::from_micros(1500))),
            Duration::from_micros(1500)
        );
    }
}
