//! `client.files()`: the files GenieACS serves CPEs (firmware images, configuration files).

use bytes::Bytes;
use http::{HeaderName, HeaderValue};
use nbi_core::{Mode, RequestSpec};

use super::unit;
use crate::client::Client;
use crate::endpoint::Collection;
use crate::error::Error;
use crate::list::List;
use crate::models::{File, FileMetadata};

/// The files collection.
#[derive(Clone, Debug)]
pub struct FilesApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> FilesApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        FilesApi { client }
    }

    /// Files matching a query (every one by default).
    pub fn list(&self) -> List<M, File> {
        List::new(self.client.clone(), Collection::Files)
    }

    /// Uploads `contents` as `name` (replacing any file of that name), with `metadata` sent
    /// as the `fileType`, `oui`, `productClass` and `version` headers.
    pub fn put(
        &self,
        name: impl Into<String>,
        metadata: &FileMetadata,
        contents: impl Into<Bytes>,
    ) -> M::Output<()> {
        let mut spec = RequestSpec::put(Collection::Files.put_op(), Collection::Files.item_path())
            .path_param("id", name.into())
            .body("application/octet-stream", contents.into());
        for (header, value) in [
            ("filetype", &metadata.file_type),
            ("oui", &metadata.oui),
            ("productclass", &metadata.product_class),
            ("version", &metadata.version),
        ] {
            let Some(value) = value else { continue };
            match HeaderValue::from_str(value) {
                Ok(value) => spec = spec.header(HeaderName::from_static(header), value),
                Err(_) => {
                    let error =
                        Error::validation(format!("file {header} must be printable header text"));
                    return self.client.run(async move { Err(error) });
                }
            }
        }
        unit(&self.client, spec)
    }

    /// Deletes the file `name` (404 when there is none).
    pub fn delete(&self, name: impl Into<String>) -> M::Output<()> {
        super::delete(
            &self.client,
            Collection::Files.delete_op(),
            Collection::Files.item_path(),
            &name.into(),
        )
    }
}
