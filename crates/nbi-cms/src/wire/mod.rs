//! The NETCONF/SOAP wire format: request documents and reply parsing.

pub(crate) mod reply;
pub(crate) mod request;
pub(crate) mod writer;
