//! stdout holds results (text, or one JSON document); stderr holds logs and error messages.

use std::io::{self, Write};

use serde::Serialize;

use crate::args::OutputFormat;

/// Where and how results are printed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    format: OutputFormat,
}

impl Output {
    pub(crate) fn new(format: OutputFormat) -> Self {
        Output { format }
    }

    /// True when stdout holds JSON.
    pub(crate) fn is_json(&self) -> bool {
        self.format == OutputFormat::Json
    }

    /// Prints one JSON document.
    pub(crate) fn json<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }

    /// Prints text as it is, ending with a newline.
    pub(crate) fn text(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        if !text.ends_with('\n') {
            writeln!(out)?;
        }
        out.flush()
    }

    /// Prints one compact JSON line (long-running commands print one per event).
    pub(crate) fn json_line<T: Serialize>(&self, value: &T) -> io::Result<()> {
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, value).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()
    }

    /// Prints text exactly as it is (a stored configuration, a diff).
    pub(crate) fn raw(&self, text: &str) -> io::Result<()> {
        let mut out = io::stdout().lock();
        out.write_all(text.as_bytes())?;
        out.flush()
    }

    /// Reports a failure: a message on stderr, and in JSON mode an `{"error": …}` document on
    /// stdout so a script always gets one document.
    pub(crate) fn error(&self, kind: &str, message: &str) {
        eprintln!("nbi: {message}");
        if self.is_json() {
            let doc = serde_json::json!({ "error": { "kind": kind, "message": message } });
            let _ = self.json(&doc);
        }
    }
}

/// Rows as columns padded to the widest cell; the last column is not padded.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut text = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (c, cell) in row.iter().enumerate() {
            text.push_str(cell);
            if c < last {
                let pad = widths[c] - cell.chars().count() + 2;
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_columns_line_up() {
        let rows = vec![
            vec!["a".to_string(), "bb".to_string(), "c".to_string()],
            vec!["aaa".to_string(), "b".to_string(), "c".to_string()],
        ];
        assert_eq!(table(&rows), "a    bb  c\naaa  b   c\n");
    }
}
