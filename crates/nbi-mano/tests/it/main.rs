//! Integration tests against the simulator.
