//! The documents GenieACS stores and answers, with every field the models do not name kept in
//! an `extra` map (or, for devices, the whole document kept as JSON).

mod config;
mod device;
mod fault;
mod file;
mod task;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use self::config::{ObjectDefinition, Preset, Provision, VirtualParameter};
pub use self::device::{Device, DeviceIdentity, Parameter};
pub use self::fault::Fault;
pub use self::file::{File, FileMetadata};
pub use self::task::{ParameterValue, Task, TaskName, TaskOutcome};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&String> for $name {
            fn from(s: &String) -> Self {
                $name(s.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(id: &$name) -> Self {
                id.clone()
            }
        }
    };
}

id_type!(
    /// A device's `_id`: `<OUI>-<ProductClass>-<SerialNumber>`, each part percent-encoded by
    /// GenieACS (`202BC1-BM632w-000001`).
    DeviceId
);
id_type!(
    /// A task's `_id` (a MongoDB ObjectId in hex).
    TaskId
);
id_type!(
    /// A fault's `_id`: `<device id>:<channel>` (`…:task_<task id>` for a task's fault).
    FaultId
);
