//! Golden documents, one per request kind.

use super::*;
use crate::models::ont::{AdminState, Serial};

const RPC_HEAD: &str = "<soapenv:Envelope xmlns:soapenv=\"http://www.w3.org/2003/05/soap-envelope\"><soapenv:Body><rpc message-id=\"7\" nodename=\"NTWK-olt1\" username=\"nbi\" sessionid=\"S1\">";
const RPC_TAIL: &str = "</rpc></soapenv:Body></soapenv:Envelope>";

fn rpc7(operation: &str) -> String {
    rpc(7, &"olt1".parse().unwrap(), "nbi", "S1", operation)
}

fn golden(operation: &str, expected_inner: &str) {
    assert_eq!(
        rpc7(operation),
        format!("{RPC_HEAD}{expected_inner}{RPC_TAIL}")
    );
}

fn id(n: u32) -> OntId {
    OntId::new(n).unwrap()
}

#[test]
fn login_and_logout() {
    assert_eq!(
        login(1, "nbi", "p<&>"),
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><auth message-id=\"1\"><login><UserName>nbi</UserName><Password>p&lt;&amp;&gt;</Password></login></auth></soapenv:Body></soapenv:Envelope>"
    );
    assert_eq!(
        logout(2, "nbi", "S1"),
        "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><auth message-id=\"2\"><logout><UserName>nbi</UserName><SessionId>S1</SessionId></logout></auth></soapenv:Body></soapenv:Envelope>"
    );
}

#[test]
fn create_ont_document() {
    let ont = NewOnt::new(5)
        .serial("1a2b3c")
        .description("Flat 4")
        .reg_id("R1")
        .subscriber_id("SUB1")
        .thresholds(Thresholds {
            us_sdber_rate: Some(5),
            low_rx_opt_pwr_ne_thresh: Some(-280),
            high_rx_opt_pwr_ne_thresh: None,
        });
    golden(
        &create_ont(&ont),
        "<edit-config><target><running/></target><config><top><object operation=\"create\" get-config=\"true\"><type>Ont</type><id><ont>0</ont></id><admin>enabled</admin><serno>1A2B3C</serno><reg-id>R1</reg-id><subscr-id>SUB1</subscr-id><descr>Flat 4</descr><pwe3prof><type>OntPwe3Prof</type><id><ontpwe3prof>1</ontpwe3prof></id></pwe3prof><ontprof><type>OntProf</type><id><ontprof>5</ontprof></id></ontprof><battery-present>false</battery-present><us-sdber-rate>5</us-sdber-rate><low-rx-opt-pwr-ne-thresh>-280</low-rx-opt-pwr-ne-thresh></object></top></config></edit-config>",
    );
}

#[test]
fn update_sends_only_the_given_fields() {
    let update = OntUpdate {
        admin: Some(AdminState::EnabledNoAlarms),
        serial: Some(Serial::new("ABCDEF").unwrap()),
        ..OntUpdate::default()
    };
    golden(
        &update_ont(id(12), &update),
        "<edit-config><target><running/></target><config><top><object operation=\"merge\" get-config=\"true\"><type>Ont</type><id><ont>12</ont></id><admin>enabled-no-alarms</admin><serno>ABCDEF</serno></object></top></config></edit-config>",
    );
}

#[test]
fn delete_get_list_and_show() {
    golden(
        &delete_ont(id(12)),
        "<edit-config><target><running/></target><config><top><object operation=\"delete\" force=\"false\"><type>Ont</type><id><ont>12</ont></id></object></top></config></edit-config>",
    );
    golden(
        &get_ont(id(12)),
        "<get-config><source><running/></source><filter type=\"subtree\"><top><object><type>Ont</type><id><ont>12</ont></id></object></top></filter></get-config>",
    );
    golden(
        &list_onts(None),
        "<get-config><source><running/></source><filter type=\"subtree\"><top><object><type>System</type><id/><children><type>Ont</type></children></object></top></filter></get-config>",
    );
    golden(
        &list_onts(Some(100)),
        "<get-config><source><running/></source><filter type=\"subtree\"><top><object><type>System</type><id/><children><type>Ont</type><after><type>Ont</type><id><ont>100</ont></id></after></children></object></top></filter></get-config>",
    );
    golden(
        &show_ont(id(12)),
        "<action><action-type>show-ont</action-type><action-args><object><type>Ont</type><id><ont>12</ont></id></object></action-args></action>",
    );
}

#[test]
fn vlan_and_ethernet_service_documents() {
    golden(
        &create_vlan(&NewVlan::new(100, "data")),
        "<edit-config><target><running/></target><config><top><object operation=\"create\"><type>Vlan</type><id><vlan>100</vlan></id><name>data</name></object></top></config></edit-config>",
    );
    golden(
        &delete_vlan(100),
        "<edit-config><target><running/></target><config><top><object operation=\"delete\"><type>Vlan</type><id><vlan>100</vlan></id></object></top></config></edit-config>",
    );
    let svc = NewEthSvc {
        id: EthSvcId::new(id(12), 1, 1),
        admin: AdminState::Enabled,
        description: "HSI".into(),
        tag_action: 1,
        bw_profile: 2,
        out_tag: 100,
        in_tag: Some(200),
    };
    golden(
        &create_eth_svc(&svc),
        "<edit-config><target><running/></target><config><top><object operation=\"create\" get-config=\"true\"><type>EthSvc</type><id><ont>12</ont><ontslot>3</ontslot><ontethany>1</ontethany><ethsvc>1</ethsvc></id><admin>enabled</admin><descr>HSI</descr><tag-action><type>SvcTagAction</type><id><svctagaction>1</svctagaction></id></tag-action><bw-prof><type>BwProf</type><id><bwprof>2</bwprof></id></bw-prof><out-tag>100</out-tag><in-tag>200</in-tag></object></top></config></edit-config>",
    );
    golden(
        &delete_eth_svc(&svc.id),
        "<edit-config><target><running/></target><config><top><object operation=\"delete\"><type>EthSvc</type><id><ont>12</ont><ontslot>3</ontslot><ontethany>1</ontethany><ethsvc>1</ethsvc></id></object></top></config></edit-config>",
    );
}

#[test]
fn an_injected_description_stays_text() {
    let ont = NewOnt::new(1).description("</descr><admin>disabled</admin>");
    let doc = rpc7(&create_ont(&ont));
    assert!(doc.contains("<descr>&lt;/descr&gt;&lt;admin&gt;disabled&lt;/admin&gt;</descr>"));
    assert_eq!(doc.matches("<admin>").count(), 1);
    let parsed = nbi_core::xml::parse(doc.as_bytes(), &Default::default()).unwrap();
    let object = parsed.descendant("object").unwrap();
    assert_eq!(
        object.child("descr").unwrap().text,
        "</descr><admin>disabled</admin>"
    );
}
