//! [`OnuApi`]: ONU devices and serial numbers, and [`ProvisionOnu`], which lets an ONU onto a
//! PON and waits until it is in service.

use std::time::Duration;

use http::Method;
use nbi_core::{Error, ErrorKind, Mode, OperationClass, RequestContext, Transport};

use super::poll::{Probe, poll_until};
use crate::client::{Client, fetch, send};
use crate::endpoint;
use crate::models::{Device, Items, OnuSerialNumber, OperStatus};

/// How often [`ProvisionOnu`] looks at the ONU by default.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// `client.onu()`.
#[derive(Debug, Clone)]
pub struct OnuApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> OnuApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        OnuApi { client }
    }

    /// Enables ONU device `id` (`POST /api/v1/devices/{id}/enable_onu_device`).
    pub fn enable(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.client.act(endpoint::ENABLE_ONU_DEVICE.on(id.as_ref()))
    }

    /// Disables ONU device `id` (`POST /api/v1/devices/{id}/disable_onu_device`).
    pub fn disable(&self, id: impl AsRef<str>) -> M::Output<()> {
        self.client
            .act(endpoint::DISABLE_ONU_DEVICE.on(id.as_ref()))
    }

    /// Lets the ONU with a serial number onto an OLT's PON port
    /// (`POST /api/v1/devices/enable_onu_serial_number`); its device appears once it ranges.
    pub fn enable_serial_number(&self, onu: &OnuSerialNumber) -> M::Output<()> {
        if let Err(e) = onu.validate() {
            return self.client.fail(e);
        }
        self.client
            .act(endpoint::ENABLE_ONU_SERIAL_NUMBER.spec().json(onu))
    }

    /// Keeps the ONU with a serial number off an OLT's PON port
    /// (`POST /api/v1/devices/disable_onu_serial_number`).
    pub fn disable_serial_number(&self, onu: &OnuSerialNumber) -> M::Output<()> {
        if let Err(e) = onu.validate() {
            return self.client.fail(e);
        }
        self.client
            .act(endpoint::DISABLE_ONU_SERIAL_NUMBER.spec().json(onu))
    }

    /// Lets the ONU with `serial` onto PON port `pon_port` of OLT `olt_id`, then waits until
    /// its device is ACTIVE; `.send()` answers that device. The wait is bounded by the
    /// `provision` timeout of the settings (60 s by default) or [`ProvisionOnu::timeout`].
    pub fn provision(
        &self,
        olt_id: impl Into<String>,
        pon_port: u32,
        serial: impl Into<String>,
    ) -> ProvisionOnu<M> {
        ProvisionOnu {
            client: self.client.clone(),
            request: OnuSerialNumber::new(olt_id, pon_port, serial),
            timeout: None,
            poll_interval: POLL_INTERVAL,
        }
    }
}

/// Provisioning of one ONU: enable its serial number, then poll until it is ACTIVE.
#[derive(Debug, Clone)]
#[must_use]
pub struct ProvisionOnu<M: Mode> {
    client: Client<M>,
    request: OnuSerialNumber,
    timeout: Option<Duration>,
    poll_interval: Duration,
}

impl<M: Mode> ProvisionOnu<M> {
    /// How long to wait for the ONU to become ACTIVE.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How often to look (default 1 s).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// Runs it. Time running out is an error of kind [`ErrorKind::Timeout`] naming the last
    /// state seen; an ONU that reports FAILED ends the wait with an error of kind
    /// [`ErrorKind::Status`].
    pub fn send(self) -> M::Output<Device> {
        if let Err(e) = self.request.validate() {
            return self.client.fail(e);
        }
        let transport = self.client.transport().clone();
        let limit = self
            .timeout
            .unwrap_or_else(|| transport.timeouts().get(&OperationClass::PROVISION));
        let (request, interval) = (self.request, self.poll_interval);
        self.client.run(Box::pin(async move {
            let enable = endpoint::ENABLE_ONU_SERIAL_NUMBER.spec().json(&request);
            send(&transport, enable).await?;
            let olt = request.olt_device_id.id.as_str();
            let serial = request.serial_number.as_str();
            let outcome = poll_until(interval, limit, || look(&transport, olt, serial)).await?;
            outcome.map_err(|last| {
                Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "ONU {serial} behind OLT {olt} was not ACTIVE after {:.1} s (last seen: {last})",
                        limit.as_secs_f64()
                    ),
                )
                .with_context(RequestContext::new(
                    transport.service(),
                    transport.tenant(),
                    "provision_onu",
                    Method::POST,
                    endpoint::ENABLE_ONU_SERIAL_NUMBER.path,
                ))
            })
        }))
    }
}

/// One look at the ONU with `serial` behind `olt`.
async fn look(transport: &Transport, olt: &str, serial: &str) -> nbi_core::Result<Probe<Device>> {
    let devices: Items<Device> = fetch(transport, endpoint::LIST_DEVICES.spec()).await?;
    let onu = devices
        .items
        .into_iter()
        .find(|d| d.is_onu() && d.parent_id == olt && d.serial_number == serial);
    Ok(match onu {
        None => Probe::Pending("no ONU device yet".into()),
        Some(d) if d.oper_status == OperStatus::Active => Probe::Done(d),
        Some(d) if d.oper_status == OperStatus::Failed => {
            return Err(Error::new(
                ErrorKind::Status,
                format!("ONU {serial} ({}) failed: {}", d.id, d.reason),
            ));
        }
        Some(d) => Probe::Pending(format!("device {} {}", d.id, d.oper_status)),
    })
}
