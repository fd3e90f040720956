//! One handler per API area, each a cheap clone of the client. Operations return a [`Call`]
//! (one request) or a [`List`] (a paged listing); both run in the client's mode.
//!
//! [`Call`]: crate::Call
//! [`List`]: crate::List

mod activities;
mod capacity;
mod events;
mod metadata;
mod resources;
mod users;

pub use activities::{ActivitiesApi, ActivityAction, ActivitySearch};
pub use capacity::{
    BookingOptionsQuery, BookingStatusesQuery, CapacityApi, CapacityQuery, QuotaQuery, QuotaV2Query,
};
pub use events::{EventsApi, EventsQuery};
pub use metadata::MetadataApi;
pub use resources::{ResourceQuery, ResourcesApi, WorkScheduleQuery};
pub use users::UsersApi;

/// Declares an area handler: a struct holding the client, and its constructor.
macro_rules! area {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $name<M: nbi_core::Mode = nbi_core::Async> {
            client: crate::Client<M>,
        }

        impl<M: nbi_core::Mode> $name<M> {
            pub(crate) fn new(client: crate::Client<M>) -> Self {
                $name { client }
            }
        }
    };
}
pub(crate) use area;
