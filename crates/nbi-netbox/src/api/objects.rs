//! [`Endpoint`]: list, get, create, update, patch and delete of one model, one object or many.

use std::fmt;
use std::marker::PhantomData;

use nbi_core::{Error, Mode, RequestSpec};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::json;

use super::list::ListObjects;
use super::write::{DeleteObject, WriteObject};
use crate::client::Client;
use crate::endpoint::{self, Verb};
use crate::models::{Id, Tagged};

/// The API of one model at `/api/<app>/<model>/`, its objects decoded as `T` (JSON values
/// by default).
///
/// ```no_run
/// # async fn run(client: nbi_netbox::Client) -> nbi_netbox::Result<()> {
/// use futures::TryStreamExt;
/// let sites = client.endpoint("dcim/sites");
/// let created = sites.create(&serde_json::json!({"name": "dc-9", "slug": "dc-9"})).await?;
/// let all: Vec<serde_json::Value> = sites.list().filter("status", "active").all().try_collect().await?;
/// # let _ = (created, all); Ok(()) }
/// ```
pub struct Endpoint<M: Mode, T> {
    client: Client<M>,
    /// The checked `app/model`, or why it was refused (every call then fails with it).
    path: Result<String, String>,
    _objects: PhantomData<fn() -> T>,
}

impl<M: Mode, T> Clone for Endpoint<M, T> {
    fn clone(&self) -> Self {
        Endpoint {
            client: self.client.clone(),
            path: self.path.clone(),
            _objects: PhantomData,
        }
    }
}

impl<M: Mode, T> fmt::Debug for Endpoint<M, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Endpoint")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl<M: Mode, T: DeserializeOwned + Send + 'static> Endpoint<M, T> {
    pub(crate) fn new(client: Client<M>, path: &str) -> Self {
        Endpoint {
            client,
            path: endpoint::model_path(path),
            _objects: PhantomData,
        }
    }

    /// The model path, `app/model`.
    pub fn path(&self) -> &str {
        self.path.as_deref().unwrap_or_default()
    }

    /// A listing: add filters and paging, then `send()` for one page or `all()` for every item.
    pub fn list(&self) -> ListObjects<M, T> {
        ListObjects::new(self.client.clone(), self.path.clone())
    }

    /// The object `id`.
    pub fn get(&self, id: impl Into<Id>) -> M::Output<T> {
        match self.spec(Verb::Get, Some(id.into())) {
            Ok(spec) => self.client.json(spec),
            Err(e) => self.client.fail(e),
        }
    }

    /// The object `id` with its `ETag`, to send back with [`WriteObject::if_match`].
    pub fn get_tagged(&self, id: impl Into<Id>) -> M::Output<Tagged<T>> {
        match self.spec(Verb::Get, Some(id.into())) {
            Ok(spec) => self.client.tagged(spec),
            Err(e) => self.client.fail(e),
        }
    }

    /// Creates one object (`POST` an object; 201).
    pub fn create(&self, body: &impl Serialize) -> M::Output<T> {
        match self.spec(Verb::Create, None) {
            Ok(spec) => self.client.json(spec.json(body)),
            Err(e) => self.client.fail(e),
        }
    }

    /// Creates many objects in one all-or-nothing request (`POST` a list; 201).
    pub fn create_many<B: Serialize>(&self, bodies: &[B]) -> M::Output<Vec<T>> {
        match self.spec(Verb::CreateMany, None) {
            Ok(spec) => self.client.json(spec.json(bodies)),
            Err(e) => self.client.fail(e),
        }
    }

    /// Replaces object `id` (`PUT`): every required field must be given.
    pub fn update(&self, id: impl Into<Id>, body: &impl Serialize) -> WriteObject<M, T> {
        let spec = self
            .spec(Verb::Update, Some(id.into()))
            .map(|s| s.json(body));
        WriteObject::new(self.client.clone(), spec)
    }

    /// Changes the given fields of object `id` (`PATCH`).
    pub fn patch(&self, id: impl Into<Id>, body: &impl Serialize) -> WriteObject<M, T> {
        let spec = self
            .spec(Verb::Patch, Some(id.into()))
            .map(|s| s.json(body));
        WriteObject::new(self.client.clone(), spec)
    }

    /// Deletes object `id` (204).
    pub fn delete(&self, id: impl Into<Id>) -> DeleteObject<M> {
        DeleteObject::new(
            self.client.clone(),
            self.spec(Verb::Delete, Some(id.into())),
        )
    }

    /// Replaces many objects at once (`PUT` a list of objects, each with its `id`).
    pub fn bulk_update<B: Serialize>(&self, items: &[B]) -> M::Output<Vec<T>> {
        match self.spec(Verb::BulkUpdate, None) {
            Ok(spec) => self.client.json(spec.json(items)),
            Err(e) => self.client.fail(e),
        }
    }

    /// Changes many objects at once (`PATCH` a list of partial objects, each with its `id`).
    pub fn bulk_patch<B: Serialize>(&self, items: &[B]) -> M::Output<Vec<T>> {
        match self.spec(Verb::BulkPatch, None) {
            Ok(spec) => self.client.json(spec.json(items)),
            Err(e) => self.client.fail(e),
        }
    }

    /// Deletes many objects at once (`DELETE` a list of `{id}`; 204).
    pub fn bulk_delete(&self, ids: impl IntoIterator<Item = Id>) -> M::Output<()> {
        let items: Vec<_> = ids.into_iter().map(|id| json!({ "id": id })).collect();
        match self.spec(Verb::BulkDelete, None) {
            Ok(spec) => self.client.empty(spec.json(&items)),
            Err(e) => self.client.fail(e),
        }
    }

    fn spec(&self, verb: Verb, id: Option<Id>) -> Result<RequestSpec, Error> {
        spec(&self.path, verb, id)
    }
}

/// The request of `verb` on the model at `path`, or the build error of a refused path
/// (nothing is sent).
pub(crate) fn spec(
    path: &Result<String, String>,
    verb: Verb,
    id: Option<Id>,
) -> Result<RequestSpec, Error> {
    let path = path
        .as_deref()
        .map_err(|reason| Error::build(reason.to_owned()))?;
    let method = match verb {
        Verb::List | Verb::Get => http::Method::GET,
        Verb::Create | Verb::CreateMany => http::Method::POST,
        Verb::Update | Verb::BulkUpdate => http::Method::PUT,
        Verb::Patch | Verb::BulkPatch => http::Method::PATCH,
        Verb::Delete | Verb::BulkDelete => http::Method::DELETE,
    };
    let mut spec = RequestSpec::new(method, verb.operation(path), endpoint::template(path, verb));
    if let Some(id) = id {
        spec = spec.path_param("id", id);
    }
    Ok(spec)
}
