use std::path::Path;

use nbi_core::{LoadOptions, Settings};

use super::*;

fn load(toml: &str, env: &[(&str, &str)]) -> Result<WebhookSettings> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nbi.toml");
    std::fs::write(&file, toml).unwrap();
    let options = LoadOptions::new()
        .file(&file)
        .env_vars(env.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    let loaded = Settings::load(&options)?;
    let settings: WebhookSettings = loaded
        .section("webhooks")?
        .ok_or_else(|| Error::config("webhooks", "absent"))?;
    Ok(settings)
}

#[test]
fn defaults_fill_everything_but_the_scheme_and_secret() {
    let s = load(
        "[webhooks]\nscheme = \"mano\"\nsecret = { env = \"NBI_TEST_WH\" }\n",
        &[],
    )
    .unwrap();
    assert_eq!(s.listen.to_string(), DEFAULT_LISTEN);
    assert_eq!((s.path.as_str(), s.max_body), ("/", DEFAULT_MAX_BODY));
    assert_eq!(s.scheme, Scheme::Mano);
}

#[test]
fn an_unknown_scheme_or_a_plain_secret_is_refused_naming_the_field() {
    let err = load(
        "[webhooks]\nscheme = \"svix\"\nsecret = { env = \"X\" }\n",
        &[],
    )
    .unwrap_err();
    assert!(err.to_string().contains("webhooks.scheme"), "{err}");
    let err = load("[webhooks]\nscheme = \"mano\"\nsecret = \"hunter2\"\n", &[]).unwrap_err();
    assert!(err.to_string().contains("webhooks.secret"), "{err}");
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

#[test]
fn a_missing_or_unresolvable_secret_is_named() {
    let s = load("[webhooks]\nscheme = \"mano\"\n", &[]).unwrap();
    let err = s.receiver_builder().unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Config);
    assert!(
        err.to_string().starts_with("webhooks.secret: not set"),
        "{err}"
    );

    let s = load(
        "[webhooks]\nscheme = \"mano\"\nsecrets = [{ env = \"NBI_TEST_SURELY_UNSET_WH\" }]\n",
        &[],
    )
    .unwrap();
    let err = s.receiver_builder().unwrap_err();
    assert!(
        err.to_string().starts_with("webhooks.secrets[0]: "),
        "{err}"
    );
    assert!(
        err.to_string().contains("NBI_TEST_SURELY_UNSET_WH"),
        "{err}"
    );
}

#[test]
fn a_standard_secret_must_be_base64_and_is_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    let bad = dir.path().join("bad");
    std::fs::write(&good, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n").unwrap();
    std::fs::write(&bad, "not base64 !!! sekrit").unwrap();
    let toml = format!(
        "[webhooks]\nscheme = \"standard\"\nsecrets = [{{ file = {:?} }}, {{ file = {:?} }}]\n",
        good.display().to_string(),
        bad.display().to_string()
    );
    let s = load(&toml, &[]).unwrap();
    let err = s.receiver_builder().unwrap_err();
    let shown = format!("{err} {err:?} {s:?}");
    assert!(
        err.to_string()
            .starts_with("webhooks.secrets[1]: is not base64"),
        "{err}"
    );
    assert!(
        !shown.contains("sekrit") && !shown.contains("MfKQ9r8G"),
        "{shown}"
    );
}

#[test]
fn bad_path_and_cap_are_named() {
    let base = "[webhooks]\nscheme = \"mano\"\nsecret = { env = \"PATH\" }\n";
    let err = load(&format!("{base}path = \"hooks\"\n"), &[])
        .unwrap()
        .receiver_builder()
        .unwrap_err();
    assert!(err.to_string().starts_with("webhooks.path: "), "{err}");
    let err = load(&format!("{base}path = \"/metrics\"\n"), &[])
        .unwrap()
        .receiver_builder()
        .unwrap_err();
    assert!(err.to_string().starts_with("webhooks.path: "), "{err}");
    let err = load(&format!("{base}max_body = 0\n"), &[])
        .unwrap()
        .receiver_builder()
        .unwrap_err();
    assert!(err.to_string().starts_with("webhooks.max_body: "), "{err}");
    assert!(load(&format!("{base}colour = 1\n"), &[]).is_err());
}

#[test]
fn the_store_sits_beside_out_unless_set() {
    let base = Path::new("/srv/nbi");
    let mut s = load("[webhooks]\nscheme = \"mano\"\n", &[]).unwrap();
    assert_eq!(s.store_path(base), base.join("nbi-webhooks.db"));
    s.out = Some("events/mano.jsonl".into());
    assert_eq!(s.store_path(base), base.join("events/mano.jsonl.db"));
    s.store = Some("/var/lib/nbi/wh.db".into());
    assert_eq!(s.store_path(base), Path::new("/var/lib/nbi/wh.db"));
}
