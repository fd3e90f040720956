//! Typed request and response models of voltha.proto's JSON mapping.

mod cluster;
mod device;
mod enums;
mod logical;
pub(crate) mod proto;
mod request;

pub use self::cluster::{Adapter, HealthStatus};
pub use self::device::{
    Device, DeviceId, DeviceSnapshot, DeviceType, ImageDownload, PeerPort, PmConfig, PmConfigs,
    PmGroupConfig, Port,
};
pub use self::enums::{
    AdminState, ConnectStatus, HealthState, ImageActivateState, ImageDownloadState, OperStatus,
    PmType, PortType,
};
pub use self::logical::{Flow, LogicalDevice, LogicalDeviceId, LogicalPort, Meter, MeterConfig};
pub(crate) use self::request::Items;
pub use self::request::{IdRef, NewDevice, OnuSerialNumber, PonPortRef};
