//! [`ActionRegistry`]: action names to their implementations.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use super::Action;
use crate::model::Workflow;
use crate::{Error, Result};

/// The actions a runner knows, by name (`core.http`, `mano.create_intent`, …).
///
/// ```
/// use nbi_workflow::ActionRegistry;
/// let registry = ActionRegistry::builtin(None);
/// assert!(registry.contains("core.wait"));
/// assert!(!registry.contains("core.http")); // it needs the settings' transports
/// ```
#[derive(Clone, Default)]
pub struct ActionRegistry {
    actions: BTreeMap<String, Arc<dyn Action>>,
}

impl ActionRegistry {
    /// A registry with no actions.
    pub fn new() -> Self {
        ActionRegistry::default()
    }

    /// A registry with the built-in actions: `core.wait`, `core.assert`, and those that call
    /// a service (`core.http`, `mano.*`) when given the settings' transports.
    pub fn builtin(transports: Option<nbi_core::Transports>) -> Self {
        let mut registry = ActionRegistry::new();
        crate::actions::register_builtin(&mut registry, transports);
        registry
    }

    /// Adds (or replaces) the action called `name`.
    pub fn register(&mut self, name: impl Into<String>, action: Arc<dyn Action>) -> &mut Self {
        self.actions.insert(name.into(), action);
        self
    }

    /// The action called `name`.
    pub fn get(&self, name: &str) -> Option<&Arc<dyn Action>> {
        self.actions.get(name)
    }

    /// Whether an action is called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.actions.contains_key(name)
    }

    /// The names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.actions.keys().map(String::as_str)
    }

    /// Checks that every step's action exists and accepts the step's input.
    pub fn check(&self, workflow: &Workflow) -> Result<()> {
        for step in workflow.steps() {
            let Some(action) = self.get(step.action()) else {
                let known: Vec<&str> = self.names().collect();
                return Err(Error::definition(
                    format!("steps[{}].action", step.id()),
                    format!(
                        "unknown action `{}` (known: {})",
                        step.action(),
                        known.join(", ")
                    ),
                ));
            };
            action
                .check(step.input(), workflow.tenant())
                .map_err(|reason| {
                    Error::definition(format!("steps[{}].with", step.id()), reason)
                })?;
        }
        Ok(())
    }
}

impl fmt::Debug for ActionRegistry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.actions.keys()).finish()
    }
}
