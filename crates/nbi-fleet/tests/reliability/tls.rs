//! TLS placeholder (filled below).
