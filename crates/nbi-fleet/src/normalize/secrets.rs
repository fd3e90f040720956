//! `mask_secrets = true`: password, secret, key-string and community values become
//! `<removed>`, like Oxidized's `remove_secret`.
//!
//! Patterns (each on one line, leading indentation allowed):
//! * Cisco-like `password`/`secret` lines, optionally after `enable ` or
//!   `username NAME [other words] `, with an optional type (a number or EOS `sha512`):
//!   `username bob password 7 ABC` → `username bob password 7 <removed>`,
//!   `enable secret 5 $1$xyz` → `enable secret 5 <removed>`, ` password 7 0822` (line vty);
//!   a quoted value is left to the JunOS rule.
//! * `snmp-server community NAME …` → `snmp-server community <removed> …`.
//! * `key-string [N] VALUE` → `key-string [N] <removed>` (the rest of the line).
//! * JunOS `encrypted-password`, `secret`, `authentication-key` with a quoted value →
//!   `encrypted-password "<removed>";`, and unquoted `encrypted-password VALUE;`.
//! * JunOS SNMP `community NAME {` → `community <removed> {` (as Oxidized does, this also
//!   masks policy-options community names written in that form).
//!
//! Every replacement is idempotent: masking masked text changes nothing.

use std::borrow::Cow;

use regex::{Regex, RegexSet};

const RULES: [(&str, &str); 6] = [
    (
        r"^(\s*(?:enable |username \S+ (?:\S+ )*?)?(?:password|secret)(?: (?:\d+|sha512))? )[^\s\x22]\S*",
        "${1}<removed>",
    ),
    (r"^(\s*snmp-server community )\S+", "${1}<removed>"),
    (r"^(\s*key-string(?: \d+)? )\S.*$", "${1}<removed>"),
    (
        r#"^(\s*(?:encrypted-password|secret|authentication-key) )"[^"]*""#,
        r#"${1}"<removed>""#,
    ),
    (r#"^(\s*encrypted-password )[^\s";]+;"#, "${1}<removed>;"),
    (r"^(\s*community )\S+( \{)$", "${1}<removed>${2}"),
];

/// The compiled masking rules.
#[derive(Clone, Debug)]
pub(crate) struct SecretMasker {
    any: RegexSet,
    rules: Vec<(Regex, &'static str)>,
}

impl SecretMasker {
    pub(crate) fn new() -> Result<Self, regex::Error> {
        let any = RegexSet::new(RULES.iter().map(|(pattern, _)| pattern))?;
        let rules = RULES
            .iter()
            .map(|(pattern, replacement)| Ok((Regex::new(pattern)?, *replacement)))
            .collect::<Result<_, regex::Error>>()?;
        Ok(SecretMasker { any, rules })
    }

    /// The line with its secret masked; borrowed (no allocation) when there is none.
    pub(crate) fn mask<'a>(&self, line: Cow<'a, str>) -> Cow<'a, str> {
        let matched = self.any.matches(&line);
        if !matched.matched_any() {
            return line;
        }
        let mut line = line.into_owned();
        for index in matched.iter() {
            let (regex, replacement) = &self.rules[index];
            line = regex.replace(&line, *replacement).into_owned();
        }
        Cow::Owned(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mask(line: &str) -> String {
        SecretMasker::new()
            .unwrap()
            .mask(Cow::Borrowed(line))
            .into_owned()
    }

    #[test]
    fn masks_each_pattern_idempotently() {
        let cases = [
            (
                "username bob password 7 0822455D0A16",
                "username bob password 7 <removed>",
            ),
            (
                "username bob privilege 15 secret 9 $9$ab",
                "username bob privilege 15 secret 9 <removed>",
            ),
            (
                "username admin password 5 $5$x role network-admin",
                "username admin password 5 <removed> role network-admin",
            ),
            (
                "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0",
                "enable secret 5 <removed>",
            ),
            ("enable password cisco", "enable password <removed>"),
            (
                "username admin privilege 15 role network-admin secret sha512 $6$x",
                "username admin privilege 15 role network-admin secret sha512 <removed>",
            ),
            (" password 7 0822455D0A16", " password 7 <removed>"),
            (
                "snmp-server community public RO",
                "snmp-server community <removed> RO",
            ),
            ("  key-string 7 0822 455D", "  key-string 7 <removed>"),
            ("  key-string plain", "  key-string <removed>"),
            (
                r#"        encrypted-password "$6$abc"; ## SECRET-DATA"#,
                r#"        encrypted-password "<removed>"; ## SECRET-DATA"#,
            ),
            (
                "        encrypted-password $6$abc;",
                "        encrypted-password <removed>;",
            ),
            (
                r#"    secret "$9$xyz"; ## SECRET-DATA"#,
                r#"    secret "<removed>"; ## SECRET-DATA"#,
            ),
            (
                r#"    authentication-key "$9$k"; ## SECRET-DATA"#,
                r#"    authentication-key "<removed>"; ## SECRET-DATA"#,
            ),
            ("    community public {", "    community <removed> {"),
        ];
        for (input, expected) in cases {
            assert_eq!(mask(input), expected, "{input}");
            assert_eq!(mask(expected), expected, "idempotent: {expected}");
        }
    }

    #[test]
    fn leaves_other_lines_alone() {
        for line in [
            "hostname r1",
            "interface GigabitEthernet0/1",
            " description password reset desk",
            "service password-encryption",
            "username bob nopassword",
            "    community-name foo;",
            "aaa authentication login default local",
        ] {
            assert!(
                matches!(
                    SecretMasker::new().unwrap().mask(Cow::Borrowed(line)),
                    Cow::Borrowed(_)
                ),
                "{line}"
            );
        }
    }
}
