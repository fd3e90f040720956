//! O-RAN Intent-MANO client.
