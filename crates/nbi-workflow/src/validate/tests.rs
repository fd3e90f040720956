use std::time::Duration;

use serde_json::json;

use crate::{ActionRegistry, ErrorKind, Step, Workflow};

fn yaml_error(text: &str) -> String {
    let err = Workflow::from_yaml_str(text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Definition);
    err.to_string()
}

const ISSUE_EXAMPLE: &str = r#"
name: deploy-slice
tenant: acme
steps:
  - id: intent
    action: mano.create_intent
    with: { bandwidth: 100, latency: 10, slice_type: uRLLC }
  - id: plan
    action: mano.plan
    needs: [intent]
    with: { intents: ["${intent.id}"] }
    retry: { attempts: 3, backoff_s: 2 }
    timeout_s: 300
"#;

#[test]
fn the_issue_example_parses_into_the_same_workflow_as_code() {
    let parsed = Workflow::from_yaml_str(ISSUE_EXAMPLE).unwrap();
    let built = Workflow::builder()
        .name("deploy-slice")
        .tenant("acme")
        .step(
            Step::new("intent", "mano.create_intent")
                .with(json!({ "bandwidth": 100, "latency": 10, "slice_type": "uRLLC" })),
        )
        .step(
            Step::new("plan", "mano.plan")
                .needs(["intent"])
                .with(json!({ "intents": ["${intent.id}"] }))
                .retry(3, Duration::from_secs(2))
                .timeout(Duration::from_secs(300)),
        )
        .build()
        .unwrap();
    assert_eq!(parsed, built);
    assert_eq!(parsed.digest(), built.digest());
    let plan = parsed.step("plan").unwrap();
    assert_eq!(plan.backoff(1), Duration::from_secs(2));
    assert_eq!(plan.backoff(2), Duration::from_secs(4));
    assert_eq!(plan.timeout_per_attempt(), Some(Duration::from_secs(300)));
}

#[test]
fn layout_and_comments_do_not_change_the_digest_but_inputs_do() {
    let a = Workflow::from_yaml_str(ISSUE_EXAMPLE).unwrap();
    let b = Workflow::from_yaml_str(&format!("# a comment\n{ISSUE_EXAMPLE}\n\n")).unwrap();
    assert_eq!(a.digest(), b.digest());
    let c = Workflow::from_yaml_str(&ISSUE_EXAMPLE.replace("bandwidth: 100", "bandwidth: 200"))
        .unwrap();
    assert_ne!(a.digest(), c.digest());
}

#[test]
fn unknown_keys_are_refused_naming_the_key() {
    let err = yaml_error(&ISSUE_EXAMPLE.replace("timeout_s: 300", "timeout: 300"));
    assert!(err.contains("timeout"), "{err}");
    let err = yaml_error(&ISSUE_EXAMPLE.replace("backoff_s: 2", "backof_s: 2"));
    assert!(err.contains("backof_s"), "{err}");
    let err = yaml_error(&format!("{ISSUE_EXAMPLE}owner: me\n"));
    assert!(err.contains("owner"), "{err}");
}

#[test]
fn duplicate_ids_and_unknown_dependencies_are_named() {
    let err = yaml_error(&ISSUE_EXAMPLE.replace("id: plan", "id: intent"));
    assert!(
        err.contains("steps[1].id: `intent` is already the id of steps[0]"),
        "{err}"
    );
    let err = yaml_error(&ISSUE_EXAMPLE.replace("needs: [intent]", "needs: [intnet]"));
    assert_eq!(err, "steps[plan].needs: unknown step `intnet`",);
}

#[test]
fn a_cycle_is_refused_naming_its_steps() {
    let err = Workflow::builder()
        .name("loop")
        .tenant("acme")
        .step(Step::new("a", "core.wait").needs(["c"]))
        .step(Step::new("b", "core.wait").needs(["a"]))
        .step(Step::new("c", "core.wait").needs(["b"]))
        .step(Step::new("d", "core.wait"))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Definition);
    assert!(
        err.to_string()
            .contains("dependency cycle: a -> c -> b -> a"),
        "{err}"
    );
    let err = Workflow::builder()
        .name("self")
        .tenant("acme")
        .step(Step::new("a", "core.wait").needs(["a"]))
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("steps[a].needs: a step cannot need itself"),
        "{err}"
    );
}

#[test]
fn references_must_point_into_declared_ancestors() {
    let base = || {
        Workflow::builder()
            .name("refs")
            .tenant("acme")
            .step(Step::new("a", "x"))
            .step(Step::new("b", "x").needs(["a"]))
    };
    // A transitive ancestor is fine.
    base()
        .step(
            Step::new("c", "x")
                .needs(["b"])
                .with(json!({ "v": "${a.id}" })),
        )
        .build()
        .unwrap();
    let err = base()
        .step(
            Step::new("c", "x")
                .needs(["a"])
                .with(json!({ "v": ["${b.id}"] })),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "steps[c].with.v[0]: ${b.id} refers to `b`, which `c` does not depend on (add it to needs)"
    );
    let err = base()
        .step(Step::new("c", "x").with(json!({ "v": "${zz}" })))
        .build()
        .unwrap_err();
    assert!(
        err.to_string().contains("refers to unknown step `zz`"),
        "{err}"
    );
    let err = base()
        .step(Step::new("c", "x").with(json!({ "v": "${a.id" })))
        .build()
        .unwrap_err();
    assert!(err.to_string().starts_with("steps[c].with.v: "), "{err}");
}

#[test]
fn policies_names_and_ids_are_checked() {
    let one = |step: Step| {
        Workflow::builder()
            .name("p")
            .tenant("acme")
            .step(step)
            .build()
    };
    let err = one(Step::new("a", "x").retry(0, Duration::ZERO)).unwrap_err();
    assert!(
        err.to_string().starts_with("steps[a].retry.attempts: 0"),
        "{err}"
    );
    let err = one(Step::new("a", "x").timeout(Duration::ZERO)).unwrap_err();
    assert!(err.to_string().starts_with("steps[a].timeout_s"), "{err}");
    let err = one(Step::new("a.b", "x")).unwrap_err();
    assert!(err.to_string().starts_with("steps[0].id: `a.b`"), "{err}");
    let err = Workflow::builder()
        .name("p")
        .tenant("Acme")
        .step(Step::new("a", "x"))
        .build();
    assert!(err.unwrap_err().to_string().starts_with("tenant: `Acme`"));
    let err = Workflow::builder()
        .name("p")
        .tenant("acme")
        .build()
        .unwrap_err();
    assert_eq!(err.to_string(), "steps: the workflow has no steps");
    let err =
        yaml_error("name: x\ntenant: acme\nsteps: [{ id: a, action: x, retry: { attempts: -1 } }]");
    assert!(err.contains("attempts"), "{err}");
    assert!(yaml_error("[not, a, workflow").starts_with("workflow: "));
}

#[test]
fn unknown_actions_and_bad_inputs_are_refused_by_the_registry() {
    let registry = ActionRegistry::builtin(None);
    let workflow = Workflow::from_yaml_str(ISSUE_EXAMPLE).unwrap();
    let err = registry.check(&workflow).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Definition);
    assert!(
        err.to_string()
            .starts_with("steps[intent].action: unknown action `mano.create_intent` (known: core.assert, core.wait)"),
        "{err}"
    );
    let workflow = Workflow::from_yaml_str(
        "name: w\ntenant: acme\nsteps: [{ id: nap, action: core.wait, with: { minutes: 1 } }]",
    )
    .unwrap();
    let err = registry.check(&workflow).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("steps[nap].with: unknown key `minutes`"),
        "{err}"
    );
}
