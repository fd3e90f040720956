//! The only way request XML is written: element names are compile-time constants and every
//! value goes through [`XmlWriter::leaf`] or an attribute, which escape it. A value can never
//! open or close an element. Non-ASCII characters are written as character references, so the
//! body is plain ASCII and reads the same as ISO-8859-1 (the content type CMS expects) or UTF-8.

/// Appends escaped XML to a string.
#[derive(Debug, Default)]
pub(crate) struct XmlWriter {
    out: String,
}

impl XmlWriter {
    pub(crate) fn new() -> Self {
        XmlWriter {
            out: String::with_capacity(512),
        }
    }

    /// `<name a="v" …>`.
    pub(crate) fn open_with(
        &mut self,
        name: &'static str,
        attrs: &[(&'static str, &str)],
    ) -> &mut Self {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// `<name>`.
    pub(crate) fn open(&mut self, name: &'static str) -> &mut Self {
        self.open_with(name, &[])
    }

    /// `</name>`.
    pub(crate) fn close(&mut self, name: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// `<name/>`.
    pub(crate) fn empty(&mut self, name: &'static str) -> &mut Self {
        self.out.push('<');
        self.out.push_str(name);
        self.out.push_str("/>");
        self
    }

    /// `<name>value</name>`, the value escaped.
    pub(crate) fn leaf(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.open(name);
        escape_into(&mut self.out, value);
        self.close(name)
    }

    /// A leaf with a displayable value (numbers, booleans).
    pub(crate) fn leaf_of(
        &mut self,
        name: &'static str,
        value: impl std::fmt::Display,
    ) -> &mut Self {
        self.leaf(name, &value.to_string())
    }

    /// A reference: `<name><type>T</type><id><id_tag>N</id_tag></id></name>`.
    pub(crate) fn reference(
        &mut self,
        name: &'static str,
        type_: &'static str,
        id_tag: &'static str,
        id: u32,
    ) -> &mut Self {
        self.open(name)
            .leaf("type", type_)
            .open("id")
            .leaf_of(id_tag, id);
        self.close("id").close(name)
    }

    /// Pre-written XML from another writer.
    pub(crate) fn raw(&mut self, xml: &str) -> &mut Self {
        self.out.push_str(xml);
        self
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Escapes markup characters and quotes; writes non-ASCII as `&#xH;`; drops characters XML 1.0
/// cannot carry (validation refuses them earlier; this is the last line).
fn escape_into(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c if c.is_ascii() => out.push(c),
            c => out.push_str(&format!("&#x{:X};", u32::from(c))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_cannot_change_the_document() {
        let mut w = XmlWriter::new();
        w.open_with("rpc", &[("username", "a\"b<c")])
            .leaf("descr", "</descr><admin>disabled</admin>&")
            .leaf("x", "café\u{0}")
            .close("rpc");
        assert_eq!(
            w.finish(),
            "<rpc username=\"a&quot;b&lt;c\"><descr>&lt;/descr&gt;&lt;admin&gt;disabled&lt;/admin&gt;&amp;</descr><x>caf&#xE9;</x></rpc>"
        );
    }
}
