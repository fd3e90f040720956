//! Fuzz target `xml_reader`: see `harness::xml_reader` for what it drives.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::xml_reader(data));
