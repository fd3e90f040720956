//! Integration tests: real servers on 127.0.0.1, driven with reqwest.

mod auth;
mod bench;
mod faults;
mod lifecycle;
mod nms;
mod support;
