//! Hostile XML replies to `nbi cms`: to the session login (its own 64 KiB reader) and, after a
//! good login, to a request (the transport's cap and the hardened XML reader).

use super::lab::{GIB, JSON, Lab, XML, assert_mentions, header_attacks};
use super::{HostileServer, Reply};

const LAUGHS: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<soapenv:Envelope><soapenv:Body><auth-reply>&lol9;</auth-reply></soapenv:Body></soapenv:Envelope>"#;

/// A 40 KB entity referenced 1,500 times: 60 MB if expanded, inside the 64 KB login cap.
fn quadratic_blowup() -> String {
    format!(
        "<!DOCTYPE q [<!ENTITY a \"{}\">]><q>{}</q>",
        "a".repeat(40_000),
        "&a;".repeat(1_500)
    )
}

fn deep_xml(depth: usize) -> String {
    format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
}

/// Every hostile XML reply, with what the error must say.
fn xml_cases(url: &str) -> Vec<(Reply, &'static str)> {
    let xxe = |system: &str| {
        format!("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"{system}\">]><r>&x;</r>")
    };
    vec![
        (Reply::ok(XML, LAUGHS), "DOCTYPE"),
        (Reply::ok(XML, quadratic_blowup()), "DOCTYPE"),
        (Reply::ok(XML, xxe("file:///etc/passwd")), "DOCTYPE"),
        (Reply::ok(XML, xxe(&format!("{url}/xxe"))), "DOCTYPE"),
        (Reply::ok(XML, "<!DOCTYPE html><html/>"), "DOCTYPE"),
        // 9,000 levels still fit the 64 KiB login cap, so the depth cap is what refuses them.
        (Reply::ok(XML, deep_xml(9_000)), "deeper than"),
        (Reply::ok(XML, &b"<r>\xff\xfe</r>"[..]), "UTF-8"),
        (
            Reply::ok(JSON, r#"{"ok":true}"#),
            "outside the root element",
        ),
    ]
}

const LOGIN_OK: &str = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">\
    <soapenv:Body><auth-reply><ResultCode>0</ResultCode><SessionId>s-1</SessionId></auth-reply>\
    </soapenv:Body></soapenv:Envelope>";

#[test]
fn cms_login_refuses_hostile_xml() {
    let probe = HostileServer::start(Reply::ok(XML, ""));
    for (reply, expected) in xml_cases(&probe.url()) {
        let lab = Lab::new(reply);
        assert_mentions(&lab.cms_fails(), expected);
        assert!(
            lab.server.requests().iter().all(|r| !r.contains("xxe")),
            "an external entity was fetched"
        );
    }
    // A gigabyte login reply, chunked so that no length warns of it.
    let lab = Lab::new(Reply::stream(XML, "<auth-reply>", "a", GIB));
    assert_mentions(&lab.cms_fails(), "auth reply is too large");
    for reply in header_attacks() {
        let lab = Lab::new(reply);
        assert_mentions(&lab.cms_fails(), "auth exchange failed");
    }
}

#[test]
fn cms_requests_refuse_hostile_xml_after_a_good_login() {
    let cases = xml_cases("http://127.0.0.1:9").into_iter().chain([
        (Reply::ok(XML, deep_xml(10_000)), "deeper than"),
        (Reply::stream(XML, "<r>", "a", GIB), "33554432-byte cap"),
    ]);
    for (reply, expected) in cases {
        let lab = Lab::routed(move |request| {
            if request.contains("<login>") || request.contains("<logout>") {
                Reply::ok(XML, LOGIN_OK)
            } else {
                reply.clone()
            }
        });
        assert_mentions(&lab.cms_fails(), expected);
    }
}
