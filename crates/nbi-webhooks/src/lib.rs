//! Signed webhook receiver.
