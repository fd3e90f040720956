//! Typed, validated models: what is sent and what replies hold.

pub(crate) mod node;
pub(crate) mod ont;
pub(crate) mod ont_fields;
pub(crate) mod rest;
pub(crate) mod service;
pub(crate) mod status;
