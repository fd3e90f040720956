//! Oracle Field Service client.
