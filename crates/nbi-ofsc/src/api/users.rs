//! [`UsersApi`]: users (logins) — list, get, create, update, delete.

use nbi_core::Mode;
use serde::Serialize;
use serde_json::Value;

use super::area;
use crate::call::Call;
use crate::endpoint::*;
use crate::models::User;
use crate::paging::List;

area! {
    /// Users (`/rest/ofscCore/v1/users`).
    UsersApi
}

const LOGIN: &str = "login";

impl<M: Mode> UsersApi<M> {
    /// `GET /users`: every user, page by page.
    pub fn list(&self) -> List<M, User> {
        List::new(self.client.clone(), &LIST_USERS)
    }

    /// `GET /users/{login}`.
    pub fn get(&self, login: &str) -> Call<M, User> {
        self.client.call(&GET_USER).id(LOGIN, login)
    }

    /// `PUT /users/{login}`: creates a user (`name`, `userType`, `language`, `timeZone`,
    /// `resources`, `password` …).
    pub fn create(&self, login: &str, user: &impl Serialize) -> Call<M, User> {
        self.client.call(&CREATE_USER).id(LOGIN, login).body(user)
    }

    /// `PATCH /users/{login}`: changes the given fields.
    pub fn update(&self, login: &str, changes: &impl Serialize) -> Call<M, User> {
        self.client
            .call(&UPDATE_USER)
            .id(LOGIN, login)
            .body(changes)
    }

    /// `DELETE /users/{login}`.
    pub fn delete(&self, login: &str) -> Call<M, ()> {
        self.client
            .call::<Value>(&DELETE_USER)
            .id(LOGIN, login)
            .empty()
    }
}
