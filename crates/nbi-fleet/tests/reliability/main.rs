//! Reliability against `nbi-sim`: chaos runs, TLS, and a long soak (ignored by default; see
//! TESTING.md at the repository root for the commands).

mod chaos;
mod lab;
mod soak;
mod tls;
