//! Fuzz target `problem_details`: see `harness::problem_details` for what it drives.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::problem_details(data));
