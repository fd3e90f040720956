//! `nbi voltha …` as clap parses it.

use clap::{Args as ClapArgs, Subcommand};

/// `nbi voltha [--tenant T] [--service S] <area> <verb> …`
#[derive(Debug, ClapArgs)]
#[command(
    after_help = "Examples:\n  nbi voltha devices list\n  nbi voltha --tenant acme devices delete 0001c4ca4238a0b9 --force\n  nbi voltha onu provision --olt 0001c4ca4238a0b9 --port 536870912 --serial BRCM1234abcd"
)]
pub(crate) struct Args {
    /// The tenant; may be left out when one tenant alone has a VOLTHA service.
    #[arg(long)]
    pub(crate) tenant: Option<String>,
    /// The tenant's settings table for VOLTHA (default: the one of kind `voltha`).
    #[arg(long)]
    pub(crate) service: Option<String>,
    #[command(subcommand)]
    pub(crate) area: Area,
}

/// The API areas.
#[derive(Debug, Subcommand)]
pub(crate) enum Area {
    /// Physical devices: OLTs and ONUs.
    #[command(subcommand)]
    Devices(Devices),
    /// Logical devices: the OpenFlow switch over each OLT.
    #[command(subcommand)]
    LogicalDevices(LogicalDevices),
    /// Adapters.
    #[command(subcommand)]
    Adapters(Adapters),
    /// Device types.
    #[command(subcommand)]
    DeviceTypes(DeviceTypes),
    /// ONU devices and serial numbers.
    #[command(subcommand)]
    Onu(Onu),
    /// The VOLTHA instance's health.
    Health,
}

/// `nbi voltha devices …`
#[derive(Debug, Subcommand)]
pub(crate) enum Devices {
    /// Every device.
    List,
    /// One device.
    Get {
        /// The device id.
        id: String,
    },
    /// Pre-provision a device, e.g. --data '{"type":"openolt","host_and_port":"10.0.0.1:9191"}'.
    Preprovision {
        /// The device as JSON (`type` and one of host_and_port, ipv4_address, mac_address …).
        #[arg(long, value_name = "JSON")]
        data: String,
    },
    /// Enable a PREPROVISIONED or DISABLED device.
    Enable {
        /// The device id.
        id: String,
    },
    /// Disable an ENABLED device.
    Disable {
        /// The device id.
        id: String,
    },
    /// Reboot an ENABLED device.
    Reboot {
        /// The device id.
        id: String,
    },
    /// Delete a device (an ENABLED one only with --force).
    Delete {
        /// The device id.
        id: String,
        /// Delete whatever the device's state.
        #[arg(long)]
        force: bool,
    },
    /// The device's ports.
    Ports {
        /// The device id.
        id: String,
    },
    /// The device's flows.
    Flows {
        /// The device id.
        id: String,
    },
    /// The device's PM configuration; with --data, replace it.
    PmConfigs {
        /// The device id.
        id: String,
        /// The new PM configuration as JSON.
        #[arg(long, value_name = "JSON")]
        data: Option<String>,
    },
    /// The device's image download records.
    ImageDownloads {
        /// The device id.
        id: String,
    },
}

/// `nbi voltha logical-devices …`
#[derive(Debug, Subcommand)]
pub(crate) enum LogicalDevices {
    /// Every logical device.
    List,
    /// One logical device.
    Get {
        /// The logical device id.
        id: String,
    },
    /// Its ports.
    Ports {
        /// The logical device id.
        id: String,
    },
    /// Its flows.
    Flows {
        /// The logical device id.
        id: String,
    },
    /// Its meters.
    Meters {
        /// The logical device id.
        id: String,
    },
}

/// `nbi voltha adapters …`
#[derive(Debug, Subcommand)]
pub(crate) enum Adapters {
    /// Every adapter.
    List,
}

/// `nbi voltha device-types …`
#[derive(Debug, Subcommand)]
pub(crate) enum DeviceTypes {
    /// Every device type.
    List,
    /// One device type.
    Get {
        /// The device type id (`openolt`).
        id: String,
    },
}

/// An ONU serial number on an OLT's PON port.
#[derive(Debug, Clone, ClapArgs)]
pub(crate) struct SerialOnPon {
    /// The OLT's device id.
    #[arg(long)]
    pub(crate) olt: String,
    /// The OLT's PON port number (e.g. 536870912).
    #[arg(long)]
    pub(crate) port: u32,
    /// The ONU's serial number (e.g. BRCM1234abcd).
    #[arg(long)]
    pub(crate) serial: String,
}

/// `nbi voltha onu …`
#[derive(Debug, Subcommand)]
pub(crate) enum Onu {
    /// Enable an ONU device.
    Enable {
        /// The ONU's device id.
        id: String,
    },
    /// Disable an ONU device.
    Disable {
        /// The ONU's device id.
        id: String,
    },
    /// Let the ONU with this serial number onto the PON port.
    EnableSerial(SerialOnPon),
    /// Keep the ONU with this serial number off the PON port.
    DisableSerial(SerialOnPon),
    /// Enable the serial number and wait until the ONU is ACTIVE; prints the ONU device.
    Provision {
        #[command(flatten)]
        onu: SerialOnPon,
        /// Give up after this many seconds (default: the `provision` timeout, 60 s).
        #[arg(long, value_name = "SECONDS")]
        timeout_s: Option<f64>,
        /// Look at the ONU every this many milliseconds.
        #[arg(long, value_name = "MS", default_value_t = 1000)]
        poll_ms: u64,
    },
}
