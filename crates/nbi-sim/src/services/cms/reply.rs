//! The XML the simulated CMS answers with: SOAP envelopes, auth replies, rpc-replies and
//! rpc-errors.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::store::{self, EthSvc, EthSvcKey, Ont};
use super::xml::{escape, leaf};

/// SOAP 1.1, used by the auth (login/logout) exchange.
pub(crate) const SOAP11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
/// SOAP 1.2, used by RPCs.
pub(crate) const SOAP12: &str = "http://www.w3.org/2003/05/soap-envelope";

/// A 200 answer carrying `body` in a SOAP envelope of namespace `ns`.
pub(crate) fn envelope(ns: &str, body: &str) -> Response {
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<soapenv:Envelope xmlns:soapenv=\"{ns}\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>"
    );
    let mut response = (StatusCode::OK, xml).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml;charset=UTF-8"),
    );
    response
}

/// A SOAP fault for a request that is not XML or not a CMS request.
pub(crate) fn fault(reason: &str) -> Response {
    let body = format!(
        "<soapenv:Fault><soapenv:Code><soapenv:Value>soapenv:Sender</soapenv:Value></soapenv:Code><soapenv:Reason><soapenv:Text>{}</soapenv:Text></soapenv:Reason></soapenv:Fault>",
        escape(reason)
    );
    let mut response = envelope(SOAP12, &body);
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
}

/// An `<auth-reply>`; `session_tag` is `SessionId` or `SessionID`, as the release writes it.
pub(crate) fn auth_reply(
    message_id: &str,
    code: u32,
    message: &str,
    session: Option<(&str, &str)>,
) -> Response {
    let mut body = format!("<auth-reply message-id=\"{}\">", escape(message_id));
    leaf(&mut body, "ResultCode", &code.to_string());
    leaf(&mut body, "ResultMessage", message);
    if let Some((tag, id)) = session {
        leaf(&mut body, tag, id);
    }
    body.push_str("</auth-reply>");
    envelope(SOAP11, &body)
}

/// An `<rpc-reply>` around `inner`.
pub(crate) fn rpc_reply(message_id: &str, node: &str, inner: &str) -> Response {
    let body = format!(
        "<rpc-reply message-id=\"{}\" nodename=\"{}\">{inner}</rpc-reply>",
        escape(message_id),
        escape(node)
    );
    envelope(SOAP12, &body)
}

/// An error the RPC ends in.
#[derive(Debug)]
pub(crate) struct RpcError {
    pub(crate) error_type: &'static str,
    pub(crate) tag: &'static str,
    pub(crate) message: String,
}

impl RpcError {
    pub(crate) fn app(tag: &'static str, message: impl Into<String>) -> Self {
        RpcError {
            error_type: "application",
            tag,
            message: message.into(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::app("invalid-value", message)
    }

    pub(crate) fn session() -> Self {
        RpcError {
            error_type: "application",
            tag: "access-denied",
            message: "session not exist, SESSION ID REQUIRED.".into(),
        }
    }

    pub(crate) fn render(&self) -> String {
        let mut out = String::from("<rpc-error>");
        leaf(&mut out, "error-type", self.error_type);
        leaf(&mut out, "error-tag", self.tag);
        leaf(&mut out, "error-severity", "error");
        leaf(&mut out, "error-message", &self.message);
        out.push_str("</rpc-error>");
        out
    }
}

/// `<name name="…"><type>T</type><id><name>N</name></id></name>`.
fn reference(out: &mut String, element: &str, type_: &str, id_tag: &str, id: u32, name: &str) {
    out.push_str(&format!(
        "<{element} name=\"{}\"><type>{type_}</type><id><{id_tag}>{id}</{id_tag}></id></{element}>",
        escape(name)
    ));
}

/// One ONT as `<object>`.
pub(crate) fn ont_object(out: &mut String, id: u32, ont: &Ont) {
    out.push_str("<object><type>Ont</type><id><ont>");
    out.push_str(&id.to_string());
    out.push_str("</ont></id>");
    for name in store::ONT_LEAVES {
        if let Some(value) = ont.leaves.get(name) {
            leaf(out, name, value);
        }
        if name == "descr" {
            let pwe3 = store::profile_name(&store::PWE3_PROFILES, ont.pwe3prof).unwrap_or("");
            reference(
                out,
                "pwe3prof",
                "OntPwe3Prof",
                "ontpwe3prof",
                ont.pwe3prof,
                pwe3,
            );
            let prof = store::profile_name(&store::ONT_PROFILES, ont.ontprof).unwrap_or("");
            reference(out, "ontprof", "OntProf", "ontprof", ont.ontprof, prof);
        }
    }
    out.push_str("</object>");
}

/// One Ethernet service as `<object>`.
pub(crate) fn eth_svc_object(out: &mut String, key: EthSvcKey, svc: &EthSvc) {
    let (ont, slot, port, number) = key;
    out.push_str(&format!(
        "<object><type>EthSvc</type><id><ont>{ont}</ont><ontslot>{slot}</ontslot><ontethany>{port}</ontethany><ethsvc>{number}</ethsvc></id>"
    ));
    leaf(out, "admin", &svc.admin);
    leaf(out, "descr", &svc.descr);
    let tag = store::profile_name(&store::TAG_ACTIONS, svc.tag_action).unwrap_or("");
    reference(
        out,
        "tag-action",
        "SvcTagAction",
        "svctagaction",
        svc.tag_action,
        tag,
    );
    let bw = store::profile_name(&store::BW_PROFILES, svc.bw_prof).unwrap_or("");
    reference(out, "bw-prof", "BwProf", "bwprof", svc.bw_prof, bw);
    leaf(out, "out-tag", &svc.out_tag.to_string());
    if let Some(inner) = svc.in_tag {
        leaf(out, "in-tag", &inner.to_string());
    }
    out.push_str("</object>");
}

/// One VLAN as `<object>`.
pub(crate) fn vlan_object(out: &mut String, id: u32, name: &str) {
    out.push_str(&format!(
        "<object><type>Vlan</type><id><vlan>{id}</vlan></id>"
    ));
    leaf(out, "name", name);
    out.push_str("</object>");
}
