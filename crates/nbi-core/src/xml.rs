//! A hardened XML reader for SOAP and NETCONF-style northbound APIs.
//!
//! [`parse`] builds a small [`XmlElement`] tree and refuses anything that could make a hostile
//! or broken server hurt the caller: any `<!DOCTYPE …>` (so no entity can ever be declared:
//! "billion laughs" and external entities are impossible), every entity reference other than
//! the five predefined ones and numeric character references, documents over a size, depth,
//! element-count or attribute-count cap, and anything that is not UTF-8. Nothing is ever
//! fetched or expanded. Errors are [`ErrorKind::Decode`](crate::ErrorKind::Decode) and name the
//! element path (`/Envelope/Body/rpc-reply`) where reading stopped.
//!
//! Element names lose their namespace prefix (`soapenv:Envelope` becomes `Envelope`), which is
//! what clients match on; [`XmlElement::qualified_name`] keeps the original.

mod element;

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::events::{BytesDecl, BytesRef, BytesStart, Event};

pub use element::XmlElement;

use crate::error::{Error, Result};

/// Caps on what [`parse`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlLimits {
    /// Largest document in bytes (default 16 MiB).
    pub max_bytes: usize,
    /// Deepest element nesting; the root is depth 1 (default 64).
    pub max_depth: usize,
    /// Most elements in the whole document (default 1,000,000).
    pub max_elements: usize,
    /// Most attributes on one element, namespace declarations included (default 64).
    pub max_attributes: usize,
}

impl Default for XmlLimits {
    fn default() -> Self {
        XmlLimits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 64,
            max_elements: 1_000_000,
            max_attributes: 64,
        }
    }
}

/// Escapes `<`, `>` and `&` for use as element text in a request.
pub fn escape_text(s: &str) -> Cow<'_, str> {
    quick_xml::escape::partial_escape(s)
}

/// Escapes `<`, `>`, `&`, `'` and `"` for use inside an attribute value in a request.
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    quick_xml::escape::escape(s)
}

/// Parses a whole document into its root element, within `limits`.
pub fn parse(bytes: &[u8], limits: &XmlLimits) -> Result<XmlElement> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::decode(
            "/",
            format!(
                "document of {} bytes is over the {} byte limit",
                bytes.len(),
                limits.max_bytes
            ),
        ));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| Error::decode("/", format!("document is not UTF-8: {e}")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    TreeBuilder::new(limits).run(text)
}

/// Builds the tree from reader events, keeping the open elements on a stack.
struct TreeBuilder<'l> {
    limits: &'l XmlLimits,
    open: Vec<XmlElement>,
    root: Option<XmlElement>,
    elements: usize,
}

impl<'l> TreeBuilder<'l> {
    fn new(limits: &'l XmlLimits) -> Self {
        TreeBuilder {
            limits,
            open: Vec::new(),
            root: None,
            elements: 0,
        }
    }

    fn run(mut self, text: &str) -> Result<XmlElement> {
        let mut reader = Reader::from_str(text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        loop {
            let event = reader.read_event().map_err(|e| {
                self.error(format!(
                    "malformed XML near byte {}: {e}",
                    reader.error_position()
                ))
            })?;
            match event {
                Event::Decl(decl) => self.check_declaration(&decl)?,
                Event::DocType(_) => return Err(self.error("DOCTYPE declarations are not allowed")),
                Event::Start(start) => self.open_element(&start)?,
                Event::Empty(start) => {
                    self.open_element(&start)?;
                    self.close_element()?;
                }
                Event::End(_) => self.close_element()?,
                Event::Text(t) => {
                    let t = t.xml10_content().map_err(|e| self.error(e))?;
                    self.push_text(&t)?;
                }
                Event::CData(c) => {
                    let c = c.xml10_content().map_err(|e| self.error(e))?;
                    self.push_text(&c)?;
                }
                Event::GeneralRef(r) => {
                    let resolved = self.resolve_reference(&r)?;
                    self.push_text(&resolved.to_string())?;
                }
                Event::Comment(_) | Event::PI(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    fn check_declaration(&self, decl: &BytesDecl<'_>) -> Result<()> {
        if let Some(encoding) = decl.encoding() {
            let encoding = encoding.map_err(|e| self.error(e))?;
            if !encoding.eq_ignore_ascii_case(b"utf-8") && !encoding.eq_ignore_ascii_case(b"utf8") {
                return Err(self.error(format!(
                    "declared encoding `{}` is not supported, only UTF-8",
                    String::from_utf8_lossy(&encoding)
                )));
            }
        }
        Ok(())
    }

    fn open_element(&mut self, start: &BytesStart<'_>) -> Result<()> {
        if self.root.is_some() {
            return Err(self.error("content after the root element"));
        }
        if self.open.len() >= self.limits.max_depth {
            return Err(self.error(format!(
                "nesting is deeper than {} levels",
                self.limits.max_depth
            )));
        }
        if self.elements >= self.limits.max_elements {
            return Err(self.error(format!(
                "document has more than {} elements",
                self.limits.max_elements
            )));
        }
        self.elements += 1;
        let qualified = utf8(start.name().as_ref());
        let local = utf8(start.local_name().as_ref());
        let mut element = XmlElement::new(local, qualified);
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| self.error_in(&element, e))?;
            if element.attributes.len() >= self.limits.max_attributes {
                return Err(self.error_in(
                    &element,
                    format!("more than {} attributes", self.limits.max_attributes),
                ));
            }
            let value = attribute
                .unescape_value()
                .map_err(|e| self.error_in(&element, e))?;
            element
                .attributes
                .push((utf8(attribute.key.as_ref()), value.into_owned()));
        }
        self.open.push(element);
        Ok(())
    }

    fn close_element(&mut self) -> Result<()> {
        let Some(mut element) = self.open.pop() else {
            return Err(self.error("end tag without a start tag"));
        };
        element.finish_text();
        match self.open.last_mut() {
            Some(parent) => parent.children.push(element),
            None => self.root = Some(element),
        }
        Ok(())
    }

    fn push_text(&mut self, text: &str) -> Result<()> {
        match self.open.last_mut() {
            Some(element) => element.text.push_str(text),
            None if text.trim().is_empty() => {}
            None => return Err(self.error("text outside the root element")),
        }
        Ok(())
    }

    /// Resolves `&name;` without ever consulting a declaration: only the five predefined
    /// entities and character references exist.
    fn resolve_reference(&self, reference: &BytesRef<'_>) -> Result<char> {
        if reference.is_char_ref() {
            return match reference.resolve_char_ref() {
                Ok(Some(c)) => Ok(c),
                Ok(None) | Err(_) => Err(self.error(format!(
                    "invalid character reference `&{};`",
                    String::from_utf8_lossy(reference)
                ))),
            };
        }
        match &**reference {
            b"lt" => Ok('<'),
            b"gt" => Ok('>'),
            b"amp" => Ok('&'),
            b"apos" => Ok('\''),
            b"quot" => Ok('"'),
            other => Err(self.error(format!(
                "undefined entity `&{};`",
                String::from_utf8_lossy(other)
            ))),
        }
    }

    fn finish(mut self) -> Result<XmlElement> {
        if !self.open.is_empty() {
            return Err(self.error("document ends inside an element"));
        }
        self.root
            .take()
            .ok_or_else(|| Error::decode("/", "document has no root element"))
    }

    /// The path of the open elements (`/rpc-reply/data`).
    fn path(&self) -> String {
        if self.open.is_empty() {
            return "/".to_owned();
        }
        self.open.iter().fold(String::new(), |mut path, e| {
            path.push('/');
            path.push_str(&e.name);
            path
        })
    }

    fn error(&self, reason: impl std::fmt::Display) -> Error {
        Error::decode(self.path(), reason)
    }

    /// An error about an element not yet pushed on the stack.
    fn error_in(&self, element: &XmlElement, reason: impl std::fmt::Display) -> Error {
        let mut path = self.path();
        if !path.ends_with('/') {
            path.push('/');
        }
        path.push_str(&element.name);
        Error::decode(path, reason)
    }
}

/// Names come from a `&str` document split at ASCII bytes, so they are UTF-8; lossy conversion
/// only guards against surprises without panicking.
fn utf8(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests;
