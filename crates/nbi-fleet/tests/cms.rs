//! The `cms` fleet source against the simulated CMS.
