//! Files GenieACS serves to CPEs (firmware, configuration), as its GridFS stores them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A stored file's metadata (`fs.files`): `_id` is its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct File {
    /// `_id`: the file's name.
    #[serde(rename = "_id")]
    pub id: String,
    /// Size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// `chunkSize`.
    #[serde(rename = "chunkSize", default, skip_serializing_if = "Option::is_none")]
    pub chunk_size: Option<u64>,
    /// `uploadDate`.
    #[serde(
        rename = "uploadDate",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub upload_date: Option<String>,
    /// `filename`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// What the upload's headers said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<FileMetadata>,
    /// Fields this client does not name (`md5` …).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A file's `metadata`, set from the upload's `fileType`, `oui`, `productClass` and
/// `version` headers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FileMetadata {
    /// `fileType` (`1 Firmware Upgrade Image`, `3 Vendor Configuration File` …).
    #[serde(rename = "fileType", default, skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// `oui` of the devices it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oui: Option<String>,
    /// `productClass` of the devices it is for.
    #[serde(
        rename = "productClass",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub product_class: Option<String>,
    /// `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Fields this client does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl FileMetadata {
    /// Metadata of `file_type`.
    pub fn new(file_type: impl Into<String>) -> Self {
        FileMetadata {
            file_type: Some(file_type.into()),
            ..FileMetadata::default()
        }
    }

    /// Sets `oui`.
    #[must_use]
    pub fn oui(mut self, oui: impl Into<String>) -> Self {
        self.oui = Some(oui.into());
        self
    }

    /// Sets `productClass`.
    #[must_use]
    pub fn product_class(mut self, product_class: impl Into<String>) -> Self {
        self.product_class = Some(product_class.into());
        self
    }

    /// Sets `version`.
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }
}
