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
    #[serde(default)]
    pub url: Option<String>,
    /// How NetBox displays it.
    #[serde(default)]
    pub display: Option<String>,
    /// The name.
    pub name: String,
    /// The slug.
    #[serde(default)]
    pub slug: Option<String>,
    /// The tenant group.
    #[serde(default)]
    pub group: Option<NestedRef>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Every other field.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
