//! [`Available`]: what a pool has free (`available-ips`, `available-prefixes`,
//! `available-vlans`), and allocating from it.

use std::fmt;
use std::marker::PhantomData;

use futures::future::BoxFuture;
use nbi_core::{Mode, RequestSpec, Result, Transport};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::client::{Client, fetch_json};
use crate::endpoint::PoolRoute;
use crate::error::mark_pool_exhausted;
use crate::models::Id;

/// The free resources `A` of one pool, allocated as objects `C`.
///
/// An allocation asks for one object (`allocate`) or many at once (`allocate_many`,
/// all or nothing); each body may carry the new object's other fields (`description`,
/// `status`, for VLANs the required `name`, for prefixes the required `prefix_length`).
/// When the pool has too few free resources the error answers
/// [`NetboxErrorExt::is_pool_exhausted`](crate::NetboxErrorExt::is_pool_exhausted).
pub struct Available<M: Mode, A, C> {
    client: Client<M>,
    route: PoolRoute,
    parent: Id,
    _types: PhantomData<fn() -> (A, C)>,
}

impl<M: Mode, A, C> fmt::Debug for Available<M, A, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Available")
            .field("path", &self.route.path)
            .field("parent", &self.parent)
            .finish()
    }
}

impl<M, A, C> Available<M, A, C>
where
    M: Mode,
    A: DeserializeOwned + Send + 'static,
    C: DeserializeOwned + Send + 'static,
{
    pub(crate) fn new(client: Client<M>, route: PoolRoute, parent: Id) -> Self {
        Available {
            client,
            route,
            parent,
            _types: PhantomData,
        }
    }

    /// The first free resources (the server's page size, 50 by default).
    pub fn list(&self) -> M::Output<Vec<A>> {
        self.client.json(self.list_spec())
    }

    /// At most `limit` free resources (`0` asks for the server's maximum).
    pub fn list_up_to(&self, limit: u32) -> M::Output<Vec<A>> {
        self.client.json(self.list_spec().query("limit", limit))
    }

    /// Allocates one object (`POST` an object; 201).
    pub fn allocate(&self, body: &impl Serialize) -> M::Output<C> {
        let spec = self.allocate_spec().json(body);
        self.client
            .run(allocate_call(self.client.transport().clone(), spec))
    }

    /// Allocates one object per body in one all-or-nothing request (`POST` a list; 201).
    pub fn allocate_many<B: Serialize>(&self, bodies: &[B]) -> M::Output<Vec<C>> {
        let spec = self.allocate_spec().json(bodies);
        self.client
            .run(allocate_call(self.client.transport().clone(), spec))
    }

    fn list_spec(&self) -> RequestSpec {
        RequestSpec::get(self.route.list.clone(), self.route.path).path_param("id", self.parent)
    }

    fn allocate_spec(&self) -> RequestSpec {
        RequestSpec::post(self.route.allocate.clone(), self.route.path)
            .path_param("id", self.parent)
    }
}

fn allocate_call<T: DeserializeOwned + Send + 'static>(
    transport: Transport,
    spec: RequestSpec,
) -> BoxFuture<'static, Result<T>> {
    Box::pin(async move {
        fetch_json(&transport, spec)
            .await
            .map_err(mark_pool_exhausted)
    })
}
