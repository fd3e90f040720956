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
    let registry = AuthRegistry::new(AuthMode::Default, 6, 1);
    let kinds: Vec<_> = (0..6)
        .map(|t| match registry.credentials(t, "http://x") {
            Credentials::Bearer { .. } => "bearer",
            Credentials::OAuth2 { .. } => "oauth2",
            Credentials::JwtLogin { .. } => "jwt",
            Credentials::Basic { .. } => "basic",
            Credentials::Token { .. } => "token",
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
    let registry = AuthRegistry::new(AuthMode::Default, 2, 1);
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
    let registry = AuthRegistry::new(AuthMode::Default, 5, 1);
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
