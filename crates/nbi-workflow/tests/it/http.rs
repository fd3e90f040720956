//! `core.http` against the simulated NMS: results feed later requests; a 404 fails at once.

use nbi_core::{Settings, Transports};
use nbi_sim::{AuthMode, Service, SimConfig};
use nbi_workflow::{
    ActionRegistry, ErrorKind, RunStatus, Runner, StepStatus, Workflow, WorkflowStore,
};
use tokio_util::sync::CancellationToken;

async fn sim_runner() -> (nbi_sim::SimHandle, Runner) {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Nms],
        devices: 3,
        auth: AuthMode::None,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let settings = Settings::from_toml_str(
        &format!(
            "[settings]\nallow_insecure_http = true\n[tenants.acme.nms]\nurl = \"{}\"\nauth = {{ scheme = \"none\" }}\nretry = {{ max_attempts = 1 }}\n",
            sim.url(Service::Nms)
        ),
        std::path::Path::new("."),
    )
    .unwrap();
    let registry = ActionRegistry::builtin(Some(Transports::new(settings)));
    (
        sim,
        Runner::new(registry, WorkflowStore::in_memory().unwrap()),
    )
}

#[tokio::test]
async fn a_listed_device_config_is_fetched_and_checked() {
    let (_sim, runner) = sim_runner().await;
    let workflow = Workflow::from_yaml_str(
        r#"
name: fetch-config
tenant: acme
steps:
  - id: list
    action: core.http
    with: { service: nms, path: /api/v1/devices, query: { limit: 2 } }
  - id: config
    action: core.http
    needs: [list]
    with: { service: nms, method: get, path: "/api/v1/devices/${list.body.results.1.id}/config" }
  - id: check
    action: core.assert
    needs: [list, config]
    with: { actual: "${config.body.json_metadata.device}", equals: "${list.body.results.1.id}" }
"#,
    )
    .unwrap();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Succeeded, "{report:?}");
    let config = report.step("config").unwrap().result.clone().unwrap();
    assert_eq!(config["status"], 200);
    assert_eq!(config["body"]["json_metadata"]["device"], "r0002");
}

#[tokio::test]
async fn a_missing_resource_fails_without_retry() {
    let (_sim, runner) = sim_runner().await;
    let workflow = Workflow::from_yaml_str(
        "name: missing\ntenant: acme\nsteps:\n  - id: get\n    action: core.http\n    with: { service: nms, path: /api/v1/devices/r9999/config }\n    retry: { attempts: 3, backoff_s: 0 }\n",
    )
    .unwrap();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    let get = report.step("get").unwrap();
    assert_eq!(
        (get.status, get.attempts),
        (StepStatus::Failed, 1),
        "{get:?}"
    );
    assert!(get.error.as_deref().unwrap().contains("404"), "{get:?}");
}

#[tokio::test]
async fn unknown_services_and_bad_inputs_are_refused_before_the_run() {
    let (_sim, runner) = sim_runner().await;
    let check = |with: &str| {
        let text = format!(
            "name: w\ntenant: acme\nsteps:\n  - id: call\n    action: core.http\n    with: {with}\n"
        );
        Workflow::from_yaml_str(&text).unwrap()
    };
    let cases = [
        (
            "{ service: netbox, path: /x }",
            "steps[call].with: `service` netbox: the settings have no [tenants.acme.netbox]",
        ),
        (
            "{ service: nms, path: x }",
            "steps[call].with: `path` x must start with a single `/`",
        ),
        (
            "{ service: nms, path: /x, method: TRACE }",
            "steps[call].with: `method` TRACE is not GET, POST, PUT, PATCH or DELETE",
        ),
        (
            "{ service: nms, path: /x, headers: {} }",
            "steps[call].with: unknown key `headers`",
        ),
        (
            "{ service: nms, path: \"/x?a=1\" }",
            "steps[call].with: `path` /x?a=1 may not hold",
        ),
    ];
    for (with, expected) in cases {
        let err = runner
            .run(&check(with), CancellationToken::new())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Definition);
        assert!(err.to_string().starts_with(expected), "{with}: {err}");
    }
}

#[tokio::test]
async fn a_token_never_shows_in_debug_output_or_step_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("token"), "s3cr3t-token-value").unwrap();
    // Nothing listens on port 1: the call fails after the token was added to it.
    let settings = Settings::from_toml_str(
        "[settings]\nallow_insecure_http = true\n[tenants.acme.nms]\nurl = \"http://127.0.0.1:1\"\nauth = { scheme = \"bearer\", token = { file = \"token\" } }\nretry = { max_attempts = 1 }\n",
        dir.path(),
    )
    .unwrap();
    let action = nbi_workflow::actions::HttpAction::new(Transports::new(settings.clone()));
    assert!(!format!("{action:?}").contains("s3cr3t"));
    let runner = Runner::new(
        ActionRegistry::builtin(Some(Transports::new(settings))),
        WorkflowStore::in_memory().unwrap(),
    );
    let workflow = Workflow::from_yaml_str(
        "name: w\ntenant: acme\nsteps:\n  - { id: call, action: core.http, with: { service: nms, path: /x } }\n",
    )
    .unwrap();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    let call = report.step("call").unwrap();
    assert_eq!(call.status, StepStatus::Failed);
    let shown = format!("{report:?} {}", serde_json::to_string(&report).unwrap());
    assert!(!shown.contains("s3cr3t"), "{shown}");
}
