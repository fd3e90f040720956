//! The API's request and response models (serde).
//!
//! Response models keep fields this client does not know in `extra`, and enums keep values it
//! does not know in their `Other` variant, so a newer server never breaks decoding. Request
//! models are plain structs with public fields and `Default`, plus constructors taking the
//! required fields.

mod deployment;
mod intent;
mod monitoring;
mod o2;
mod tn;
mod vnf;
mod webhook;

pub use deployment::{DeploymentState, DeploymentStatus, OperationState, OperationStatus};
pub use intent::{
    IntentPage, IntentStatus, OrchestrationPlan, PlanRequest, QoSIntent, QoSIntentRequest,
    SliceAllocation, SliceType,
};
pub use monitoring::{Health, SliceMetrics, Timeframe};
pub use o2::{
    DeploymentManager, DeploymentRequest, NfDeployment, NfDeploymentStatus, NfDescriptor,
};
pub use tn::{
    PerformanceMetrics, PerformanceTestConfig, TnAgent, TnAgentRequest, TnSliceConfig,
    TnSliceStatus, TnStatus,
};
pub use vnf::{
    AffinityRule, CloudType, GpuRequirements, ImageSpec, PlacementRequirements, QoSRequirements,
    ResourceRequirements, Vnf, VnfPage, VnfRequest, VnfStatus, VnfType,
};
pub use webhook::{Subscription, SubscriptionRequest, WebhookEvent};

/// Fields a response carried that this client does not model.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// An enum of the API's string values that keeps unknown ones in `Other`.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this client does not know, kept as the server sent it.
            Other(String),
        }

        impl $name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Other(s) => s,
                }
            }

            /// Every value the API defines.
            pub fn known() -> &'static [&'static str] {
                &[$($wire,)+]
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(Self::from(s.as_str()))
            }
        }
    };
}
pub(crate) use string_enum;

#[cfg(test)]
mod tests;
