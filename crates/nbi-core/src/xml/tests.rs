use super::*;
use crate::ErrorKind;
use proptest::prelude::*;

fn parse_default(xml: &str) -> Result<XmlElement> {
    parse(xml.as_bytes(), &XmlLimits::default())
}

fn rejected(xml: &str) -> String {
    let e = parse_default(xml).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    e.to_string()
}

const CMS_REPLY: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header/>
  <soapenv:Body>
    <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" message-id="42">
      <data>
        <!-- inventory follows -->
        <ne:node xmlns:ne="urn:cms:ne" ne:id="7" name="olt-1">
          <ne:ip>10.0.0.1</ne:ip>
          <ne:desc><![CDATA[rack <3> & row]]></ne:desc>
        </ne:node>
        <ne:node xmlns:ne="urn:cms:ne" ne:id="8" name="olt-2"/>
      </data>
    </rpc-reply>
  </soapenv:Body>
</soapenv:Envelope>"#;

#[test]
fn cms_like_reply_is_parsed_with_prefixes_stripped() {
    let root = parse_default(CMS_REPLY).unwrap();
    assert_eq!(root.name, "Envelope");
    assert_eq!(root.qualified_name, "soapenv:Envelope");
    let data = root.find(&["Body", "rpc-reply", "data"]).unwrap();
    assert_eq!(root.descendant("data"), Some(data));
    let nodes: Vec<_> = data.children_named("node").collect();
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[0].attr("id"), Some("7"));
    assert_eq!(nodes[0].attr("ne:id"), Some("7"));
    assert_eq!(nodes[1].attr("name"), Some("olt-2"));
    assert_eq!(nodes[0].child("ip").unwrap().text, "10.0.0.1");
    assert_eq!(nodes[0].child("desc").unwrap().text, "rack <3> & row");
    assert!(nodes[0].child("IP").is_none());
    assert_eq!(nodes[0].child_ignore_case("IP").unwrap().text, "10.0.0.1");
    assert_eq!(
        root.descendant("rpc-reply").unwrap().attr("message-id"),
        Some("42")
    );
    assert!(root.descendant("missing").is_none());
    assert_eq!(root.find(&[]), Some(&root));
}

#[test]
fn billion_laughs_is_rejected_at_the_doctype() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>"#;
    assert!(rejected(bomb).contains("DOCTYPE"));
}

#[test]
fn external_entity_is_rejected() {
    let xxe = r#"<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<foo>&xxe;</foo>"#;
    let e = rejected(xxe);
    assert!(e.contains("DOCTYPE"), "{e}");
    assert!(!e.contains("root:"), "{e}");
}

#[test]
fn undefined_entities_are_rejected_in_text_and_attributes() {
    let e = rejected("<a><b>&nbsp;</b></a>");
    assert!(
        e.contains("/a/b") && e.contains("undefined entity `&nbsp;`"),
        "{e}"
    );
    let e = rejected(r#"<a><b x="&ext;"/></a>"#);
    assert!(e.contains("/a/b"), "{e}");
}

#[test]
fn predefined_entities_and_character_references_are_decoded() {
    let root = parse_default(
        r#"<a t="&lt;&quot;&#65;&#x42;">x &amp; y &lt;&gt; &apos;&#233;&#x1F600;</a>"#,
    )
    .unwrap();
    assert_eq!(root.text, "x & y <> '\u{e9}\u{1F600}");
    assert_eq!(root.attr("t"), Some("<\"AB"));
    assert!(rejected("<a>&#xZZ;</a>").contains("character reference"));
    assert!(rejected("<a>&#0;</a>").contains("character reference"));
}

#[test]
fn depth_cap_is_enforced() {
    let limits = XmlLimits {
        max_depth: 3,
        ..XmlLimits::default()
    };
    assert!(parse(b"<a><b><c/></b></a>", &limits).is_ok());
    let e = parse(b"<a><b><c><d/></c></b></a>", &limits).unwrap_err();
    assert!(e.to_string().contains("/a/b/c"), "{e}");
    assert!(e.to_string().contains("deeper than 3"), "{e}");
}

#[test]
fn size_element_and_attribute_caps_are_enforced() {
    let small = XmlLimits {
        max_bytes: 10,
        ..XmlLimits::default()
    };
    assert!(
        parse(b"<a>0123456789</a>", &small)
            .unwrap_err()
            .to_string()
            .contains("byte limit")
    );
    let few = XmlLimits {
        max_elements: 2,
        ..XmlLimits::default()
    };
    assert!(parse(b"<a><b/></a>", &few).is_ok());
    assert!(parse(b"<a><b/><c/></a>", &few).is_err());
    let attrs = XmlLimits {
        max_attributes: 2,
        ..XmlLimits::default()
    };
    assert!(parse(br#"<a x="1" y="2"/>"#, &attrs).is_ok());
    assert!(parse(br#"<a x="1" y="2" z="3"/>"#, &attrs).is_err());
}

#[test]
fn only_utf8_is_accepted() {
    assert!(rejected(r#"<?xml version="1.0" encoding="ISO-8859-1"?><a/>"#).contains("encoding"));
    let e = parse(b"<a>\xff</a>", &XmlLimits::default()).unwrap_err();
    assert!(e.to_string().contains("UTF-8"));
    assert!(parse("\u{feff}<a/>".as_bytes(), &XmlLimits::default()).is_ok());
    assert!(parse_default(r#"<?xml version="1.0" encoding="utf-8"?><a/>"#).is_ok());
}

#[test]
fn malformed_documents_are_rejected_with_a_path() {
    assert!(rejected("<a><b></c></a>").contains("/a/b"));
    assert!(rejected("<a><b>").contains("ends inside"));
    assert!(rejected("").contains("no root"));
    assert!(rejected("<a/><b/>").contains("after the root"));
    assert!(rejected("<a/>junk").contains("outside the root"));
    assert!(rejected(r#"<a x="1" x="2"/>"#).contains("/a"));
}

#[test]
fn text_is_concatenated_and_trimmed() {
    let root = parse_default("<a>\n  one <b>two</b> three <![CDATA[ four ]]>\n</a>").unwrap();
    assert_eq!(root.text, "one  three  four");
    assert_eq!(root.child("b").unwrap().text, "two");
}

#[test]
fn escaping_for_requests() {
    assert_eq!(escape_text("a<b>&'\""), "a&lt;b&gt;&amp;'\"");
    assert_eq!(escape_attr("a<\"'&"), "a&lt;&quot;&apos;&amp;");
    assert!(matches!(escape_text("plain"), Cow::Borrowed(_)));
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse(&bytes, &XmlLimits::default());
    }

    #[test]
    fn xml_like_text_never_panics(s in "[<>/a-c&;#x0-9 =\"'!\\[\\]?:-]{0,200}") {
        let _ = parse(s.as_bytes(), &XmlLimits { max_depth: 4, max_elements: 20, ..XmlLimits::default() });
    }
}
