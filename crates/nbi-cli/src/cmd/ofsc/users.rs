//! `nbi ofsc users …`

use clap::Subcommand;
use nbi_ofsc::blocking::Client;
use serde_json::Value;

use super::{Paging, data, deleted, json, pages};

/// User verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Every user.
    List {
        #[command(flatten)]
        paging: Paging,
    },
    /// One user.
    Get {
        /// The login.
        login: String,
    },
    /// Creates a user (--data JSON).
    Create {
        /// The login.
        login: String,
        /// The user, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Changes a user's fields (--data JSON).
    Update {
        /// The login.
        login: String,
        /// The changes, as JSON.
        #[arg(long)]
        data: String,
    },
    /// Deletes a user.
    Delete {
        /// The login.
        login: String,
    },
}

pub(super) fn run(client: &Client, verb: Verb) -> anyhow::Result<Value> {
    let users = client.users();
    match verb {
        Verb::List { paging } => pages(users.list(), paging),
        Verb::Get { login } => json(users.get(&login).send()?),
        Verb::Create { login, data: text } => json(users.create(&login, &data(&text)?).send()?),
        Verb::Update { login, data: text } => json(users.update(&login, &data(&text)?).send()?),
        Verb::Delete { login } => {
            users.delete(&login).send()?;
            Ok(deleted(login))
        }
    }
}
