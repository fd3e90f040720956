//! One handler per API area.

mod bulk;
mod ont;
mod rest;
mod service;

pub use bulk::{BulkCreateOnts, BulkOutcome, BulkProgress};
pub use ont::OntApi;
pub use rest::{ListDevices, RestApi};
pub use service::{EthSvcApi, VlanApi};
