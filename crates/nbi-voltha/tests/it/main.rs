//! Integration tests against nbi-sim.
