//! NetBox's list body `{count, next, previous, results}` as a [`Page`], whose cursor is the
//! query string of the `next` link (offset mode: `limit`/`offset`; cursor mode: `start`,
//! with `count` null). The link's host is not followed: the next request goes to the
//! transport's own base URL, so a proxy rewriting hosts cannot redirect the client.

use nbi_core::Page;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use url::Url;

/// One list answer.
#[derive(Debug, Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
pub(crate) struct ListBody<T> {
    #[serde(default)]
    count: Option<u64>,
    #[serde(default)]
    next: Option<String>,
    results: Vec<T>,
}

impl<T> ListBody<T> {
    /// The page, its cursor being the next link's query string.
    pub(crate) fn into_page(self) -> Page<T> {
        let next = self.next.as_deref().and_then(next_cursor);
        Page::new(self.results).total(self.count).next(next)
    }
}

/// The query string of a `next` link (absolute or relative).
fn next_cursor(link: &str) -> Option<String> {
    let base = Url::parse("http://netbox.invalid/").ok()?;
    let url = base.join(link).ok()?;
    url.query().filter(|q| !q.is_empty()).map(str::to_owned)
}

/// The query pairs of a cursor.
pub(crate) fn cursor_pairs(cursor: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(cursor.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn next_links_become_cursors_in_both_modes() {
        let offset: ListBody<u32> = serde_json::from_value(json!({
            "count": 7, "next": "https://nb.example/api/dcim/devices/?limit=2&offset=2&role=router",
            "previous": null, "results": [1, 2]
        }))
        .unwrap();
        let page = offset.into_page();
        assert_eq!(page.total, Some(7));
        assert_eq!(page.next.as_deref(), Some("limit=2&offset=2&role=router"));
        assert_eq!(
            cursor_pairs(page.next.as_deref().unwrap())[2],
            ("role".to_owned(), "router".to_owned())
        );
        let cursor: ListBody<u32> = serde_json::from_value(json!({
            "count": null, "next": "/api/dcim/devices/?start=13&limit=2", "previous": null, "results": [11, 12]
        }))
        .unwrap();
        let page = cursor.into_page();
        assert_eq!(page.total, None);
        assert_eq!(page.next.as_deref(), Some("start=13&limit=2"));
        let last: ListBody<u32> = serde_json::from_value(
            json!({"count": 1, "next": null, "previous": null, "results": [1]}),
        )
        .unwrap();
        assert!(!last.into_page().has_next());
    }
}
