//! Integration tests of the transport pipeline against local HTTP servers.

mod auth;
mod breaker;
mod concurrency;
mod proxy;
mod retry;
mod secrets;
mod support;
mod tls;
