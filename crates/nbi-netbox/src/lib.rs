//! NetBox 4.x REST client: DCIM, IPAM, tenancy, available IPs, rendered configs.
#![deny(missing_docs)]
