//! `edit-config`: create, merge and delete of ONTs, VLANs and Ethernet services, with the
//! checks a CMS makes.

use super::reply::{self, RpcError};
use super::store::{self, EthSvc, Node as Store, Ont};
use super::xml::Node;

/// The `<id><ont>N</ont></id>` of an object.
pub(crate) fn ont_id(object: &Node) -> Result<u32, RpcError> {
    number(object.child("id").and_then(|i| i.child("ont")), "ont")
}

fn number(node: Option<&Node>, what: &str) -> Result<u32, RpcError> {
    let text = node
        .map(|n| n.text.as_str())
        .ok_or_else(|| RpcError::app("missing-element", format!("{what} is required")))?;
    text.parse()
        .map_err(|_| RpcError::invalid(format!("{what} {text} is not a number")))
}

/// The id inside a reference (`<ontprof><type>OntProf</type><id><ontprof>5</ontprof></id></ontprof>`).
fn reference(object: &Node, element: &str) -> Result<Option<u32>, RpcError> {
    match object.child(element) {
        None => Ok(None),
        Some(r) => number(r.child("id").and_then(|i| i.children.first()), element).map(Some),
    }
}

pub(crate) fn edit_config(node: &mut Store, edit: &Node) -> Result<String, RpcError> {
    let object = edit
        .child("config")
        .and_then(|c| c.find("object"))
        .ok_or_else(|| RpcError::app("missing-element", "edit-config needs config/top/object"))?;
    let operation = object.attr("operation").unwrap_or("merge");
    let echo = object.attr("get-config") == Some("true");
    match object.text_of("type").unwrap_or("") {
        "Ont" => ont(node, object, operation, echo),
        "Vlan" => vlan(node, object, operation),
        "EthSvc" => eth_svc(node, object, operation, echo),
        other => Err(RpcError::invalid(format!(
            "unsupported object type {other}"
        ))),
    }
}

fn ok() -> String {
    "<ok/>".to_owned()
}

fn ont(node: &mut Store, object: &Node, operation: &str, echo: bool) -> Result<String, RpcError> {
    let requested = ont_id(object)?;
    let id = match operation {
        "create" if requested == 0 => node
            .free_ont_id()
            .ok_or_else(|| RpcError::app("resource-denied", "no free ONT id"))?,
        _ => requested,
    };
    if id == 0 || id > store::MAX_ONT_ID {
        return Err(RpcError::invalid(format!(
            "ont {id} is out of range 1..64000000"
        )));
    }
    let mut ont = match operation {
        "create" if node.onts.contains_key(&id) => {
            return Err(RpcError::app(
                "data-exists",
                format!("Ont {id} already exists"),
            ));
        }
        "create" => Ont {
            pwe3prof: 1,
            ..Ont::default()
        },
        "merge" | "delete" => node
            .onts
            .get(&id)
            .cloned()
            .ok_or_else(|| RpcError::app("data-missing", format!("Ont {id} does not exist")))?,
        other => return Err(RpcError::invalid(format!("unsupported operation {other}"))),
    };
    if operation == "delete" {
        let in_use = node.eth_svcs.keys().any(|k| k.0 == id);
        if in_use && object.attr("force") != Some("true") {
            return Err(RpcError::app(
                "in-use",
                format!("Ont {id} has services; delete them first"),
            ));
        }
        node.eth_svcs.retain(|k, _| k.0 != id);
        node.onts.remove(&id);
        return Ok(ok());
    }
    apply_ont_fields(&mut ont, object)?;
    if operation == "create" {
        for (name, default) in [
            ("admin", "enabled"),
            ("serno", "0"),
            ("battery-present", "false"),
        ] {
            ont.leaves.entry(name).or_insert_with(|| default.to_owned());
        }
        if ont.ontprof == 0 {
            return Err(RpcError::app("missing-element", "ontprof is required"));
        }
    }
    let serno = ont.leaves.get("serno").cloned().unwrap_or_default();
    if let Some(owner) = node.serial_owner(&serno, id) {
        return Err(RpcError::app(
            "data-exists",
            format!("serial number {serno} is already used by Ont {owner}"),
        ));
    }
    node.onts.insert(id, ont.clone());
    if !echo {
        return Ok(ok());
    }
    let mut out = String::from("<data><top>");
    reply::ont_object(&mut out, id, &ont);
    out.push_str("</top></data>");
    Ok(out)
}

fn apply_ont_fields(ont: &mut Ont, object: &Node) -> Result<(), RpcError> {
    for child in &object.children {
        let name = child.name.as_str();
        match name {
            "type" | "id" => {}
            "pwe3prof" => {
                let id = reference(object, name)?.unwrap_or(1);
                store::profile_name(&store::PWE3_PROFILES, id)
                    .ok_or_else(|| RpcError::invalid(format!("OntPwe3Prof {id} does not exist")))?;
                ont.pwe3prof = id;
            }
            "ontprof" => {
                let id = reference(object, name)?.unwrap_or(0);
                store::profile_name(&store::ONT_PROFILES, id)
                    .ok_or_else(|| RpcError::invalid(format!("OntProf {id} does not exist")))?;
                ont.ontprof = id;
            }
            _ => {
                let Some(known) = store::ONT_LEAVES.iter().find(|l| **l == name) else {
                    return Err(RpcError::app(
                        "unknown-element",
                        format!("unknown element {name}"),
                    ));
                };
                check_leaf(known, &child.text)?;
                ont.leaves.insert(known, child.text.clone());
            }
        }
    }
    Ok(())
}

/// The checks CMS makes on ONT leaves.
fn check_leaf(name: &str, value: &str) -> Result<(), RpcError> {
    let bad = |rule: &str| Err(RpcError::invalid(format!("{name}: {rule}")));
    match name {
        "admin" if !matches!(value, "enabled" | "disabled" | "enabled-no-alarms") => {
            bad("must be enabled, disabled or enabled-no-alarms")
        }
        "serno"
            if value != "0"
                && !(value.len() == 6 && value.bytes().all(|b| b.is_ascii_hexdigit())) =>
        {
            bad("must be 0 or 6 hex digits")
        }
        "descr" if value.chars().count() > 64 => bad("at most 64 characters"),
        "reg-id" | "subscr-id" if value.chars().count() > 32 => bad("at most 32 characters"),
        "battery-present" if !matches!(value, "true" | "false") => bad("must be true or false"),
        _ => Ok(()),
    }
}

fn vlan(node: &mut Store, object: &Node, operation: &str) -> Result<String, RpcError> {
    let id = number(object.child("id").and_then(|i| i.child("vlan")), "vlan")?;
    if !(2..=4093).contains(&id) {
        return Err(RpcError::invalid(format!(
            "vlan {id} is out of range 2..4093"
        )));
    }
    match operation {
        "create" => {
            if node.vlans.contains_key(&id) {
                return Err(RpcError::app(
                    "data-exists",
                    format!("Vlan {id} already exists"),
                ));
            }
            let name = object.text_of("name").unwrap_or("").to_owned();
            node.vlans.insert(id, name);
            Ok(ok())
        }
        "delete" => {
            if !node.vlans.contains_key(&id) {
                return Err(RpcError::app(
                    "data-missing",
                    format!("Vlan {id} does not exist"),
                ));
            }
            if node.eth_svcs.values().any(|s| s.out_tag == id) {
                return Err(RpcError::app(
                    "in-use",
                    format!("Vlan {id} carries services"),
                ));
            }
            node.vlans.remove(&id);
            Ok(ok())
        }
        other => Err(RpcError::invalid(format!("unsupported operation {other}"))),
    }
}

fn eth_svc(
    node: &mut Store,
    object: &Node,
    operation: &str,
    echo: bool,
) -> Result<String, RpcError> {
    let id = object
        .child("id")
        .ok_or_else(|| RpcError::app("missing-element", "id is required"))?;
    let key = (
        number(id.child("ont"), "ont")?,
        number(id.child("ontslot"), "ontslot")?,
        number(id.child("ontethany"), "ontethany")?,
        number(id.child("ethsvc"), "ethsvc")?,
    );
    match operation {
        "create" => {
            if !node.onts.contains_key(&key.0) {
                return Err(RpcError::app(
                    "data-missing",
                    format!("Ont {} does not exist", key.0),
                ));
            }
            if node.eth_svcs.contains_key(&key) {
                return Err(RpcError::app("data-exists", "EthSvc already exists"));
            }
            let out_tag = number(object.child("out-tag"), "out-tag")?;
            if !node.vlans.contains_key(&out_tag) {
                return Err(RpcError::invalid(format!(
                    "out-tag: Vlan {out_tag} does not exist"
                )));
            }
            let tag_action = reference(object, "tag-action")?.unwrap_or(1);
            store::profile_name(&store::TAG_ACTIONS, tag_action).ok_or_else(|| {
                RpcError::invalid(format!("SvcTagAction {tag_action} does not exist"))
            })?;
            let bw_prof = reference(object, "bw-prof")?.unwrap_or(1);
            store::profile_name(&store::BW_PROFILES, bw_prof)
                .ok_or_else(|| RpcError::invalid(format!("BwProf {bw_prof} does not exist")))?;
            let in_tag = match object.child("in-tag") {
                Some(n) => Some(number(Some(n), "in-tag")?),
                None => None,
            };
            let svc = EthSvc {
                admin: object.text_of("admin").unwrap_or("enabled").to_owned(),
                descr: object.text_of("descr").unwrap_or("").to_owned(),
                tag_action,
                bw_prof,
                out_tag,
                in_tag,
            };
            node.eth_svcs.insert(key, svc.clone());
            if !echo {
                return Ok(ok());
            }
            let mut out = String::from("<data><top>");
            reply::eth_svc_object(&mut out, key, &svc);
            out.push_str("</top></data>");
            Ok(out)
        }
        "delete" => match node.eth_svcs.remove(&key) {
            Some(_) => Ok(ok()),
            None => Err(RpcError::app("data-missing", "EthSvc does not exist")),
        },
        other => Err(RpcError::invalid(format!("unsupported operation {other}"))),
    }
}
