//! The simulated services, one router each.

pub(crate) mod cms;
pub(crate) mod genieacs;
pub(crate) mod mano;
pub(crate) mod netbox;
pub(crate) mod nms;
pub(crate) mod ofsc;
pub(crate) mod voltha;
