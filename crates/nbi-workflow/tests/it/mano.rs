//! `mano.*` steps against the simulated Intent-MANO API: the example slice deployment runs to
//! success, bad input is refused before the run, a failing deployment fails the run at the
//! wait, a resumed run does not create its intent again, a batch reports each failure, and
//! the password never shows.

use std::time::Duration;

use nbi_core::{Operation, OperationClass, RequestSpec, Settings, Transport, Transports};
use nbi_sim::{Credentials, Service, SimConfig, SimHandle};
use nbi_workflow::{
    ActionRegistry, ErrorKind, RunStatus, Runner, StepStatus, Workflow, WorkflowStore,
};
use serde_json::{Value, json};
use tokio_util::sync::CancellationToken;

/// A MANO simulator, whose deployments take `deploy_s`, and settings for its tenant-1.
async fn sim(deploy_s: u64) -> (SimHandle, Transports, tempfile::TempDir) {
    let sim = nbi_sim::spawn(SimConfig {
        services: vec![Service::Mano],
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let Credentials::JwtLogin { username, password } = &sim.endpoints()[0].credentials else {
        panic!("MANO logs in with a password")
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mano.pw"), password).unwrap();
    let toml = format!(
        "[settings]\nallow_insecure_http = true\n\
         [tenants.tenant-1.mano]\nurl = \"{}\"\n\
         auth = {{ scheme = \"jwt-login\", username = \"{username}\", password = {{ file = \"mano.pw\" }} }}\n\
         [tenants.tenant-1.nms]\nurl = \"http://127.0.0.1:1\"\nauth = {{ scheme = \"none\" }}\n",
        sim.url(Service::Mano)
    );
    let transports = Transports::new(Settings::from_toml_str(&toml, dir.path()).unwrap());
    let admin = Transport::builder("sim", "admin")
        .base_url(sim.url(Service::Mano))
        .allow_insecure_http(true)
        .build()
        .unwrap();
    admin
        .send(
            RequestSpec::put(
                Operation::new("sim_admin", OperationClass::UPDATE),
                "/_sim/mano/tenant-1/settings",
            )
            .json(&json!({ "deploy_s": deploy_s })),
        )
        .await
        .unwrap();
    (sim, transports, dir)
}

fn runner(transports: &Transports) -> Runner {
    Runner::new(
        ActionRegistry::builtin(Some(transports.clone())),
        WorkflowStore::in_memory().unwrap(),
    )
}

/// How many intents the simulator holds for tenant-1 (it starts with 3).
async fn intents(transports: &Transports) -> u64 {
    let mano = nbi_mano::Client::from_transports(transports, "tenant-1", "mano").unwrap();
    mano.orchestrator()
        .intents()
        .send()
        .await
        .unwrap()
        .total
        .unwrap()
}

fn result(report: &nbi_workflow::RunReport, step: &str) -> Value {
    report.step(step).unwrap().result.clone().unwrap()
}

/// Intent → plan → deploy → wait → metrics, the intent's QoS given.
fn slice(qos: &str, wait_retry: &str) -> Workflow {
    Workflow::from_yaml_str(&format!(
        r#"
name: slice
tenant: tenant-1
steps:
  - {{ id: intent, action: mano.create_intent, with: {qos} }}
  - {{ id: plan, action: mano.plan, needs: [intent], with: {{ intents: ["${{intent.id}}"] }} }}
  - {{ id: deploy, action: mano.deploy, needs: [plan], with: {{ plan: "${{plan.id}}" }} }}
  - id: wait
    action: mano.wait_deployment
    needs: [deploy]
    with: {{ deployment: "${{deploy.deployment_id}}", interval_s: 30 }}
    retry: {wait_retry}
    timeout_s: 3600
  - id: metrics
    action: mano.slice_metrics
    needs: [wait]
    with: {{ slice: "${{plan.allocations.0.slice_id}}" }}
"#
    ))
    .unwrap()
}

#[tokio::test(start_paused = true)]
async fn the_example_slice_deployment_runs_to_success() {
    let (_sim, transports, _dir) = sim(5).await;
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/workflows/deploy-slice.yaml");
    let workflow = Workflow::from_yaml_file(&file).unwrap();
    let report = runner(&transports)
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Succeeded, "{report:#?}");

    let intent = result(&report, "intent");
    assert!(intent["id"].as_str().unwrap().starts_with("intent-"));
    assert_eq!(intent["slice_type"], "uRLLC");
    let plan = result(&report, "plan");
    let slice_id = plan["allocations"][0]["slice_id"].as_str().unwrap();
    let vnfs = result(&report, "vnfs");
    assert_eq!(vnfs["ids"].as_array().unwrap().len(), 1);
    assert_eq!(vnfs["vnfs"][0]["name"], format!("upf-{slice_id}"));
    assert_eq!(vnfs["vnfs"][0]["type"], "UPF");
    let tn = result(&report, "tn");
    assert_eq!(
        (tn["slice_id"].as_str(), tn["status"].as_str()),
        (Some(slice_id), Some("active"))
    );
    assert_eq!(tn["bandwidth_allocated"], 100.0);
    let deployed = result(&report, "deployed");
    assert_eq!(
        deployed["deployment_id"],
        result(&report, "deploy")["deployment_id"]
    );
    assert_eq!(
        (
            deployed["status"].as_str(),
            deployed["progress_percent"].as_u64()
        ),
        (Some("completed"), Some(100))
    );
    assert_eq!(result(&report, "metrics")["slice_id"], slice_id);
    assert_eq!(intents(&transports).await, 4);
}

#[tokio::test(start_paused = true)]
async fn bad_input_is_refused_before_the_run_naming_the_field() {
    let (_sim, transports, _dir) = sim(5).await;
    let runner = runner(&transports);
    let cases = [
        (
            "mano.create_intent",
            "{ bandwidth: 20000, latency: 10, slice_type: eMBB }",
            "steps[s].with: bandwidth must be between 1 and 10000",
        ),
        (
            "mano.create_intent",
            "{ bandwidth: \"${x.bw}\", latency: 0, slice_type: 6G, reliability: 0.5 }",
            "steps[s].with: latency must be between 1 and 1000; slice_type must be one of eMBB, uRLLC, mIoT, balanced; reliability must be between 0.95 and 0.99999",
        ),
        (
            "mano.create_intent",
            "{ bandwidth: 10, latency: 10, slice: eMBB }",
            "steps[s].with: unknown key `slice`",
        ),
        (
            "mano.create_intent",
            "{ service: nms, bandwidth: 10, latency: 10, slice_type: eMBB }",
            "steps[s].with: `service` nms: [tenants.tenant-1.nms] is of kind \"nms\", not \"mano\"",
        ),
        (
            "mano.plan",
            "{ intents: [] }",
            "steps[s].with: `intents` must list at least one intent id",
        ),
        (
            "mano.configure_tn",
            "{ agent: a, slice_id: s, bandwidth_mbps: 0, vlan_id: 5000 }",
            "steps[s].with: bandwidth_mbps must be at least 1; vlan_id must be between 1 and 4094",
        ),
        (
            "mano.deploy_vnfs",
            "{ vnfs: [{ name: \"${x.n}\", type: UPF, version: \"1\", qos: { bandwidth: 9000, latency: 5 }, placement: { cloud_type: edge }, image: { repository: r, tag: t } }] }",
            "steps[s].with: vnfs[0].qos.bandwidth must be between 1 and 5000",
        ),
        (
            "mano.wait_deployment",
            "{ deployment: d, interval_s: 0 }",
            "steps[s].with: `interval_s` = 0 is not in 0.01..=3600",
        ),
        (
            "mano.slice_metrics",
            "{ slice: s, timeframe: 2h }",
            "steps[s].with: `timeframe` must be one of 1h, 6h, 24h, 7d",
        ),
    ];
    for (action, with, expected) in cases {
        let workflow = Workflow::from_yaml_str(&format!(
            "name: w\ntenant: tenant-1\nsteps:\n  - {{ id: x, action: core.wait, with: {{ seconds: 0 }} }}\n  - id: s\n    action: {action}\n    needs: [x]\n    with: {with}\n"
        ))
        .unwrap();
        let err = runner
            .run(&workflow, CancellationToken::new())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Definition, "{with}: {err}");
        assert!(err.to_string().starts_with(expected), "{with}: {err}");
    }
    assert_eq!(intents(&transports).await, 3, "nothing was sent");
}

#[tokio::test(start_paused = true)]
async fn a_failing_deployment_fails_the_run_at_the_wait() {
    let (_sim, transports, _dir) = sim(20).await;
    // The simulator cannot meet a uRLLC latency under 2 ms: the deployment fails.
    let workflow = slice(
        "{ bandwidth: 50, latency: 1, slice_type: uRLLC }",
        "{ attempts: 3, backoff_s: 1 }",
    );
    let report = runner(&transports)
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Failed);
    let wait = report.step("wait").unwrap();
    assert_eq!(
        (wait.status, wait.attempts),
        (StepStatus::Failed, 1),
        "{wait:?}"
    );
    let error = wait.error.as_deref().unwrap();
    assert!(error.contains("ended failed"), "{error}");
    assert!(
        error.contains("latency budget of 1 ms cannot be met"),
        "{error}"
    );
    assert_eq!(report.step("deploy").unwrap().status, StepStatus::Succeeded);
    assert_eq!(report.step("metrics").unwrap().status, StepStatus::Skipped);
}

#[tokio::test(start_paused = true)]
async fn a_run_interrupted_during_the_wait_resumes_without_a_second_intent() {
    let (_sim, transports, _dir) = sim(600).await;
    let workflow = slice(
        "{ bandwidth: 100, latency: 20, slice_type: eMBB }",
        "{ attempts: 1 }",
    );
    let runner = runner(&transports);
    let stop = CancellationToken::new();
    let stopper = stop.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(90)).await;
        stopper.cancel();
    });
    let stopped = runner.run(&workflow, stop).await.unwrap();
    assert_eq!(stopped.status, RunStatus::Cancelled, "{stopped:#?}");
    assert_eq!(
        stopped.step("deploy").unwrap().status,
        StepStatus::Succeeded
    );
    assert_eq!(stopped.step("wait").unwrap().status, StepStatus::Cancelled);
    assert_eq!(intents(&transports).await, 4);

    let resumed = runner
        .resume(stopped.run_id, &workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(resumed.status, RunStatus::Succeeded, "{resumed:#?}");
    assert_eq!(result(&resumed, "wait")["status"], "completed");
    assert_eq!(
        result(&resumed, "wait")["deployment_id"],
        result(&stopped, "deploy")["deployment_id"]
    );
    // The intent (and the deployment) were made once.
    assert_eq!(intents(&transports).await, 4);
    let mano = nbi_mano::Client::from_transports(&transports, "tenant-1", "mano").unwrap();
    let metrics = mano.monitoring().metrics().await.unwrap();
    assert!(
        metrics.contains("mano_deployments{tenant=\"tenant-1\"} 1\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn the_password_never_shows_in_reports_or_debug_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mano.pw"), "s3cr3t-mano-pw").unwrap();
    // Nothing listens on port 1: the login fails after the password was read.
    let settings = Settings::from_toml_str(
        "[settings]\nallow_insecure_http = true\n[tenants.acme.mano]\nurl = \"http://127.0.0.1:1\"\nauth = { scheme = \"jwt-login\", username = \"noc\", password = { file = \"mano.pw\" } }\nretry = { max_attempts = 1 }\n",
        dir.path(),
    )
    .unwrap();
    let registry = ActionRegistry::builtin(Some(Transports::new(settings)));
    let runner = Runner::new(registry.clone(), WorkflowStore::in_memory().unwrap());
    let workflow = Workflow::from_yaml_str(
        "name: w\ntenant: acme\nsteps:\n  - { id: intent, action: mano.create_intent, with: { bandwidth: 10, latency: 10, slice_type: eMBB } }\n",
    )
    .unwrap();
    let report = runner
        .run(&workflow, CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.step("intent").unwrap().status, StepStatus::Failed);
    let shown = format!(
        "{report:?} {} {registry:?} {:?}",
        serde_json::to_string(&report).unwrap(),
        registry.get("mano.create_intent").map(|_| "registered")
    );
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn a_batch_reports_each_failure_and_its_ids_feed_a_plan() {
    let (_sim, transports, _dir) = sim(5).await;
    let runner = runner(&transports);
    // `zero.actual` is 0: a latency the check cannot see before the run, refused locally then.
    let batch = |allow: bool| {
        Workflow::from_yaml_str(&format!(
            r#"
name: batch
tenant: tenant-1
steps:
  - {{ id: zero, action: core.assert, with: {{ actual: 0, equals: 0 }} }}
  - id: batch
    action: mano.create_intents
    needs: [zero]
    with:
      allow_failures: {allow}
      concurrency: 2
      intents:
        - {{ bandwidth: 10, latency: "${{zero.actual}}", slice_type: eMBB }}
        - {{ bandwidth: 20, latency: 30, slice_type: mIoT }}
        - {{ bandwidth: 30, latency: 40, slice_type: balanced }}
  - {{ id: plan, action: mano.plan, needs: [batch], with: {{ intents: "${{batch.ids}}" }} }}
"#
        ))
        .unwrap()
    };
    let report = runner
        .run(&batch(true), CancellationToken::new())
        .await
        .unwrap();
    assert_eq!(report.status, RunStatus::Succeeded, "{report:#?}");
    let created = result(&report, "batch");
    assert_eq!(created["ids"].as_array().unwrap().len(), 2);
    assert_eq!(created["failed"][0]["index"], 0);
    assert_eq!(
        created["failed"][0]["error"],
        "latency must be between 1 and 1000"
    );
    assert_eq!(
        result(&report, "plan")["allocations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(intents(&transports).await, 5);

    let strict = runner
        .run(&batch(false), CancellationToken::new())
        .await
        .unwrap();
    let step = strict.step("batch").unwrap();
    assert_eq!((step.status, step.attempts), (StepStatus::Failed, 1));
    let error = step.error.as_deref().unwrap();
    assert!(
        error.starts_with(
            "1 of 3 intents failed (intents[0]: latency must be between 1 and 1000); created: [intent-"
        ),
        "{error}"
    );
    assert_eq!(strict.step("plan").unwrap().status, StepStatus::Skipped);
}
