//! Workflow runner.
