//! VOLTHA REST client: OLT and ONU devices, logical devices, adapters and flows.
#![deny(missing_docs)]
