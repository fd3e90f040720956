//! Tenancy: tenants.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{Id, NestedRef};

/// A tenant (`/api/tenancy/tenants/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tenant {
    /// The id.
    pub id: Id,
    /// The API URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The name.
    pub name: String,
    /// The slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// The tenant group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<NestedRef>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
