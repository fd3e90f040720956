//! Unified diffs of normalized configuration text, optionally coloured for a terminal.

use similar::{ChangeTag, TextDiff};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A unified diff (`---`/`+++` headers, `@@` hunks) from `old` to `new`, with `context` lines
/// around each change. Identical inputs give an empty string.
pub fn unified_diff(
    old: &str,
    new: &str,
    old_label: &str,
    new_label: &str,
    context: usize,
) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(context)
        .header(old_label, new_label)
        .to_string()
}

/// Colours a unified diff with ANSI escapes: removed lines red, added lines green, hunk headers
/// cyan, file headers bold. Meant for a terminal only; pipes and files get the plain diff.
pub fn colorize(diff: &str) -> String {
    let mut out = String::with_capacity(diff.len() + diff.len() / 4);
    // Before the first hunk, `---`/`+++` are file headers; inside hunks a removed line that
    // starts with "--" would look the same, so the position decides, not the prefix.
    let mut in_hunks = false;
    for line in diff.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        let colour = if body.starts_with("@@") {
            in_hunks = true;
            Some(CYAN)
        } else if !in_hunks && (body.starts_with("---") || body.starts_with("+++")) {
            Some(BOLD)
        } else if in_hunks && body.starts_with('-') {
            Some(RED)
        } else if in_hunks && body.starts_with('+') {
            Some(GREEN)
        } else {
            None
        };
        match colour {
            Some(colour) => {
                out.push_str(colour);
                out.push_str(body);
                out.push_str(RESET);
            }
            None => out.push_str(body),
        }
        out.push_str(newline);
    }
    out
}

/// How many lines a change adds and removes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DiffStat {
    /// Lines only in the new text.
    pub added: usize,
    /// Lines only in the old text.
    pub removed: usize,
}

impl DiffStat {
    /// Counts the lines added and removed going from `old` to `new`.
    pub fn between(old: &str, new: &str) -> DiffStat {
        let mut stat = DiffStat::default();
        for change in TextDiff::from_lines(old, new).iter_all_changes() {
            match change.tag() {
                ChangeTag::Insert => stat.added += 1,
                ChangeTag::Delete => stat.removed += 1,
                ChangeTag::Equal => {}
            }
        }
        stat
    }

    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added == 0 && self.removed == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the structure of a unified diff: headers first, then hunks whose line counts
    /// match their `@@ -a,b +c,d @@` header. Returns the number of hunks.
    fn check_unified(diff: &str) -> usize {
        let lines: Vec<&str> = diff.lines().collect();
        assert!(lines[0].starts_with("--- "), "{diff}");
        assert!(lines[1].starts_with("+++ "), "{diff}");
        let mut i = 2;
        let mut hunks = 0;
        while i < lines.len() {
            let header = lines[i];
            assert!(
                header.starts_with("@@ -") && header.ends_with(" @@"),
                "{header}"
            );
            let ranges: Vec<&str> = header.trim_matches('@').split_whitespace().collect();
            let count = |r: &str| -> usize {
                r[1..]
                    .split_once(',')
                    .map_or(1, |(_, n)| n.parse().unwrap())
            };
            let (mut old_left, mut new_left) = (count(ranges[0]), count(ranges[1]));
            i += 1;
            while old_left > 0 || new_left > 0 {
                let line = lines[i];
                match line.as_bytes().first() {
                    Some(b' ') => {
                        old_left -= 1;
                        new_left -= 1;
                    }
                    Some(b'-') => old_left -= 1,
                    Some(b'+') => new_left -= 1,
                    // Marks the line above as lacking a final newline; counts for neither side.
                    Some(b'\\') => {}
                    _ => panic!("unexpected line in hunk: {line:?}"),
                }
                i += 1;
            }
            while i < lines.len() && lines[i].starts_with('\\') {
                i += 1;
            }
            hunks += 1;
        }
        hunks
    }

    #[test]
    fn identical_texts_give_an_empty_diff() {
        let text = "hostname r1\ninterface ge-0/0/0\n";
        assert_eq!(unified_diff(text, text, "a", "b", 3), "");
        assert!(DiffStat::between(text, text).is_empty());
    }

    #[test]
    fn a_change_gives_a_valid_unified_diff() {
        let old: String = (1..=30).map(|i| format!("line {i}\n")).collect();
        let new = old
            .replace("line 3\n", "line three\n")
            .replace("line 25\n", "")
            + "line 31\n";
        let diff = unified_diff(&old, &new, "acme/nms/r1 v1", "acme/nms/r1 v2", 3);
        assert!(diff.starts_with("--- acme/nms/r1 v1\n+++ acme/nms/r1 v2\n"));
        assert_eq!(check_unified(&diff), 2);
        assert_eq!(
            DiffStat::between(&old, &new),
            DiffStat {
                added: 2,
                removed: 2
            }
        );
    }

    #[test]
    fn a_missing_final_newline_still_parses() {
        let diff = unified_diff("a\nb", "a\nc", "old", "new", 3);
        assert_eq!(check_unified(&diff), 1);
    }

    #[test]
    fn colours_follow_the_line_kind_not_the_prefix_alone() {
        let diff = unified_diff("a\n-- note\n", "a\nb\n", "old", "new", 3);
        let coloured = colorize(&diff);
        assert!(coloured.starts_with(&format!("{BOLD}--- old{RESET}\n{BOLD}+++ new{RESET}\n")));
        assert!(coloured.contains(&format!("{CYAN}@@")));
        assert!(coloured.contains(&format!("{RED}--- note{RESET}\n")));
        assert!(coloured.contains(&format!("{GREEN}+b{RESET}\n")));
        assert!(coloured.contains("\n a\n"));
    }
}
