//! The state enums of `common.proto`, `device.proto` and `health.proto`.

use super::proto::proto_enum;

proto_enum! {
    /// `common.AdminState.Types`: what the operator asked for.
    pub enum AdminState {
        /// Not known.
        Unknown = ("UNKNOWN", 0),
        /// Created, not yet enabled.
        Preprovisioned = ("PREPROVISIONED", 1),
        /// Enabled by the operator.
        Enabled = ("ENABLED", 2),
        /// Disabled by the operator.
        Disabled = ("DISABLED", 3),
        /// Downloading a software image.
        DownloadingImage = ("DOWNLOADING_IMAGE", 4),
    }
}

proto_enum! {
    /// `common.OperStatus.Types`: what the device is doing.
    pub enum OperStatus {
        /// Not known.
        Unknown = ("UNKNOWN", 0),
        /// Discovered, not yet activated.
        Discovered = ("DISCOVERED", 1),
        /// Being activated.
        Activating = ("ACTIVATING", 2),
        /// Being tested.
        Testing = ("TESTING", 3),
        /// In service.
        Active = ("ACTIVE", 4),
        /// Failed (see the device's `reason`).
        Failed = ("FAILED", 5),
        /// Being reconciled after a restart.
        Reconciling = ("RECONCILING", 6),
        /// Reconciliation failed.
        ReconcilingFailed = ("RECONCILING_FAILED", 7),
        /// Rebooted.
        Rebooted = ("REBOOTED", 8),
    }
}

proto_enum! {
    /// `common.ConnectStatus.Types`: whether the adapter reaches the device.
    pub enum ConnectStatus {
        /// Not known.
        Unknown = ("UNKNOWN", 0),
        /// Not reachable.
        Unreachable = ("UNREACHABLE", 1),
        /// Reachable.
        Reachable = ("REACHABLE", 2),
    }
}

proto_enum! {
    /// `device.Port.PortType`.
    pub enum PortType {
        /// Not known.
        Unknown = ("UNKNOWN", 0),
        /// An OLT's network-side Ethernet port.
        EthernetNni = ("ETHERNET_NNI", 1),
        /// An ONU's subscriber-side Ethernet port.
        EthernetUni = ("ETHERNET_UNI", 2),
        /// An OLT's PON port.
        PonOlt = ("PON_OLT", 3),
        /// An ONU's PON port.
        PonOnu = ("PON_ONU", 4),
        /// A virtual Ethernet port on an OLT.
        VenetOlt = ("VENET_OLT", 5),
        /// A virtual Ethernet port on an ONU.
        VenetOnu = ("VENET_ONU", 6),
    }
}

proto_enum! {
    /// `device.PmConfig.PmType`.
    pub enum PmType {
        /// A counter.
        Counter = ("COUNTER", 0),
        /// A gauge.
        Gauge = ("GAUGE", 1),
        /// A state.
        State = ("STATE", 2),
        /// Context information.
        Context = ("CONTEXT", 3),
    }
}

proto_enum! {
    /// `device.ImageDownload.ImageDownloadState`.
    pub enum ImageDownloadState {
        /// Not known.
        Unknown = ("DOWNLOAD_UNKNOWN", 0),
        /// Downloaded.
        Succeeded = ("DOWNLOAD_SUCCEEDED", 1),
        /// Requested.
        Requested = ("DOWNLOAD_REQUESTED", 2),
        /// Under way.
        Started = ("DOWNLOAD_STARTED", 3),
        /// Failed.
        Failed = ("DOWNLOAD_FAILED", 4),
        /// The device does not support downloads.
        Unsupported = ("DOWNLOAD_UNSUPPORTED", 5),
        /// Cancelled.
        Cancelled = ("DOWNLOAD_CANCELLED", 6),
    }
}

proto_enum! {
    /// `device.ImageDownload.ImageActivateState`.
    pub enum ImageActivateState {
        /// Not known.
        Unknown = ("IMAGE_UNKNOWN", 0),
        /// Not active.
        Inactive = ("IMAGE_INACTIVE", 1),
        /// Being activated.
        Activating = ("IMAGE_ACTIVATING", 2),
        /// Active.
        Active = ("IMAGE_ACTIVE", 3),
        /// Being reverted.
        Reverting = ("IMAGE_REVERTING", 4),
        /// Reverted.
        Reverted = ("IMAGE_REVERTED", 5),
    }
}

proto_enum! {
    /// `health.HealthStatus.HealthState`.
    pub enum HealthState {
        /// Healthy.
        Healthy = ("HEALTHY", 0),
        /// Overloaded: lower the request rate.
        Overloaded = ("OVERLOADED", 1),
        /// Critical: do not use it.
        Dying = ("DYING", 2),
    }
}

/// protobuf's JSON mapping omits a field at its default, the enum's value 0.
macro_rules! zero_default {
    ($($name:ident => $zero:ident),+ $(,)?) => {
        $(impl Default for $name {
            fn default() -> Self {
                $name::$zero
            }
        })+
    };
}

zero_default!(
    AdminState => Unknown,
    OperStatus => Unknown,
    ConnectStatus => Unknown,
    PortType => Unknown,
    PmType => Counter,
    ImageDownloadState => Unknown,
    ImageActivateState => Unknown,
    HealthState => Healthy,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_are_read_and_unknown_names_kept() {
        let states: Vec<OperStatus> =
            serde_json::from_str(r#"["ACTIVE", 2, "WARMING_UP", 42]"#).unwrap();
        assert_eq!(
            states,
            [
                OperStatus::Active,
                OperStatus::Activating,
                OperStatus::Other("WARMING_UP".into()),
                OperStatus::Other("42".into()),
            ]
        );
        let back = serde_json::to_string(&states).unwrap();
        assert_eq!(back, r#"["ACTIVE","ACTIVATING","WARMING_UP","42"]"#);
        assert_eq!(
            "DOWNLOADING_IMAGE".parse::<AdminState>().unwrap(),
            AdminState::DownloadingImage
        );
        assert_eq!(PortType::default(), PortType::Unknown);
    }
}
