//! One element of a parsed document, with helpers to walk the tree.

/// An element: its name without prefix, attributes, child elements and direct text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct XmlElement {
    /// The local name, namespace prefix stripped (`Envelope` for `soapenv:Envelope`).
    pub name: String,
    /// The name as written, prefix included (`soapenv:Envelope`).
    pub qualified_name: String,
    /// Attributes as written (`xmlns:soapenv`, `xsi:type`, `id`), values decoded.
    pub attributes: Vec<(String, String)>,
    /// Child elements in document order.
    pub children: Vec<XmlElement>,
    /// The element's own text (text and CDATA between its children), concatenated and trimmed.
    pub text: String,
}

impl XmlElement {
    /// An element with no attributes, children or text.
    pub fn new(name: impl Into<String>, qualified_name: impl Into<String>) -> Self {
        XmlElement {
            name: name.into(),
            qualified_name: qualified_name.into(),
            ..XmlElement::default()
        }
    }

    /// Trims the collected text once the element is complete.
    pub(crate) fn finish_text(&mut self) {
        let trimmed = self.text.trim();
        if trimmed.len() != self.text.len() {
            self.text = trimmed.to_owned();
        }
    }

    /// The first child with this local name (case-sensitive).
    pub fn child(&self, local_name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == local_name)
    }

    /// The first child with this local name, ignoring ASCII case.
    pub fn child_ignore_case(&self, local_name: &str) -> Option<&XmlElement> {
        self.children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(local_name))
    }

    /// Every child with this local name, in document order.
    pub fn children_named<'a>(
        &'a self,
        local_name: &'a str,
    ) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == local_name)
    }

    /// Follows a path of child names from this element (`&["Body", "rpc-reply", "data"]`); an
    /// empty path is this element.
    pub fn find(&self, path: &[&str]) -> Option<&XmlElement> {
        path.iter()
            .try_fold(self, |element, name| element.child(name))
    }

    /// The first element below this one (depth-first, document order) with this local name.
    pub fn descendant(&self, local_name: &str) -> Option<&XmlElement> {
        // An explicit stack: the depth is capped by the parser's limits, which a caller may raise.
        let mut pending: Vec<&XmlElement> = self.children.iter().rev().collect();
        while let Some(element) = pending.pop() {
            if element.name == local_name {
                return Some(element);
            }
            pending.extend(element.children.iter().rev());
        }
        None
    }

    /// An attribute's value, by its name as written (`xsi:type`) or by its local name (`type`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .or_else(|| {
                self.attributes
                    .iter()
                    .find(|(key, _)| key.rsplit(':').next() == Some(name))
            })
            .map(|(_, value)| value.as_str())
    }
}
