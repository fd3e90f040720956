//! Reading a [`Workflow`] from YAML.

use std::path::Path;

use super::Workflow;
use crate::{Error, ErrorKind, Result};

/// The largest workflow file read; a real workflow is a few kilobytes.
pub(crate) const MAX_FILE_BYTES: usize = 1 << 20;

impl Workflow {
    /// Parses and checks a workflow written in YAML. Unknown keys are refused, naming the key.
    ///
    /// ```
    /// let workflow = nbi_workflow::Workflow::from_yaml_str(r#"
    /// name: pause
    /// tenant: acme
    /// steps:
    ///   - { id: wait, action: core.wait, with: { seconds: 1 } }
    /// "#)?;
    /// assert_eq!(workflow.name(), "pause");
    /// # Ok::<(), nbi_workflow::Error>(())
    /// ```
    pub fn from_yaml_str(text: &str) -> Result<Workflow> {
        if text.len() > MAX_FILE_BYTES {
            return Err(Error::definition(
                "workflow",
                format!("larger than {MAX_FILE_BYTES} bytes"),
            ));
        }
        let workflow: Workflow = serde_saphyr::from_str(text)
            .map_err(|e| Error::new(ErrorKind::Definition, format!("workflow: {e}")))?;
        crate::validate::check_structure(&workflow)?;
        Ok(workflow)
    }

    /// Reads, parses and checks a YAML workflow file; errors name the file.
    pub fn from_yaml_file(path: impl AsRef<Path>) -> Result<Workflow> {
        let path = path.as_ref();
        let shown = path.display();
        let metadata = std::fs::metadata(path)
            .map_err(|e| Error::new(ErrorKind::Definition, format!("{shown}: {e}")))?;
        if metadata.len() > MAX_FILE_BYTES as u64 {
            return Err(Error::new(
                ErrorKind::Definition,
                format!("{shown}: larger than {MAX_FILE_BYTES} bytes"),
            ));
        }
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::new(ErrorKind::Definition, format!("{shown}: {e}")))?;
        Workflow::from_yaml_str(&text)
            .map_err(|e| Error::new(e.kind(), format!("{shown}: {}", e.message())))
    }
}
