//! The receiver end to end: reference test vectors, rejections, deduplication across
//! restarts, handler retries and the served endpoints.

mod handlers;
mod receiver;
mod support;
mod vectors;
