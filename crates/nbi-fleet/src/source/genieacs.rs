//! The `genieacs` source: a CPE's parameter tree, read from GenieACS's NBI
//! (`GET /devices/?query={"_id": id}`) and written as sorted `path = value` lines.
//!
//! What changes at every inform is left out, so two fetches of an unchanged CPE read the
//! same: GenieACS's own fields (`_lastInform`, `_registered`, `_timestamp` …, none of which
//! is a parameter) and counters and clocks such as `DeviceInfo.UpTime`,
//! `Time.CurrentLocalTime` and the `Stats` objects. More can be dropped with the source's
//! `normalize = { drop_lines = [...] }`.

use bytes::Bytes;
use futures::future::BoxFuture;
use nbi_core::{Operation, OperationClass, RequestSpec, Transports};
use nbi_genieacs::{Client, Device, Query};
use serde_json::Value;

use super::{ConfigSource, Fetched};
use crate::Result;

/// The operation every fetch is recorded under (a bounded metric label).
const GET_DEVICE: Operation = Operation::new("get_device_parameters", OperationClass::GET);

/// Leaves whose value moves on by itself: uptimes, clocks, traffic counters.
const VOLATILE_LEAVES: &[&str] = &[
    "UpTime",
    "Uptime",
    "CurrentLocalTime",
    "LastChange",
    "BytesSent",
    "BytesReceived",
    "PacketsSent",
    "PacketsReceived",
    "TotalBytesSent",
    "TotalBytesReceived",
    "TotalPacketsSent",
    "TotalPacketsReceived",
    "ErrorsSent",
    "ErrorsReceived",
    "DiscardPacketsSent",
    "DiscardPacketsReceived",
];

/// Objects whose whole subtree is counters.
const VOLATILE_OBJECTS: &[&str] = &["Stats"];

/// Reads CPEs' parameter trees from one tenant's GenieACS. The fleet device id is the
/// GenieACS `_id`.
#[derive(Clone, Debug)]
pub struct GenieacsSource {
    client: Client,
}

impl GenieacsSource {
    /// A source over `client`.
    pub fn new(client: Client) -> GenieacsSource {
        GenieacsSource { client }
    }

    /// The source configured as `[tenants.<tenant>.<source>]` (`kind = "genieacs"`, or a
    /// table named `genieacs`): its `url` and `auth`.
    pub fn from_settings(
        transports: &Transports,
        tenant: &str,
        source: &str,
    ) -> Result<GenieacsSource> {
        Ok(GenieacsSource::new(Client::from_transports(
            transports, tenant, source,
        )?))
    }
}

impl ConfigSource for GenieacsSource {
    fn kind(&self) -> &'static str {
        "genieacs"
    }

    fn fetch<'a>(&'a self, id: &'a str) -> BoxFuture<'a, Result<Fetched>> {
        Box::pin(async move {
            let spec = RequestSpec::get(GET_DEVICE, "/devices/")
                .query("query", Query::eq("_id", id))
                .query("limit", 1);
            let response = self.client.transport().send(spec).await?;
            let attempts = response.attempts();
            let devices: Vec<Device> = response.json()?;
            let Some(device) = devices.into_iter().next() else {
                return Err(nbi_core::Error::new(
                    nbi_core::ErrorKind::Status,
                    "GenieACS has no device with this _id",
                )
                .into());
            };
            Ok(Fetched {
                body: Bytes::from(render(&device)),
                attempts,
            })
        })
    }
}

/// The parameter tree as sorted `path = value` lines, volatile parameters left out. Text
/// values are written as they are unless they hold a line break (then as JSON strings);
/// other values as JSON.
pub(crate) fn render(device: &Device) -> String {
    let mut out = String::new();
    for parameter in device.parameters() {
        let Some(value) = &parameter.value else {
            continue;
        };
        if is_volatile(&parameter.path) {
            continue;
        }
        out.push_str(&parameter.path);
        out.push_str(" = ");
        match value {
            Value::String(text) if !text.contains(['\n', '\r']) => out.push_str(text),
            other => out.push_str(&other.to_string()),
        }
        out.push('\n');
    }
    out
}

fn is_volatile(path: &str) -> bool {
    let mut segments = path.split('.');
    let last = segments.next_back().unwrap_or(path);
    VOLATILE_LEAVES.contains(&last)
        || path
            .split('.')
            .any(|segment| VOLATILE_OBJECTS.contains(&segment))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn device(uptime: u64, at: &str) -> Device {
        serde_json::from_value(json!({
            "_id": "202BC1-BM632w-000001", "_lastInform": at, "_tags": ["lab"],
            "InternetGatewayDevice": {"_object": true, "_timestamp": at,
                "DeviceInfo": {"_object": true, "_timestamp": at,
                    "UpTime": {"_value": uptime, "_type": "xsd:unsignedInt", "_timestamp": at},
                    "SoftwareVersion": {"_value": "1.2.3", "_timestamp": at}},
                "ManagementServer": {"PeriodicInformInterval": {"_value": 300, "_timestamp": at},
                                     "Username": {"_timestamp": at}},
                "LANDevice": {"1": {"Stats": {"Bytes": {"_value": uptime}},
                                    "Name": {"_value": "two\nlines"}}}}
        }))
        .unwrap()
    }

    #[test]
    fn volatile_values_and_timestamps_are_left_out() {
        let a = render(&device(100, "2025-01-01T00:00:00.000Z"));
        let b = render(&device(999, "2025-02-02T00:00:00.000Z"));
        assert_eq!(a, b);
        assert_eq!(
            a,
            "InternetGatewayDevice.DeviceInfo.SoftwareVersion = 1.2.3\n\
             InternetGatewayDevice.LANDevice.1.Name = \"two\\nlines\"\n\
             InternetGatewayDevice.ManagementServer.PeriodicInformInterval = 300\n"
        );
    }
}
