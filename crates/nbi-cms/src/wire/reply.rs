//! Reading replies with nbi-core's hardened XML reader (no DOCTYPE, no entities, size and depth
//! caps) into typed values.

use std::collections::BTreeMap;

use nbi_core::xml::{self, XmlElement, XmlLimits};
use nbi_core::{Error, Result};

use crate::error::RpcError;
use crate::models::ont::{AdminState, Ont, OntId, ProfileRef, Serial, Thresholds};
use crate::models::service::{EthSvc, EthSvcId};
use crate::models::status::{AlarmCounts, OntStatus};

/// Parses a whole reply document.
pub(crate) fn document(body: &[u8]) -> Result<XmlElement> {
    xml::parse(body, &XmlLimits::default())
}

/// The element below the SOAP body (or the root, for a bare reply).
fn payload<'a>(root: &'a XmlElement, name: &str) -> Option<&'a XmlElement> {
    if root.name == name {
        return Some(root);
    }
    root.child("Body")
        .and_then(|b| b.child(name))
        .or_else(|| root.descendant(name))
}

/// What a login or logout answered.
#[derive(Debug)]
pub(crate) struct AuthReply {
    pub(crate) code: i64,
    pub(crate) message: String,
    pub(crate) session: Option<String>,
}

/// Reads an `<auth-reply>`; the session id tag is matched in any case (`SessionId`,
/// `SessionID`).
pub(crate) fn auth_reply(body: &[u8]) -> Result<AuthReply> {
    let root = document(body)?;
    let reply = payload(&root, "auth-reply")
        .ok_or_else(|| Error::decode("/Envelope/Body", "no auth-reply"))?;
    let code = reply
        .child_ignore_case("ResultCode")
        .ok_or_else(|| Error::decode("/Envelope/Body/auth-reply", "no ResultCode"))?
        .text
        .parse::<i64>()
        .map_err(|_| Error::decode("/Envelope/Body/auth-reply/ResultCode", "not a number"))?;
    Ok(AuthReply {
        code,
        message: reply
            .child_ignore_case("ResultMessage")
            .map(|m| m.text.clone())
            .unwrap_or_default(),
        session: reply
            .child_ignore_case("SessionId")
            .map(|s| s.text.clone())
            .filter(|s| !s.is_empty()),
    })
}

/// The `<rpc-error>` of a reply, if it has one.
pub(crate) fn rpc_error(root: &XmlElement) -> Option<RpcError> {
    let reply = payload(root, "rpc-reply")?;
    let error = reply
        .child("rpc-error")
        .or_else(|| reply.descendant("rpc-error"))?;
    let text = |name: &str| {
        error
            .child(name)
            .map(|e| e.text.clone())
            .unwrap_or_default()
    };
    Some(RpcError::new(
        text("error-type"),
        text("error-tag"),
        text("error-severity"),
        text("error-message"),
    ))
}

/// The `<rpc-reply>`; an rpc-error in it becomes its typed error.
pub(crate) fn rpc_reply(root: &XmlElement) -> Result<&XmlElement> {
    if let Some(e) = rpc_error(root) {
        return Err(e.into_error());
    }
    payload(root, "rpc-reply").ok_or_else(|| Error::decode("/Envelope/Body", "no rpc-reply"))
}

/// The first `<object>` of `<data><top>`.
pub(crate) fn data_object(reply: &XmlElement) -> Result<&XmlElement> {
    reply
        .find(&["data", "top", "object"])
        .ok_or_else(|| Error::decode("/Envelope/Body/rpc-reply/data", "no top/object"))
}

/// A reply that must be `<ok/>` (or carry data, which some releases echo).
pub(crate) fn expect_ok(reply: &XmlElement) -> Result<()> {
    if reply.child("ok").is_some() || reply.child("data").is_some() {
        Ok(())
    } else {
        Err(Error::decode("/Envelope/Body/rpc-reply", "expected <ok/>"))
    }
}

/// One page of a listing: the ONTs and whether `<more/>` follows.
pub(crate) fn ont_page(reply: &XmlElement) -> Result<(Vec<Ont>, bool)> {
    let more = reply.descendant("more").is_some();
    let children = reply
        .find(&["data", "top", "object", "children"])
        .ok_or_else(|| Error::decode("/Envelope/Body/rpc-reply/data/top/object", "no children"))?;
    let onts = children
        .children_named("object")
        .map(ont)
        .collect::<Result<Vec<_>>>()?;
    Ok((onts, more))
}

fn number<T: std::str::FromStr>(element: &XmlElement, path: &str) -> Result<T> {
    element
        .text
        .parse()
        .map_err(|_| Error::decode(path, "not a number"))
}

fn reference(element: &XmlElement, path: &str) -> Result<ProfileRef> {
    let leaf = element
        .child("id")
        .and_then(|id| id.children.first())
        .ok_or_else(|| Error::decode(path, "reference without an id"))?;
    Ok(ProfileRef {
        id: number(leaf, path)?,
        name: element
            .attr("name")
            .or_else(|| leaf.attr("name"))
            .map(str::to_owned),
    })
}

/// An `<object><type>Ont</type>…`.
pub(crate) fn ont(object: &XmlElement) -> Result<Ont> {
    const AT: &str = "/data/top/object";
    let id_leaf = object
        .find(&["id", "ont"])
        .ok_or_else(|| Error::decode(AT, "ONT without id/ont"))?;
    let id: u32 = number(id_leaf, "/data/top/object/id/ont")?;
    let mut ont = Ont {
        id: OntId::new(id).map_err(|_| Error::decode("/data/top/object/id/ont", "out of range"))?,
        admin: AdminState::Enabled,
        serial: Serial::none(),
        reg_id: String::new(),
        subscriber_id: String::new(),
        description: String::new(),
        pwe3_profile: ProfileRef::default(),
        ont_profile: ProfileRef::default(),
        battery_present: false,
        thresholds: Thresholds::default(),
        extra: BTreeMap::new(),
    };
    for child in &object.children {
        let text = child.text.as_str();
        match child.name.as_str() {
            "type" | "id" => {}
            "admin" => ont.admin = AdminState::from_reply(text),
            "serno" => ont.serial = Serial::from_reply(text),
            "reg-id" => ont.reg_id = text.to_owned(),
            "subscr-id" => ont.subscriber_id = text.to_owned(),
            "descr" => ont.description = text.to_owned(),
            "pwe3prof" => ont.pwe3_profile = reference(child, "/data/top/object/pwe3prof")?,
            "ontprof" => ont.ont_profile = reference(child, "/data/top/object/ontprof")?,
            "battery-present" => ont.battery_present = text == "true",
            "us-sdber-rate" if text.parse::<u32>().is_ok() => {
                ont.thresholds.us_sdber_rate = text.parse().ok();
            }
            "low-rx-opt-pwr-ne-thresh" if text.parse::<i32>().is_ok() => {
                ont.thresholds.low_rx_opt_pwr_ne_thresh = text.parse().ok();
            }
            "high-rx-opt-pwr-ne-thresh" if text.parse::<i32>().is_ok() => {
                ont.thresholds.high_rx_opt_pwr_ne_thresh = text.parse().ok();
            }
            other => {
                ont.extra.insert(other.to_owned(), text.to_owned());
            }
        }
    }
    Ok(ont)
}

/// An `<object><type>EthSvc</type>…`.
pub(crate) fn eth_svc(object: &XmlElement) -> Result<EthSvc> {
    const AT: &str = "/data/top/object/id";
    let id = object
        .child("id")
        .ok_or_else(|| Error::decode(AT, "EthSvc without id"))?;
    let part = |name: &str| -> Result<u32> {
        let leaf = id
            .child(name)
            .ok_or_else(|| Error::decode(AT, format!("no {name}")))?;
        number(leaf, AT)
    };
    let vlan = |name: &str| object.child(name).and_then(|e| e.text.parse::<u16>().ok());
    Ok(EthSvc {
        id: EthSvcId {
            ont: OntId::new(part("ont")?).map_err(|_| Error::decode(AT, "ont out of range"))?,
            slot: part("ontslot")?,
            port: part("ontethany")?,
            service: part("ethsvc")?,
        },
        admin: AdminState::from_reply(object.child("admin").map_or("", |e| e.text.as_str())),
        description: object
            .child("descr")
            .map(|e| e.text.clone())
            .unwrap_or_default(),
        tag_action: match object.child("tag-action") {
            Some(r) => reference(r, "/data/top/object/tag-action")?,
            None => ProfileRef::default(),
        },
        bw_profile: match object.child("bw-prof") {
            Some(r) => reference(r, "/data/top/object/bw-prof")?,
            None => ProfileRef::default(),
        },
        out_tag: vlan("out-tag"),
        in_tag: vlan("in-tag"),
    })
}

/// The `<action-reply>` of `show-ont`.
pub(crate) fn ont_status(reply: &XmlElement) -> Result<OntStatus> {
    const AT: &str = "/Envelope/Body/rpc-reply/action-reply";
    let found = reply
        .find(&["action-reply", "match"])
        .ok_or_else(|| Error::decode(AT, "no match"))?;
    let id: u32 = number(
        found
            .find(&["id", "ont"])
            .ok_or_else(|| Error::decode(AT, "no id/ont"))?,
        "/action-reply/match/id/ont",
    )?;
    let mut status = OntStatus {
        id: OntId::new(id).map_err(|_| Error::decode(AT, "ont out of range"))?,
        op_stat: String::new(),
        alarms: AlarmCounts::default(),
        serial: String::new(),
        model: String::new(),
        vendor: String::new(),
        software_version: String::new(),
        rx_level_dbm: None,
        extra: BTreeMap::new(),
    };
    for child in &found.children {
        let text = child.text.clone();
        let count = || child.text.parse::<u32>().unwrap_or(0);
        match child.name.as_str() {
            "type" | "id" => {}
            "op-stat" => status.op_stat = text,
            "crit" => status.alarms.critical = count(),
            "maj" => status.alarms.major = count(),
            "min" => status.alarms.minor = count(),
            "warn" => status.alarms.warning = count(),
            "info" => status.alarms.info = count(),
            "serno" => status.serial = text,
            "model" => status.model = text,
            "vendor" => status.vendor = text,
            "curr-sw-vers" => status.software_version = text,
            "onu-rx-level" => status.rx_level_dbm = text.parse().ok(),
            other => {
                status.extra.insert(other.to_owned(), text);
            }
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests;
