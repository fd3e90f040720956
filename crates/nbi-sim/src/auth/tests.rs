//! Unit tests of the credential registry.

use super::*;

#[test]
fn secrets_are_deterministic_and_differ_between_seeds() {
    assert_eq!(secret(1, 0, 0), secret(1, 0, 0));
    assert_ne!(secret(1, 0, 0), secret(2, 0, 0));
    assert_ne!(secret(1, 0, 0), secret(1, 1, 0));
    assert_eq!(secret(1, 0, 0).len(), 32);
}

#[test]
fn schemes_rotate_per_tenant() {
    let registry = AuthRegistry::for_service(crate::config::Service::Nms, AuthMode::Default, 6, 1);
    let kinds: Vec<_> = (0..6)
        .map(|t| match registry.credentials(t, "http://x") {
            Credentials::Bearer { .. } => "bearer",
            Credentials::OAuth2 { .. } => "oauth2",
            Credentials::JwtLogin { .. } => "jwt",
            Credentials::Basic { .. } => "basic",
            Credentials::Token { .. } => "token",
            Credentials::Ofsc { .. } => "ofsc",
            Credentials::None => "none",
        })
        .collect();
    assert_eq!(
        kinds,
        ["bearer", "oauth2", "jwt", "basic", "token", "bearer"]
    );
}

#[test]
fn issued_tokens_run_out_of_uses() {
    let registry = AuthRegistry::for_service(crate::config::Service::Nms, AuthMode::Default, 2, 1);
    let faults = FaultConfig {
        token_uses: Some(2),
        ..FaultConfig::default()
    };
    let (token, _) = registry.issue(1, false, &faults);
    assert_eq!(registry.use_issued(&token).ok(), Some(1));
    assert_eq!(registry.use_issued(&token).ok(), Some(1));
    assert!(registry.use_issued(&token).is_err());
}

#[test]
fn netbox_tokens_are_forty_hex_digits_and_checked() {
    let registry = AuthRegistry::for_service(crate::config::Service::Nms, AuthMode::Default, 5, 1);
    let Credentials::Token { token } = registry.credentials(4, "http://x") else {
        panic!("tenant-5 uses a NetBox token")
    };
    assert_eq!(token.len(), 40);
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    let mut headers = HeaderMap::new();
    headers.insert(
        header::AUTHORIZATION,
        format!("Token {token}").parse().unwrap(),
    );
    assert_eq!(registry.authenticate(&headers).ok(), Some(4));
    headers.insert(header::AUTHORIZATION, "Token 0000".parse().unwrap());
    assert!(registry.authenticate(&headers).is_err());
}

#[test]
fn services_get_their_own_schemes() {
    use crate::config::Service;
    let netbox = AuthRegistry::for_service(Service::Netbox, AuthMode::Default, 2, 1);
    let Credentials::Token { token: v1 } = netbox.credentials(0, "http://x") else {
        panic!("tenant-1 of netbox has a v1 token")
    };
    let Credentials::Token { token: v2 } = netbox.credentials(1, "http://x") else {
        panic!("tenant-2 of netbox has a v2 token")
    };
    assert_eq!(v1.len(), 40);
    assert!(v2.starts_with("nbt_") && v2.contains('.'));
    let mut headers = HeaderMap::new();
    headers.insert(
        header::AUTHORIZATION,
        format!("Bearer {v2}").parse().unwrap(),
    );
    assert_eq!(netbox.authenticate(&headers).ok(), Some(1));
    headers.insert(
        header::AUTHORIZATION,
        format!("Token {v1}").parse().unwrap(),
    );
    assert_eq!(netbox.authenticate(&headers).ok(), Some(0));

    let acs = AuthRegistry::for_service(Service::Genieacs, AuthMode::Default, 2, 1);
    assert!(matches!(acs.credentials(1, "x"), Credentials::Basic { .. }));
    let voltha = AuthRegistry::for_service(Service::Voltha, AuthMode::Default, 2, 1);
    assert!(matches!(
        voltha.credentials(1, "x"),
        Credentials::Bearer { .. }
    ));
    let open = AuthRegistry::for_service(Service::Voltha, AuthMode::None, 2, 1);
    assert!(open.is_open());
}
