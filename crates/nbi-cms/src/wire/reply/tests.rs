//! Reply parsing: both session id spellings, pages with `<more/>`, rpc-errors, hostile input.

use super::*;
use crate::RpcErrorExt;

fn envelope(body: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://www.w3.org/2003/05/soap-envelope\"><soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>").into_bytes()
}

#[test]
fn both_session_id_spellings() {
    for tag in ["SessionId", "SessionID", "sessionid"] {
        let body = envelope(&format!(
            "<auth-reply><ResultCode>0</ResultCode><{tag}>42</{tag}></auth-reply>"
        ));
        assert_eq!(auth_reply(&body).unwrap().session.as_deref(), Some("42"));
    }
    let failed = envelope(
        "<auth-reply><ResultCode>6</ResultCode><ResultMessage>Login failed</ResultMessage></auth-reply>",
    );
    let answer = auth_reply(&failed).unwrap();
    assert_eq!(
        (answer.code, answer.message.as_str(), answer.session),
        (6, "Login failed", None)
    );
}

const ONT: &str = "<object><type>Ont</type><id><ont>7</ont></id><admin>enabled-no-alarms</admin><serno>1A2B3C</serno><reg-id/><subscr-id>S</subscr-id><descr>a &amp; b</descr><pwe3prof name=\"default\"><type>OntPwe3Prof</type><id><ontprof>1</ontprof></id></pwe3prof><ontprof><type>OntProf</type><id><ontprof name=\"GP1100X\">5</ontprof></id></ontprof><battery-present>true</battery-present><future-leaf>x</future-leaf><admin-future>y</admin-future></object>";

#[test]
fn an_ont_with_names_on_either_element_and_unknown_leaves_kept() {
    let doc = document(&envelope(&format!(
        "<rpc-reply><data><top>{ONT}</top></data></rpc-reply>"
    )))
    .unwrap();
    let ont = ont(data_object(rpc_reply(&doc).unwrap()).unwrap()).unwrap();
    assert_eq!(ont.id.get(), 7);
    assert_eq!(ont.admin, AdminState::EnabledNoAlarms);
    assert_eq!(ont.description, "a & b");
    assert_eq!(ont.pwe3_profile.name.as_deref(), Some("default"));
    assert_eq!(
        ont.ont_profile,
        ProfileRef {
            id: 5,
            name: Some("GP1100X".into())
        }
    );
    assert!(ont.battery_present);
    assert_eq!(ont.extra["future-leaf"], "x");
    assert_eq!(ont.extra.len(), 2);
}

#[test]
fn an_unknown_admin_state_is_kept() {
    let doc = document(&envelope("<rpc-reply><data><top><object><type>Ont</type><id><ont>1</ont></id><admin>maintenance</admin></object></top></data></rpc-reply>")).unwrap();
    let ont = ont(data_object(rpc_reply(&doc).unwrap()).unwrap()).unwrap();
    assert_eq!(ont.admin, AdminState::Other("maintenance".into()));
}

#[test]
fn pages_report_more() {
    let page = |more: &str| {
        envelope(&format!(
            "<rpc-reply><data><top><object><type>System</type><id/><children>{ONT}{ONT}</children></object></top></data>{more}</rpc-reply>"
        ))
    };
    let doc = document(&page("<more/>")).unwrap();
    let (onts, more) = ont_page(rpc_reply(&doc).unwrap()).unwrap();
    assert_eq!((onts.len(), more), (2, true));
    let doc = document(&page("")).unwrap();
    assert!(!ont_page(rpc_reply(&doc).unwrap()).unwrap().1);
}

#[test]
fn rpc_errors_are_typed() {
    let doc = document(&envelope("<rpc-reply message-id=\"3\"><rpc-error><error-type>application</error-type><error-tag>access-denied</error-tag><error-severity>error</error-severity><error-message>session not exist, SESSION ID REQUIRED.</error-message></rpc-error></rpc-reply>")).unwrap();
    let e = rpc_reply(&doc).unwrap_err();
    let rpc = e.rpc_error().unwrap();
    assert_eq!(rpc.error_type, "application");
    assert_eq!(rpc.tag, "access-denied");
    assert_eq!(rpc.severity, "error");
    assert!(rpc.is_session_gone());
}

#[test]
fn show_ont_status() {
    let doc = document(&envelope("<rpc-reply><action-reply><match><type>Ont</type><id><ont>4</ont></id><op-stat>enabled</op-stat><crit>1</crit><maj>2</maj><serno>ABCDEF</serno><model>700GE</model><onu-rx-level>-18.5</onu-rx-level><uptime>100</uptime></match></action-reply></rpc-reply>")).unwrap();
    let s = ont_status(rpc_reply(&doc).unwrap()).unwrap();
    assert_eq!((s.id.get(), s.op_stat.as_str()), (4, "enabled"));
    assert_eq!((s.alarms.critical, s.alarms.major), (1, 2));
    assert_eq!(s.rx_level_dbm, Some(-18.5));
    assert_eq!(s.extra["uptime"], "100");
}

#[test]
fn hostile_documents_are_refused_unexpanded() {
    let bomb = br#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rpc-reply>&b;</rpc-reply>"#;
    assert_eq!(
        document(bomb).unwrap_err().kind(),
        nbi_core::ErrorKind::Decode
    );
    let external =
        br#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><rpc-reply>&e;</rpc-reply>"#;
    assert!(
        document(external)
            .unwrap_err()
            .to_string()
            .contains("DOCTYPE")
    );
    let undeclared = b"<rpc-reply>&e;</rpc-reply>";
    assert!(document(undeclared).is_err());
}
