//! One handler per API area; each is generic over the client's [`Mode`](nbi_core::Mode).

mod devices;
mod faults;
mod files;
mod named;
mod tasks;

pub use self::devices::DevicesApi;
pub use self::faults::FaultsApi;
pub use self::files::FilesApi;
pub use self::named::{NamedApi, ScriptsApi};
pub use self::tasks::{CreateTask, TasksApi};

use nbi_core::{Operation, RequestSpec};

use crate::client::{Client, call};

/// Sends a call whose answer has no body worth reading (`200` with an empty body).
fn unit<M: nbi_core::Mode>(client: &Client<M>, spec: RequestSpec) -> M::Output<()> {
    let transport = client.transport().clone();
    client.run(async move { call(&transport, spec).await.map(drop) })
}

/// `DELETE <path>` with `{id}` filled in.
fn delete<M: nbi_core::Mode>(
    client: &Client<M>,
    operation: Operation,
    path: &'static str,
    id: &str,
) -> M::Output<()> {
    unit(
        client,
        RequestSpec::delete(operation, path).path_param("id", id),
    )
}
