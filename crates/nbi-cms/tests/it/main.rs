//! Integration tests against nbi-sim's CMS.

mod blocking;
mod bulk;
mod errors;
mod ont;
mod rest;
mod session;
mod support;
