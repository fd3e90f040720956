//! Fuzz target `webhook_verify`: see `harness::webhook_verify` for what it drives.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::webhook_verify(data));
