//! The text rules, line by line: line endings, trailing blanks, volatile lines, secrets, the
//! IOS-XR timestamp, blank edges, one final newline.

use std::borrow::Cow;

use regex::{Regex, RegexSet};

use super::secrets::SecretMasker;

/// The compiled text rules of one normalizer.
#[derive(Clone, Debug)]
pub(crate) struct TextRules {
    pub(crate) volatile: RegexSet,
    pub(crate) timestamp: Regex,
    pub(crate) secrets: Option<SecretMasker>,
}

impl TextRules {
    /// Applies every rule; the result is empty or ends in exactly one newline.
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut kept: Vec<Cow<'_, str>> = Vec::new();
        for line in split_lines(text) {
            let line = line.trim_end_matches([' ', '\t']);
            if self.volatile.is_match(line) {
                continue;
            }
            let line = match &self.secrets {
                Some(masker) => masker.mask(Cow::Borrowed(line)),
                None => Cow::Borrowed(line),
            };
            kept.push(line);
        }
        if let Some(first) = kept.iter().position(|l| !l.is_empty())
            && self.timestamp.is_match(&kept[first])
        {
            kept.remove(first);
        }
        let start = kept
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(kept.len());
        let end = kept
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(start, |i| i + 1);
        let lines = &kept[start..end];
        let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for line in lines {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// Lines split at LF, CRLF or a lone CR.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\r', '\n']) {
            Some(i) => {
                let width = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + width..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}
