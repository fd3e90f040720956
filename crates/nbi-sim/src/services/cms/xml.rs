//! Just enough XML for the simulated CMS: a small tree read with quick-xml (no DTDs, no entities
//! beyond the predefined ones), and escaping for the replies it writes.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The deepest nesting a request may have.
const MAX_DEPTH: usize = 32;

/// One element: local name (prefix dropped), attributes, children and trimmed text.
#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
    pub(crate) text: String,
}

impl Node {
    pub(crate) fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// A child's text, if the child is there.
    pub(crate) fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name || k.rsplit(':').next() == Some(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first element with this name, depth first.
    pub(crate) fn find(&self, name: &str) -> Option<&Node> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

/// Parses a request body; `None` when it is not well-formed XML the simulator accepts.
pub(crate) fn parse(text: &str) -> Option<Node> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut open: Vec<Node> = Vec::new();
    let mut root = None;
    loop {
        match reader.read_event().ok()? {
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH || root.is_some() {
                    return None;
                }
                open.push(node(&start)?);
            }
            Event::Empty(start) => {
                let element = node(&start)?;
                close(&mut open, &mut root, element)?;
            }
            Event::End(_) => {
                let mut element = open.pop()?;
                element.text = element.text.trim().to_owned();
                close(&mut open, &mut root, element)?;
            }
            Event::Text(t) => {
                if let Some(top) = open.last_mut() {
                    top.text.push_str(&t.xml10_content().ok()?);
                }
            }
            Event::CData(c) => {
                if let Some(top) = open.last_mut() {
                    top.text.push_str(&c.xml10_content().ok()?);
                }
            }
            Event::GeneralRef(r) => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().ok()??
                } else {
                    match &*r {
                        b"lt" => '<',
                        b"gt" => '>',
                        b"amp" => '&',
                        b"apos" => '\'',
                        b"quot" => '"',
                        _ => return None,
                    }
                };
                open.last_mut()?.text.push(c);
            }
            Event::DocType(_) => return None,
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::PI(_) => {}
        }
    }
    if !open.is_empty() {
        return None;
    }
    root
}

fn node(start: &BytesStart<'_>) -> Option<Node> {
    let mut n = Node {
        name: String::from_utf8_lossy(start.local_name().as_ref()).into_owned(),
        ..Node::default()
    };
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        let value = attribute.unescape_value().ok()?.into_owned();
        n.attrs.push((
            String::from_utf8_lossy(attribute.key.as_ref()).into_owned(),
            value,
        ));
    }
    Some(n)
}

fn close(open: &mut [Node], root: &mut Option<Node>, element: Node) -> Option<()> {
    match open.last_mut() {
        Some(parent) => parent.children.push(element),
        None if root.is_none() => *root = Some(element),
        None => return None,
    }
    Some(())
}

/// Escapes text for an element or an attribute value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `<name>text</name>`, escaped.
pub(crate) fn leaf(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    out.push_str(&escape(text));
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_prefixed_trees_and_refuses_doctypes() {
        let root = parse(
            r#"<s:Envelope xmlns:s="x"><s:Body><rpc a="1"><x>a&amp;b</x><y/></rpc></s:Body></s:Envelope>"#,
        )
        .unwrap();
        let rpc = root.find("rpc").unwrap();
        assert_eq!(rpc.attr("a"), Some("1"));
        assert_eq!(rpc.text_of("x"), Some("a&b"));
        assert!(rpc.child("y").is_some());
        assert!(parse("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>").is_none());
        assert!(parse("<x><y></x>").is_none());
        assert_eq!(escape("</descr>&"), "&lt;/descr&gt;&amp;");
    }
}
