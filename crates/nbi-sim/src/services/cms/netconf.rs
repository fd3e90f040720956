//! `POST /cmsexc/ex/netconf` and `/cmsweb/nc`: login, logout and RPCs.

use std::time::Duration;

use axum::extract::State;
use axum::response::Response;

use super::CmsState;
use super::edit;
use super::reply::{self, RpcError};
use super::sessions::{DEFAULT_IDLE, LoginRefused};
use super::store::{self, NODES};
use super::xml::{self, Node};

/// Listing replies hold at most this many objects, then `<more/>`.
pub(crate) const PAGE: usize = 100;

pub(crate) async fn netconf(State(state): State<CmsState>, body: String) -> Response {
    let Some(root) = xml::parse(&body) else {
        return reply::fault("the request is not well-formed XML");
    };
    let body = root.child("Body").unwrap_or(&root);
    if let Some(auth) = body.child("auth") {
        return auth_request(&state, auth);
    }
    if let Some(rpc) = body.child("rpc") {
        return rpc_request(&state, rpc);
    }
    reply::fault("expected <auth> or <rpc> in the SOAP body")
}

fn auth_request(state: &CmsState, auth: &Node) -> Response {
    let message_id = auth.attr("message-id").unwrap_or("0");
    if let Some(login) = auth.child("login") {
        let user = login.text_of("UserName").unwrap_or("");
        let password = login.text_of("Password").unwrap_or("");
        let shared = &state.shared;
        let tenant = shared
            .auth(crate::config::Service::Cms)
            .login_tenant(user, password);
        let idle = shared
            .faults
            .for_tenant(tenant.map(|t| shared.tenant_name(t)))
            .token_ttl_s
            .map_or(DEFAULT_IDLE, Duration::from_secs);
        let name = tenant.map_or("-", |t| shared.tenant_name(t));
        return match state.sessions.login(tenant, name, user, idle, shared.seed) {
            Ok(id) => reply::auth_reply(
                message_id,
                0,
                "Login successful",
                Some((state.session_tag, &id)),
            ),
            Err(LoginRefused::Credentials) => reply::auth_reply(
                message_id,
                6,
                "Login failed: invalid user name or password",
                None,
            ),
            Err(LoginRefused::TooMany) => reply::auth_reply(
                message_id,
                11,
                "Login failed: the maximum number of sessions (200) is reached",
                None,
            ),
        };
    }
    if let Some(logout) = auth.child("logout") {
        let user = logout.text_of("UserName").unwrap_or("");
        let session = logout
            .children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case("SessionId"))
            .map_or("", |c| c.text.as_str());
        return if state.sessions.logout(session, user) {
            reply::auth_reply(message_id, 0, "Logout successful", None)
        } else {
            reply::auth_reply(message_id, 1, "session not exist", None)
        };
    }
    reply::fault("expected <login> or <logout> in <auth>")
}

fn rpc_request(state: &CmsState, rpc: &Node) -> Response {
    let message_id = rpc.attr("message-id").unwrap_or("0");
    let node_name = rpc.attr("nodename").unwrap_or("");
    let respond = |inner: Result<String, RpcError>| {
        let inner = inner.unwrap_or_else(|e| e.render());
        reply::rpc_reply(message_id, node_name, &inner)
    };
    let session = rpc.attr("sessionid").unwrap_or("");
    let user = rpc.attr("username").unwrap_or("");
    let Some(tenant) = state.sessions.touch(session, user) else {
        return respond(Err(RpcError::session()));
    };
    let Some(node_index) = NODES.iter().position(|n| *n == node_name) else {
        return respond(Err(RpcError::invalid(format!(
            "Network {node_name} does not exist"
        ))));
    };
    let Some(tenant_nodes) = state.tenants.get(tenant) else {
        return respond(Err(RpcError::session()));
    };
    let mut nodes = tenant_nodes.lock().unwrap_or_else(|p| p.into_inner());
    let Some(node) = nodes.get_mut(node_index) else {
        return respond(Err(RpcError::invalid("no such network")));
    };
    let outcome = if let Some(edit) = rpc.child("edit-config") {
        edit::edit_config(node, edit)
    } else if let Some(get) = rpc.child("get-config").or_else(|| rpc.child("get")) {
        get_config(node, get)
    } else if let Some(action) = rpc.child("action") {
        action_request(state.shared.seed, node, action)
    } else {
        Err(RpcError::app(
            "operation-not-supported",
            "unknown operation",
        ))
    };
    respond(outcome)
}

/// `get-config` / `get` with a subtree filter: one ONT, or every ONT of the node in pages.
fn get_config(node: &store::Node, get: &Node) -> Result<String, RpcError> {
    let object = get
        .child("filter")
        .and_then(|f| f.find("object"))
        .ok_or_else(|| RpcError::app("missing-element", "get-config needs a filter object"))?;
    let type_ = object.text_of("type").unwrap_or("");
    match type_ {
        "Ont" => {
            let id = edit::ont_id(object)?;
            let ont = node
                .onts
                .get(&id)
                .ok_or_else(|| RpcError::app("data-missing", format!("Ont {id} does not exist")))?;
            let mut out = String::from("<data><top>");
            reply::ont_object(&mut out, id, ont);
            out.push_str("</top></data>");
            Ok(out)
        }
        "System" => {
            let children = object
                .child("children")
                .ok_or_else(|| RpcError::app("missing-element", "children expected"))?;
            match children.text_of("type") {
                Some("Ont") => Ok(list_onts(node, children)),
                Some("Vlan") => {
                    let mut out =
                        String::from("<data><top><object><type>System</type><id/><children>");
                    for (id, name) in &node.vlans {
                        reply::vlan_object(&mut out, *id, name);
                    }
                    out.push_str("</children></object></top></data>");
                    Ok(out)
                }
                other => Err(RpcError::invalid(format!(
                    "unsupported children type {}",
                    other.unwrap_or("")
                ))),
            }
        }
        other => Err(RpcError::invalid(format!(
            "unsupported object type {other}"
        ))),
    }
}

fn list_onts(node: &store::Node, children: &Node) -> String {
    let after = children
        .child("after")
        .and_then(|a| a.find("ont"))
        .and_then(|o| o.text.parse::<u32>().ok())
        .unwrap_or(0);
    let mut out = String::from("<data><top><object><type>System</type><id/><children>");
    let mut more = false;
    for (listed, (id, ont)) in node.onts.range(after.saturating_add(1)..).enumerate() {
        if listed == PAGE {
            more = true;
            break;
        }
        reply::ont_object(&mut out, *id, ont);
    }
    out.push_str("</children></object></top></data>");
    if more {
        out.push_str("<more/>");
    }
    out
}

/// `show-ont`: the ONT's operational status (deterministic per seed and id).
fn action_request(seed: u64, node: &store::Node, action: &Node) -> Result<String, RpcError> {
    let kind = action.text_of("action-type").unwrap_or("");
    if kind != "show-ont" {
        return Err(RpcError::app(
            "operation-not-supported",
            format!("unsupported action {kind}"),
        ));
    }
    let object = action
        .child("action-args")
        .and_then(|a| a.find("object"))
        .ok_or_else(|| RpcError::app("missing-element", "action-args needs an object"))?;
    let id = edit::ont_id(object)?;
    let ont = node
        .onts
        .get(&id)
        .ok_or_else(|| RpcError::app("data-missing", format!("Ont {id} does not exist")))?;
    let serno = ont.leaves.get("serno").map_or("0", String::as_str);
    let admin = ont.leaves.get("admin").map_or("enabled", String::as_str);
    let present = serno != "0";
    let op_stat = match (present, admin) {
        (false, _) => "missing",
        (true, "disabled") => "disabled",
        (true, _) => "enabled",
    };
    let model = store::profile_name(&store::ONT_PROFILES, ont.ontprof).unwrap_or("");
    let rx = -(15.0 + ((seed ^ u64::from(id)) % 100) as f64 / 10.0);
    let mut out = String::from("<action-reply><match><type>Ont</type><id><ont>");
    out.push_str(&format!("{id}</ont></id>"));
    xml::leaf(&mut out, "op-stat", op_stat);
    xml::leaf(&mut out, "crit", "0");
    xml::leaf(&mut out, "maj", if present { "0" } else { "1" });
    xml::leaf(&mut out, "min", "0");
    xml::leaf(&mut out, "warn", "0");
    xml::leaf(&mut out, "info", "0");
    xml::leaf(&mut out, "serno", serno);
    xml::leaf(&mut out, "model", if present { model } else { "" });
    xml::leaf(&mut out, "vendor", "CXNK");
    xml::leaf(
        &mut out,
        "curr-sw-vers",
        if present { "12.2.1.14" } else { "" },
    );
    xml::leaf(&mut out, "onu-rx-level", &format!("{rx:.1}"));
    out.push_str("</match></action-reply>");
    Ok(out)
}
