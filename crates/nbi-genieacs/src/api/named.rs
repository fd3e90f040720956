//! Named configuration documents: presets and objects (JSON bodies), provisions and virtual
//! parameters (JavaScript bodies).

use std::marker::PhantomData;

use nbi_core::{Mode, RequestSpec};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::unit;
use crate::client::Client;
use crate::endpoint::Collection;
use crate::list::List;

/// A collection of named JSON documents (`presets`, `objects`): `PUT` creates or replaces.
#[derive(Debug)]
pub struct NamedApi<M: Mode, T> {
    client: Client<M>,
    collection: Collection,
    item: PhantomData<fn() -> T>,
}

impl<M: Mode, T> Clone for NamedApi<M, T> {
    fn clone(&self) -> Self {
        NamedApi {
            client: self.client.clone(),
            collection: self.collection,
            item: PhantomData,
        }
    }
}

impl<M: Mode, T: Serialize + DeserializeOwned + Send + 'static> NamedApi<M, T> {
    pub(crate) fn new(client: Client<M>, collection: Collection) -> Self {
        NamedApi {
            client,
            collection,
            item: PhantomData,
        }
    }

    /// Documents matching a query (every one by default).
    pub fn list(&self) -> List<M, T> {
        List::new(self.client.clone(), self.collection)
    }

    /// Creates or replaces `name` with `document` (GenieACS sets `_id` from `name`). A body
    /// GenieACS cannot parse is a 400 error.
    pub fn put(&self, name: impl Into<String>, document: &T) -> M::Output<()> {
        let spec = RequestSpec::put(self.collection.put_op(), self.collection.item_path())
            .path_param("id", name.into())
            .json(document);
        unit(&self.client, spec)
    }

    /// Deletes `name` (deleting what is not there succeeds).
    pub fn delete(&self, name: impl Into<String>) -> M::Output<()> {
        super::delete(
            &self.client,
            self.collection.delete_op(),
            self.collection.item_path(),
            &name.into(),
        )
    }
}

/// A collection of named JavaScript scripts (`provisions`, `virtual_parameters`).
#[derive(Debug)]
pub struct ScriptsApi<M: Mode, T> {
    named: NamedApi<M, T>,
}

impl<M: Mode, T> Clone for ScriptsApi<M, T> {
    fn clone(&self) -> Self {
        ScriptsApi {
            named: self.named.clone(),
        }
    }
}

impl<M: Mode, T: Serialize + DeserializeOwned + Send + 'static> ScriptsApi<M, T> {
    pub(crate) fn new(client: Client<M>, collection: Collection) -> Self {
        ScriptsApi {
            named: NamedApi::new(client, collection),
        }
    }

    /// Scripts matching a query (every one by default).
    pub fn list(&self) -> List<M, T> {
        self.named.list()
    }

    /// Creates or replaces `name` with the JavaScript `script`. A script that does not
    /// compile is a 400 error whose [`server_message`](crate::GenieacsErrorExt::server_message)
    /// names the syntax error.
    pub fn put(&self, name: impl Into<String>, script: impl Into<String>) -> M::Output<()> {
        let collection = self.named.collection;
        let spec = RequestSpec::put(collection.put_op(), collection.item_path())
            .path_param("id", name.into())
            .body("application/javascript", script.into());
        unit(&self.named.client, spec)
    }

    /// Deletes `name`.
    pub fn delete(&self, name: impl Into<String>) -> M::Output<()> {
        self.named.delete(name)
    }
}
