//! nbi-netbox against the simulated NetBox: real HTTP, per-tenant tokens (v1 and v2).

mod blocking;
mod breaker;
mod errors;
mod objects;
mod paging;
mod pools;
mod secrets;
mod support;
