//! One handler per API area.

mod catalog;
mod devices;
mod logical;
mod onu;
mod poll;

pub use self::catalog::{AdaptersApi, DeviceTypesApi};
pub use self::devices::{DeleteDevice, DevicesApi};
pub use self::logical::LogicalDevicesApi;
pub use self::onu::{OnuApi, ProvisionOnu};
