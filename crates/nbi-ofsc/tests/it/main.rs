//! Integration tests against the simulated OFSC.

mod activities;
mod auth;
mod blocking;
mod breaker;
mod capacity;
mod errors;
mod events;
mod metadata;
mod paging;
mod resources;
mod support;
