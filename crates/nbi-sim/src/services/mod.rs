//! The simulated services, one router each.

pub(crate) mod nms;
