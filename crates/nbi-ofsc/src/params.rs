//! Query parameters and their checks: every check runs before a request is built, and its
//! error (kind [`Validation`](nbi_core::ErrorKind::Validation)) names the parameter.

use nbi_core::{Error, Result};

/// A set of query parameters: checked, then turned into pairs.
pub trait Params {
    /// Checks the values; the error names the parameter at fault.
    fn validate(&self) -> Result<()> {
        Ok(())
    }
    /// The query pairs, arrays already comma-separated.
    fn pairs(&self) -> Vec<(String, String)>;
}

/// Query pairs built field by field, leaving out what is unset.
#[derive(Debug, Default)]
pub(crate) struct Pairs(Vec<(String, String)>);

impl Pairs {
    pub(crate) fn opt(mut self, key: &str, value: Option<impl ToString>) -> Self {
        if let Some(v) = value {
            self.0.push((key.to_owned(), v.to_string()));
        }
        self
    }

    pub(crate) fn list(mut self, key: &str, values: &[String]) -> Self {
        if !values.is_empty() {
            self.0.push((key.to_owned(), values.join(",")));
        }
        self
    }

    pub(crate) fn done(self) -> Vec<(String, String)> {
        self.0
    }
}

/// `name` must not be empty.
pub(crate) fn require_id(name: &str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::validation(format!("{name}: is required")));
    }
    Ok(())
}

/// `values` must not be empty, and no value in it.
pub(crate) fn require_list(name: &str, values: &[String]) -> Result<()> {
    if values.is_empty() || values.iter().any(|v| v.trim().is_empty()) {
        return Err(Error::validation(format!(
            "{name}: at least one non-empty value is required"
        )));
    }
    Ok(())
}

/// A calendar date `YYYY-MM-DD`.
pub(crate) fn check_date(name: &str, value: &str) -> Result<()> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-' && digits(0..4) && digits(5..7);
    let shaped = shaped && digits(8..10);
    let in_range = shaped && {
        let month: u32 = value[5..7].parse().unwrap_or(0);
        let day: u32 = value[8..10].parse().unwrap_or(0);
        (1..=12).contains(&month) && (1..=31).contains(&day)
    };
    if !in_range {
        return Err(Error::validation(format!(
            "{name}: expected a date YYYY-MM-DD"
        )));
    }
    Ok(())
}

/// Each of `values` is a date.
pub(crate) fn check_dates(name: &str, values: &[String]) -> Result<()> {
    values.iter().try_for_each(|d| check_date(name, d))
}

/// `from` is not after `to` (both dates, checked).
pub(crate) fn check_date_order(from_name: &str, from: &str, to_name: &str, to: &str) -> Result<()> {
    check_date(from_name, from)?;
    check_date(to_name, to)?;
    // ISO dates order as text.
    if from > to {
        return Err(Error::validation(format!(
            "{from_name}: {from} is after {to_name} {to}"
        )));
    }
    Ok(())
}

/// A page size within 1..=max.
pub(crate) fn check_limit(limit: u32, max: u32) -> Result<()> {
    if limit == 0 || limit > max {
        return Err(Error::validation(format!(
            "limit: must be between 1 and {max}, got {limit}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use nbi_core::ErrorKind;

    #[test]
    fn checks_name_the_parameter() {
        let e = check_date("dateFrom", "2025-13-01").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Validation);
        assert!(e.to_string().contains("dateFrom"), "{e}");
        assert!(check_date("d", "2025-06-25").is_ok());
        assert!(check_date("d", "25-06-2025").is_err());
        let e = check_date_order("dateFrom", "2025-06-26", "dateTo", "2025-06-25").unwrap_err();
        assert!(e.to_string().contains("dateFrom") && e.to_string().contains("dateTo"));
        assert!(check_date_order("a", "2025-06-25", "b", "2025-06-25").is_ok());
        let e = check_limit(0, 100).unwrap_err();
        assert!(e.to_string().contains("limit"), "{e}");
        assert!(check_limit(101, 100).is_err());
        assert!(check_limit(100, 100).is_ok());
        assert!(
            require_id("activityId", " ")
                .unwrap_err()
                .to_string()
                .contains("activityId")
        );
        assert!(
            require_list("dates", &[])
                .unwrap_err()
                .to_string()
                .contains("dates")
        );
    }

    #[test]
    fn pairs_leave_out_unset_values_and_join_lists() {
        let pairs = Pairs::default()
            .list("areas", &["FLUSA".into(), "CAUSA".into()])
            .list("categories", &[])
            .opt("aggregateResults", Some(true))
            .opt("fields", None::<String>)
            .done();
        assert_eq!(
            pairs,
            [
                ("areas".to_owned(), "FLUSA,CAUSA".to_owned()),
                ("aggregateResults".to_owned(), "true".to_owned())
            ]
        );
    }
}
