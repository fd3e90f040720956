//! What a benchmark hands back to the binary.

use serde_json::Value;

/// The figures of one benchmark run.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Every figure, as one JSON document (printed as one line on stdout).
    pub json: Value,
    /// A one-line summary for people (printed on stderr).
    pub summary: String,
}

/// Rounds to three decimals, so the JSON stays readable.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Bytes as MiB, rounded to a tenth.
pub(crate) fn mib(bytes: u64) -> f64 {
    (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_three_decimals_and_mib_one() {
        assert_eq!(round3(1.23456), 1.235);
        assert_eq!(mib(3 * 1024 * 1024 + 512 * 1024), 3.5);
    }
}
