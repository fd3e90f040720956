//! The request documents, one function per kind, all written through [`XmlWriter`].

use super::writer::XmlWriter;
use crate::models::node::NodeName;
use crate::models::ont::{NewOnt, OntId, OntUpdate, Thresholds};
use crate::models::service::{EthSvcId, NewEthSvc, NewVlan};

/// SOAP 1.1: the auth exchange.
pub(crate) const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2: RPCs.
pub(crate) const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";

fn envelope(ns: &str, body: &str) -> String {
    let mut w = XmlWriter::new();
    w.open_with("soapenv:Envelope", &[("xmlns:soapenv", ns)])
        .open("soapenv:Body")
        .raw(body)
        .close("soapenv:Body")
        .close("soapenv:Envelope");
    w.finish()
}

/// The login request.
pub(crate) fn login(message_id: u64, username: &str, password: &str) -> String {
    let mut w = XmlWriter::new();
    w.open_with("auth", &[("message-id", &message_id.to_string())])
        .open("login")
        .leaf("UserName", username)
        .leaf("Password", password)
        .close("login")
        .close("auth");
    envelope(SOAP11, &w.finish())
}

/// The logout request.
pub(crate) fn logout(message_id: u64, username: &str, session: &str) -> String {
    let mut w = XmlWriter::new();
    w.open_with("auth", &[("message-id", &message_id.to_string())])
        .open("logout")
        .leaf("UserName", username)
        .leaf("SessionId", session)
        .close("logout")
        .close("auth");
    envelope(SOAP11, &w.finish())
}

/// An RPC around `operation` (written by one of the functions below).
pub(crate) fn rpc(
    message_id: u64,
    node: &NodeName,
    username: &str,
    session: &str,
    operation: &str,
) -> String {
    let mut w = XmlWriter::new();
    w.open_with(
        "rpc",
        &[
            ("message-id", &message_id.to_string()),
            ("nodename", node.as_str()),
            ("username", username),
            ("sessionid", session),
        ],
    )
    .raw(operation)
    .close("rpc");
    envelope(SOAP12, &w.finish())
}

/// `edit-config` of one object with `operation`, its body written by `fields`.
fn edit_config(
    operation: &'static str,
    extra: &[(&'static str, &str)],
    fields: impl FnOnce(&mut XmlWriter),
) -> String {
    let mut attrs = vec![("operation", operation)];
    attrs.extend_from_slice(extra);
    let mut w = XmlWriter::new();
    w.open("edit-config")
        .open("target")
        .empty("running")
        .close("target")
        .open("config")
        .open("top")
        .open_with("object", &attrs);
    fields(&mut w);
    w.close("object")
        .close("top")
        .close("config")
        .close("edit-config");
    w.finish()
}

fn ont_key(w: &mut XmlWriter, id: OntId) {
    w.leaf("type", "Ont")
        .open("id")
        .leaf_of("ont", id)
        .close("id");
}

fn thresholds(w: &mut XmlWriter, t: &Thresholds) {
    if let Some(v) = t.us_sdber_rate {
        w.leaf_of("us-sdber-rate", v);
    }
    if let Some(v) = t.low_rx_opt_pwr_ne_thresh {
        w.leaf_of("low-rx-opt-pwr-ne-thresh", v);
    }
    if let Some(v) = t.high_rx_opt_pwr_ne_thresh {
        w.leaf_of("high-rx-opt-pwr-ne-thresh", v);
    }
}

/// Create an ONT, echoing it back (`get-config="true"`).
pub(crate) fn create_ont(ont: &NewOnt) -> String {
    edit_config("create", &[("get-config", "true")], |w| {
        ont_key(w, ont.id);
        w.leaf("admin", ont.admin.as_str())
            .leaf("serno", ont.serial.as_str())
            .leaf("reg-id", &ont.reg_id)
            .leaf("subscr-id", &ont.subscriber_id)
            .leaf("descr", &ont.description)
            .reference("pwe3prof", "OntPwe3Prof", "ontpwe3prof", ont.pwe3_profile)
            .reference("ontprof", "OntProf", "ontprof", ont.ont_profile)
            .leaf_of("battery-present", ont.battery_present);
        thresholds(w, &ont.thresholds);
    })
}

/// Merge only the given fields, echoing the result.
pub(crate) fn update_ont(id: OntId, update: &OntUpdate) -> String {
    edit_config("merge", &[("get-config", "true")], |w| {
        ont_key(w, id);
        if let Some(v) = &update.admin {
            w.leaf("admin", v.as_str());
        }
        if let Some(v) = &update.serial {
            w.leaf("serno", v.as_str());
        }
        if let Some(v) = &update.reg_id {
            w.leaf("reg-id", v);
        }
        if let Some(v) = &update.subscriber_id {
            w.leaf("subscr-id", v);
        }
        if let Some(v) = &update.description {
            w.leaf("descr", v);
        }
        if let Some(v) = update.pwe3_profile {
            w.reference("pwe3prof", "OntPwe3Prof", "ontpwe3prof", v);
        }
        if let Some(v) = update.ont_profile {
            w.reference("ontprof", "OntProf", "ontprof", v);
        }
        if let Some(v) = update.battery_present {
            w.leaf_of("battery-present", v);
        }
        thresholds(w, &update.thresholds);
    })
}

/// Delete an ONT (not forced: a node refuses while it carries services).
pub(crate) fn delete_ont(id: OntId) -> String {
    edit_config("delete", &[("force", "false")], |w| ont_key(w, id))
}

fn get_config(filter: impl FnOnce(&mut XmlWriter)) -> String {
    let mut w = XmlWriter::new();
    w.open("get-config")
        .open("source")
        .empty("running")
        .close("source")
        .open_with("filter", &[("type", "subtree")])
        .open("top")
        .open("object");
    filter(&mut w);
    w.close("object")
        .close("top")
        .close("filter")
        .close("get-config");
    w.finish()
}

/// One ONT's configuration.
pub(crate) fn get_ont(id: OntId) -> String {
    get_config(|w| ont_key(w, id))
}

/// A page of the node's ONTs, after ONT `after` when continuing.
pub(crate) fn list_onts(after: Option<u32>) -> String {
    get_config(|w| {
        w.leaf("type", "System")
            .empty("id")
            .open("children")
            .leaf("type", "Ont");
        if let Some(last) = after {
            w.open("after")
                .leaf("type", "Ont")
                .open("id")
                .leaf_of("ont", last);
            w.close("id").close("after");
        }
        w.close("children");
    })
}

/// The `show-ont` action.
pub(crate) fn show_ont(id: OntId) -> String {
    let mut w = XmlWriter::new();
    w.open("action")
        .leaf("action-type", "show-ont")
        .open("action-args")
        .open("object");
    ont_key(&mut w, id);
    w.close("object").close("action-args").close("action");
    w.finish()
}

/// Create a VLAN.
pub(crate) fn create_vlan(vlan: &NewVlan) -> String {
    edit_config("create", &[], |w| {
        w.leaf("type", "Vlan")
            .open("id")
            .leaf_of("vlan", vlan.id)
            .close("id");
        w.leaf("name", &vlan.name);
    })
}

/// Delete a VLAN.
pub(crate) fn delete_vlan(id: u16) -> String {
    edit_config("delete", &[], |w| {
        w.leaf("type", "Vlan")
            .open("id")
            .leaf_of("vlan", id)
            .close("id");
    })
}

fn eth_svc_key(w: &mut XmlWriter, id: &EthSvcId) {
    w.leaf("type", "EthSvc")
        .open("id")
        .leaf_of("ont", id.ont)
        .leaf_of("ontslot", id.slot)
        .leaf_of("ontethany", id.port)
        .leaf_of("ethsvc", id.service)
        .close("id");
}

/// Create an Ethernet service, echoing it back.
pub(crate) fn create_eth_svc(svc: &NewEthSvc) -> String {
    edit_config("create", &[("get-config", "true")], |w| {
        eth_svc_key(w, &svc.id);
        w.leaf("admin", svc.admin.as_str())
            .leaf("descr", &svc.description)
            .reference("tag-action", "SvcTagAction", "svctagaction", svc.tag_action)
            .reference("bw-prof", "BwProf", "bwprof", svc.bw_profile)
            .leaf_of("out-tag", svc.out_tag);
        if let Some(inner) = svc.in_tag {
            w.leaf_of("in-tag", inner);
        }
    })
}

/// Delete an Ethernet service.
pub(crate) fn delete_eth_svc(id: &EthSvcId) -> String {
    edit_config("delete", &[], |w| eth_svc_key(w, id))
}

#[cfg(test)]
mod tests;
