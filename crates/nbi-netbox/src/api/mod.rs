//! One handler per API area, and the generic per-model API they are built on.

mod available;
mod dcim;
mod ipam;
mod list;
mod objects;
mod status;
mod tenancy;
mod write;

pub use self::available::Available;
pub use self::dcim::DcimApi;
pub use self::ipam::IpamApi;
pub use self::list::ListObjects;
pub use self::objects::Endpoint;
pub use self::status::StatusApi;
pub use self::tenancy::TenancyApi;
pub use self::write::{DeleteObject, WriteObject};
