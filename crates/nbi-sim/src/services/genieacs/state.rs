//! Each tenant's ACS: its devices, queued tasks, faults, presets, objects, provisions,
//! virtual parameters and files, behind one lock per tenant.

use std::sync::{Mutex, MutexGuard};

use serde_json::{Value, json};

use super::clock::Clock;
use super::seed;
use crate::fault::mix;
use crate::shared::Shared;

/// One CPE: its document as GenieACS stores it, and whether it answers connection requests.
#[derive(Debug)]
pub(super) struct SimDevice {
    pub(super) doc: Value,
    pub(super) online: bool,
}

impl SimDevice {
    pub(super) fn id(&self) -> &str {
        self.doc.get("_id").and_then(Value::as_str).unwrap_or("")
    }
}

/// One tenant's collections, in insertion order as MongoDB returns them unsorted.
#[derive(Debug, Default)]
pub(super) struct TenantAcs {
    pub(super) devices: Vec<SimDevice>,
    pub(super) tasks: Vec<Value>,
    pub(super) faults: Vec<Value>,
    pub(super) presets: Vec<Value>,
    pub(super) objects: Vec<Value>,
    pub(super) provisions: Vec<Value>,
    pub(super) virtual_parameters: Vec<Value>,
    pub(super) files: Vec<Value>,
    next_task: u64,
}

/// Every tenant's ACS and the shared clock.
#[derive(Debug)]
pub(super) struct Acs {
    tenants: Vec<Mutex<TenantAcs>>,
    pub(super) clock: Clock,
    pub(super) seed: u64,
}

impl Acs {
    pub(super) fn new(shared: &Shared) -> Self {
        let clock = Clock::new();
        let tenants = (0..shared.tenants.len())
            .map(|t| Mutex::new(TenantAcs::seeded(shared.seed, t, shared.devices, &clock)))
            .collect();
        Acs {
            tenants,
            clock,
            seed: shared.seed,
        }
    }

    /// The tenant's state, locked. A panic elsewhere leaves plain data; carry on with it.
    pub(super) fn tenant(&self, tenant: usize) -> Option<MutexGuard<'_, TenantAcs>> {
        let lock = self.tenants.get(tenant)?;
        Some(lock.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// A periodic inform: volatile values move on. False when there is no such device.
    pub(super) fn inform(&self, tenant: usize, id: &str) -> bool {
        let now = self.clock.now_ms();
        let Some(mut acs) = self.tenant(tenant) else {
            return false;
        };
        let Some(device) = acs.device_mut(id) else {
            return false;
        };
        super::engine::inform(&mut device.doc, now);
        true
    }

    /// A local change of the Wi-Fi name, seen at an inform.
    pub(super) fn change(&self, tenant: usize, id: &str) -> bool {
        let now = self.clock.now_ms();
        let Some(mut acs) = self.tenant(tenant) else {
            return false;
        };
        let Some(device) = acs.device_mut(id) else {
            return false;
        };
        super::engine::inform(&mut device.doc, now);
        super::engine::rename_wifi(&mut device.doc, now);
        true
    }

    /// Takes a device on- or offline.
    pub(super) fn set_online(&self, tenant: usize, id: &str, online: bool) -> bool {
        let Some(mut acs) = self.tenant(tenant) else {
            return false;
        };
        match acs.device_mut(id) {
            Some(device) => {
                device.online = online;
                true
            }
            None => false,
        }
    }
}

impl TenantAcs {
    fn seeded(seed: u64, tenant: usize, devices: usize, clock: &Clock) -> Self {
        let base = clock.base_ms();
        let mut acs = TenantAcs {
            devices: (0..devices)
                .map(|index| {
                    let d = seed::device(seed, tenant, index, base);
                    SimDevice {
                        doc: d.document,
                        online: d.online,
                    }
                })
                .collect(),
            presets: seed::presets(),
            provisions: seed::provisions(),
            virtual_parameters: seed::virtual_parameters(),
            ..TenantAcs::default()
        };
        acs.files.push(json!({
            "_id": "BM632w-firmware-2.0.0.bin", "length": 4_194_304, "chunkSize": 261_120,
            "uploadDate": super::clock::iso(base - 7 * 86_400_000),
            "filename": "BM632w-firmware-2.0.0.bin",
            "metadata": {"fileType": "1 Firmware Upgrade Image", "oui": "202BC1",
                         "productClass": "BM632w", "version": "2.0.0"}
        }));
        acs.seed_faults(seed, tenant, base);
        acs
    }

    /// A queued task that already faulted on an offline CPE, and a provision script fault.
    fn seed_faults(&mut self, seed: u64, tenant: usize, base: u64) {
        let at = super::clock::iso(base - 3_600_000);
        if let Some(offline) = self
            .devices
            .iter()
            .find(|d| !d.online)
            .map(|d| d.id().to_owned())
        {
            let task_id = self.new_task_id(seed, tenant, base);
            self.tasks.push(json!({
                "_id": task_id, "device": offline, "name": "getParameterValues",
                "parameterNames": ["InternetGatewayDevice.DeviceInfo.X_VENDOR_Temperature"],
                "timestamp": at,
            }));
            self.faults.push(json!({
                "_id": format!("{offline}:task_{task_id}"), "device": offline,
                "channel": format!("task_{task_id}"), "timestamp": at, "retries": 2,
                "code": "cwmp.9005", "message": "Invalid parameter name",
                "detail": {"faultCode": "9005", "faultString": "Invalid parameter name"},
                "provisions": [["getParameterValues"]],
            }));
        }
        if let Some(online) = self
            .devices
            .iter()
            .find(|d| d.online)
            .map(|d| d.id().to_owned())
        {
            self.faults.push(json!({
                "_id": format!("{online}:default"), "device": online, "channel": "default",
                "timestamp": at, "retries": 0, "code": "script.ReferenceError",
                "message": "wifiPassword is not defined",
                "detail": {"name": "ReferenceError", "message": "wifiPassword is not defined",
                           "stack": "ReferenceError: wifiPassword is not defined\n    at default:4:11"},
                "provisions": [["default"]],
            }));
        }
    }

    /// A new ObjectId-like task id: 4 bytes of seconds, 8 of a per-tenant counter.
    pub(super) fn new_task_id(&mut self, seed: u64, tenant: usize, now_ms: u64) -> String {
        self.next_task += 1;
        let tag = mix(seed ^ 0x7A5C, tenant as u64) & 0xFFFF_FFFF;
        format!("{:08x}{:08x}{:08x}", now_ms / 1000, tag, self.next_task)
    }

    pub(super) fn device_mut(&mut self, id: &str) -> Option<&mut SimDevice> {
        self.devices.iter_mut().find(|d| d.id() == id)
    }

    /// The documents of a named collection (`devices` is served from [`TenantAcs::devices`]).
    pub(super) fn named_mut(&mut self, collection: &str) -> Option<&mut Vec<Value>> {
        Some(match collection {
            "tasks" => &mut self.tasks,
            "faults" => &mut self.faults,
            "presets" => &mut self.presets,
            "objects" => &mut self.objects,
            "provisions" => &mut self.provisions,
            "virtual_parameters" => &mut self.virtual_parameters,
            "files" => &mut self.files,
            _ => return None,
        })
    }
}

/// Replaces the document with the same `_id`, or appends it.
pub(super) fn upsert(docs: &mut Vec<Value>, doc: Value) {
    let id = doc.get("_id").cloned();
    match docs.iter_mut().find(|d| d.get("_id") == id.as_ref()) {
        Some(slot) => *slot = doc,
        None => docs.push(doc),
    }
}

/// Removes the document with `_id` `id`; whether there was one.
pub(super) fn remove(docs: &mut Vec<Value>, id: &str) -> bool {
    let before = docs.len();
    docs.retain(|d| d.get("_id").and_then(Value::as_str) != Some(id));
    docs.len() != before
}
