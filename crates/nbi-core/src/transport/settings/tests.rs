use std::path::Path;

use super::*;
use crate::{ErrorKind, OperationClass};

fn settings(toml: &str) -> Settings {
    Settings::from_toml_str(toml, Path::new(".")).unwrap()
}

#[test]
fn settings_reach_the_transport() {
    let t = Transports::new(settings(
        r#"
        [tenants.acme.netbox]
        url = "https://netbox.acme.example"
        timeouts = { list = 3.0 }
        auth = { scheme = "token", token = { env = "NBI_TEST_UNSET_TOKEN" } }
        "#,
    ));
    let nb = t.transport("acme", "netbox").unwrap();
    assert_eq!(
        nb.timeouts().get(&OperationClass::LIST),
        std::time::Duration::from_secs(3)
    );
    assert_eq!(
        nb.timeouts().get(&OperationClass::GET),
        std::time::Duration::from_secs(10)
    );
    assert!(format!("{nb:?}").contains("token"));
    // One transport per (tenant, service, URL).
    let again = t.transport("acme", "netbox").unwrap();
    assert_eq!(
        format!("{:p}", nb.breaker()),
        format!("{:p}", again.breaker())
    );
}

#[test]
fn unknown_names_are_config_errors() {
    let t = Transports::new(settings(
        r#"
        [tenants.acme.nms]
        url = "https://nms.acme.example"
        "#,
    ));
    let e = t.transport("other", "nms").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("tenants.other.nms"));
}

#[test]
fn an_oauth2_setting_without_a_token_url_names_the_field() {
    let auth = AuthSettings::Oauth2 {
        token_url: None,
        client_id: "nbi".into(),
        client_secret: SecretSource::Env("X".into()),
        scope: None,
    };
    let e = auth_provider(&auth, "tenants.acme.ofsc").unwrap_err();
    assert!(
        e.to_string().contains("tenants.acme.ofsc.auth.token_url"),
        "{e}"
    );
}

#[test]
fn tenants_have_separate_breakers_in_one_registry() {
    let t = Transports::new(settings(
        r#"
        [tenants.a.nms]
        url = "https://nms.example"
        [tenants.b.nms]
        url = "https://nms.example"
        "#,
    ));
    t.transport("a", "nms").unwrap().breaker().force_open();
    assert_eq!(
        t.transport("b", "nms").unwrap().breaker_state(),
        crate::BreakerState::Closed
    );
    assert_eq!(t.breakers().snapshot().len(), 2);
}

#[test]
fn a_customized_transport_is_not_served_from_the_plain_cache() {
    let t = Transports::new(settings(
        r#"
        [tenants.acme.voltha]
        url = "https://voltha.acme.example"
        "#,
    ));
    let plain = t.transport("acme", "voltha").unwrap();
    let url = plain.base_url().clone();
    let custom = t
        .transport_with("acme", "voltha", &url, "voltha", |b| {
            Ok(b.max_concurrency(3))
        })
        .unwrap();
    assert!(
        format!("{custom:?}").contains("max_in_flight: 3"),
        "{custom:?}"
    );
    assert!(format!("{plain:?}").contains("max_in_flight: 20"));
    let again = t
        .transport_with("acme", "voltha", &url, "voltha", |_| {
            unreachable!("built once")
        })
        .unwrap();
    assert!(format!("{again:?}").contains("max_in_flight: 3"));
}
