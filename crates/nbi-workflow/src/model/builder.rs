//! [`WorkflowBuilder`]: a workflow written in code, checked like a file.

use super::{Step, Workflow};
use crate::Result;

/// Builds a [`Workflow`] in code.
///
/// ```
/// use nbi_workflow::{Step, Workflow};
/// let workflow = Workflow::builder()
///     .name("pause")
///     .tenant("acme")
///     .step(Step::new("wait", "core.wait").with(serde_json::json!({ "seconds": 1 })))
///     .build()?;
/// assert_eq!(workflow.steps().len(), 1);
/// # Ok::<(), nbi_workflow::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct WorkflowBuilder {
    name: String,
    tenant: String,
    steps: Vec<Step>,
}

impl WorkflowBuilder {
    /// The workflow's name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = name.into();
        self
    }

    /// The tenant whose services the steps use.
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = tenant.into();
        self
    }

    /// Adds a step.
    pub fn step(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    /// Checks the workflow as a file is checked (ids, dependencies, cycles, references,
    /// policies) and returns it. Action names are checked against a registry when it runs.
    pub fn build(self) -> Result<Workflow> {
        let workflow = Workflow {
            name: self.name,
            tenant: self.tenant,
            steps: self.steps,
        };
        crate::validate::check_structure(&workflow)?;
        Ok(workflow)
    }
}
