//! [`OntApi`]: create, read, list, update, delete, serial swap and `show-ont` for one node's
//! ONTs.

use futures::FutureExt;
use nbi_core::{Mode, Page, Result, paginate};

use super::bulk::BulkCreateOnts;
use crate::client::{Client, Inner};
use crate::endpoint;
use crate::models::node::NodeName;
use crate::models::ont::{NewOnt, Ont, OntId, OntUpdate, Serial};
use crate::models::status::OntStatus;
use crate::wire::{reply, request};

/// The ONTs of one node: `client.ont(node)`.
#[derive(Debug, Clone)]
pub struct OntApi<M: Mode> {
    client: Client<M>,
    node: NodeName,
}

impl<M: Mode> OntApi<M> {
    pub(crate) fn new(client: Client<M>, node: NodeName) -> Self {
        OntApi { client, node }
    }

    /// The node.
    pub fn node(&self) -> &NodeName {
        &self.node
    }

    /// Creates an ONT (id 0 = the first free one) and returns it as the node stored it.
    pub fn create(&self, ont: NewOnt) -> M::Output<Ont> {
        let (inner, node) = self.parts();
        self.client
            .mode
            .run(Box::pin(async move { create(&inner, &node, &ont).await }))
    }

    /// One ONT's configuration (from the query cache when it is on and fresh).
    pub fn get(&self, id: OntId) -> M::Output<Ont> {
        let (inner, node) = self.parts();
        self.client.mode.run(Box::pin(async move {
            let id = id.existing()?;
            let spec = inner.rpc_spec(endpoint::GET_ONT, &node, request::get_ont(id), true);
            let response = match &inner.cache {
                Some(cache) => {
                    cache
                        .get_or_fetch(&node, id, "get", inner.netconf.send(spec))
                        .await?
                }
                None => inner.netconf.send(spec).await?,
            };
            let root = reply::document(response.body())?;
            reply::ont(reply::data_object(reply::rpc_reply(&root)?)?)
        }))
    }

    /// Every ONT of the node, fetched a page at a time (a reply with `<more/>` is continued
    /// after its last ONT).
    pub fn list(&self) -> M::Items<Ont> {
        let (inner, node) = self.parts();
        let items = paginate(None, move |after: Option<String>| {
            let inner = inner.clone();
            let node = node.clone();
            async move {
                let after = match after {
                    Some(text) => Some(text.parse::<u32>().map_err(|_| {
                        nbi_core::Error::decode("after", "cursor is not an ONT id")
                    })?),
                    None => None,
                };
                let root = inner
                    .rpc(endpoint::LIST_ONTS, &node, request::list_onts(after), true)
                    .await?;
                let (onts, more) = reply::ont_page(reply::rpc_reply(&root)?)?;
                let next = match (more, onts.last()) {
                    (true, Some(last)) => Some(last.id.get().to_string()),
                    _ => None,
                };
                Ok(Page::new(onts).next(next))
            }
            .boxed()
        });
        self.client.mode.items(items)
    }

    /// Changes only the fields given (an edit-config `merge`) and returns the result.
    pub fn update(&self, id: OntId, update: OntUpdate) -> M::Output<Ont> {
        let (inner, node) = self.parts();
        self.client.mode.run(Box::pin(async move {
            let id = id.existing()?;
            update.validate()?;
            merge(&inner, &node, id, endpoint::UPDATE_ONT, &update).await
        }))
    }

    /// Puts a new serial number on an existing ONT (hardware replaced); the node refuses a
    /// serial another ONT already has.
    pub fn swap_serial(&self, id: OntId, serial: Serial) -> M::Output<Ont> {
        let (inner, node) = self.parts();
        self.client.mode.run(Box::pin(async move {
            let id = id.existing()?;
            let update = OntUpdate {
                serial: Some(serial),
                ..OntUpdate::default()
            };
            update.validate()?;
            merge(&inner, &node, id, endpoint::SWAP_ONT_SERIAL, &update).await
        }))
    }

    /// Deletes an ONT (not forced: refused while it carries services).
    pub fn delete(&self, id: OntId) -> M::Output<()> {
        let (inner, node) = self.parts();
        self.client.mode.run(Box::pin(async move {
            let id = id.existing()?;
            let outcome = inner
                .rpc(endpoint::DELETE_ONT, &node, request::delete_ont(id), false)
                .await;
            invalidate(&inner, &node, id);
            reply::expect_ok(reply::rpc_reply(&outcome?)?)
        }))
    }

    /// The ONT's operational status (`show-ont`).
    pub fn show(&self, id: OntId) -> M::Output<OntStatus> {
        let (inner, node) = self.parts();
        self.client.mode.run(Box::pin(async move {
            let id = id.existing()?;
            let spec = inner.rpc_spec(endpoint::SHOW_ONT, &node, request::show_ont(id), true);
            let response = match &inner.cache {
                Some(cache) => {
                    cache
                        .get_or_fetch(&node, id, "show", inner.netconf.send(spec))
                        .await?
                }
                None => inner.netconf.send(spec).await?,
            };
            let root = reply::document(response.body())?;
            reply::ont_status(reply::rpc_reply(&root)?)
        }))
    }

    /// Creates many ONTs with bounded concurrency (see [`BulkCreateOnts`]).
    pub fn bulk_create(&self, onts: Vec<NewOnt>) -> BulkCreateOnts<M> {
        BulkCreateOnts::new(self.client.clone(), self.node.clone(), onts)
    }

    fn parts(&self) -> (std::sync::Arc<Inner>, NodeName) {
        (self.client.inner.clone(), self.node.clone())
    }
}

pub(crate) async fn create(inner: &Inner, node: &NodeName, ont: &NewOnt) -> Result<Ont> {
    ont.validate()?;
    let root = inner
        .rpc(endpoint::CREATE_ONT, node, request::create_ont(ont), false)
        .await?;
    let created = reply::ont(reply::data_object(reply::rpc_reply(&root)?)?)?;
    invalidate(inner, node, created.id);
    Ok(created)
}

async fn merge(
    inner: &Inner,
    node: &NodeName,
    id: OntId,
    operation: nbi_core::Operation,
    update: &OntUpdate,
) -> Result<Ont> {
    let outcome = inner
        .rpc(operation, node, request::update_ont(id, update), false)
        .await;
    // Whatever the outcome, the cached view may be stale now.
    invalidate(inner, node, id);
    let root = outcome?;
    reply::ont(reply::data_object(reply::rpc_reply(&root)?)?)
}

pub(crate) fn invalidate(inner: &Inner, node: &NodeName, id: OntId) {
    if let Some(cache) = &inner.cache {
        cache.invalidate(node, id);
    }
}
