//! `client.faults()`: what went wrong in CPE sessions.

use nbi_core::Mode;

use crate::client::Client;
use crate::endpoint::Collection;
use crate::list::List;
use crate::models::{Fault, FaultId};

/// The faults collection.
#[derive(Clone, Debug)]
pub struct FaultsApi<M: Mode> {
    client: Client<M>,
}

impl<M: Mode> FaultsApi<M> {
    pub(crate) fn new(client: Client<M>) -> Self {
        FaultsApi { client }
    }

    /// Faults matching a query (every one by default).
    pub fn list(&self) -> List<M, Fault> {
        List::new(self.client.clone(), Collection::Faults)
    }

    /// Deletes a fault; a task's fault (`…:task_<id>`) takes its task with it.
    pub fn delete(&self, id: impl Into<FaultId>) -> M::Output<()> {
        super::delete(
            &self.client,
            Collection::Faults.delete_op(),
            Collection::Faults.item_path(),
            id.into().as_str(),
        )
    }
}
