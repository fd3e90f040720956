//! The workflows under `examples/workflows/` parse and pass every check against settings for
//! the simulator that `nbi sim --write-config` describes.

use nbi_core::{Settings, Transports};
use nbi_workflow::{ActionRegistry, Workflow};

#[test]
fn example_workflows_pass_every_check() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/workflows");
    let settings = Settings::from_toml_str(
        "[tenants.tenant-1.nms]\nurl = \"https://nms.example\"\nauth = { scheme = \"none\" }\n\
         [tenants.tenant-1.mano]\nurl = \"https://mano.example\"\nauth = { scheme = \"none\" }\n",
        &dir,
    )
    .unwrap();
    let registry = ActionRegistry::builtin(Some(Transports::new(settings)));
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let workflow = Workflow::from_yaml_file(&path).unwrap();
            registry
                .check(&workflow)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            checked += 1;
        }
    }
    assert!(checked >= 1);
}
