//! Loading: layering, provenance, the secret rules and errors.

use std::path::Path;

use super::*;
use crate::error::ErrorKind;

const FILE: &str = r#"
[settings]
log_format = "json"

[tenants.acme.netbox]
url = "https://netbox.acme.example"
auth = { scheme = "token", token = { env = "ACME_NETBOX_TOKEN" } }
timeouts = { list = 20.0 }
retry = { max_attempts = 3 }

[tenants.acme.core-nms]
kind = "http-json"
url = "https://nms.acme.example"
config_path = "/api/v1/devices/{id}/config"
auth = { scheme = "oauth2", token_url = "https://nms.acme.example/oauth/token", client_id = "nbi", client_secret = { file = "secrets/nms" } }

[fleet]
concurrency = 50
"#;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn options(file: &Path) -> LoadOptions {
    LoadOptions::new()
        .search_cwd(false)
        .file(file)
        .env_vars(Vec::<(String, String)>::new())
}

fn shown<'a>(rows: &'a [ShownValue], path: &str) -> &'a ShownValue {
    rows.iter()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no row {path}"))
}

#[test]
fn layers_merge_in_order_and_name_their_source() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "nbi.toml", FILE);
    let dotenv = write(
        dir.path(),
        ".env",
        "NBI__TENANTS__ACME__NETBOX__MAX_CONCURRENCY=7\nNBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY=8\nOTHER=1\n",
    );
    let loaded = Settings::load(
        &options(&file)
            .dotenv(&dotenv)
            .env_vars([("NBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY", "9")])
            .set("tenants.acme.netbox.retry.max_attempts", "2"),
    )
    .unwrap();
    let s = &loaded.settings;
    assert_eq!(s.settings.log_format, LogFormat::Json);
    let netbox = s.service("acme", "netbox").unwrap();
    assert_eq!(netbox.max_concurrency, 7);
    assert_eq!(netbox.retry.max_attempts, 2);
    assert_eq!(netbox.timeouts["list"], 20.0);
    let nms = s.service("acme", "core-nms").unwrap();
    assert_eq!(nms.max_concurrency, 9);
    assert_eq!(nms.kind_or("core-nms"), "http-json");
    match &nms.auth {
        AuthSettings::Oauth2 {
            client_secret: SecretField::File(p),
            ..
        } => {
            assert_eq!(p, &dir.path().join("secrets/nms"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.extra["fleet"]["concurrency"], 50);
    assert_eq!(s.base_dir, dir.path());

    let rows = loaded.effective();
    let file_source = format!("nbi.toml ({})", file.display());
    assert_eq!(shown(&rows, "tenants.acme.netbox.url").source, file_source);
    let dotenv_source = format!(".env ({})", dotenv.display());
    assert_eq!(
        shown(&rows, "tenants.acme.netbox.max_concurrency").source,
        dotenv_source
    );
    assert_eq!(
        shown(&rows, "tenants.acme.core-nms.max_concurrency").source,
        "environment NBI__TENANTS__ACME__CORE_NMS__MAX_CONCURRENCY"
    );
    assert_eq!(
        shown(&rows, "tenants.acme.netbox.retry.max_attempts").source,
        "--set"
    );
    let token = shown(&rows, "tenants.acme.netbox.auth.token");
    assert_eq!(
        (token.value.as_str(), token.source.as_str()),
        ("env:ACME_NETBOX_TOKEN", file_source.as_str())
    );
    let base = shown(&rows, "tenants.acme.netbox.retry.base_ms");
    assert_eq!(
        (base.value.as_str(), base.source.as_str()),
        ("200", "default")
    );
    assert_eq!(
        shown(&rows, "tenants.acme.netbox.timeouts.list").value,
        "20.0"
    );
    assert_eq!(
        shown(&rows, "tenants.acme.netbox.timeouts.get").source,
        "default"
    );
    assert_eq!(shown(&rows, "settings.allow_insecure_http").value, "false");
}

#[test]
fn a_plain_secret_is_refused_in_the_file_but_taken_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[tenants.acme.netbox]\nurl = \"https://n.example\"\nauth = { scheme = \"token\", token = \"abc\" }\n";
    let err = Settings::load(&options(&write(dir.path(), "nbi.toml", text))).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(
        err.to_string()
            .starts_with("tenants.acme.netbox.auth.token: a secret in nbi.toml must be"),
        "{err}"
    );

    let text = "[tenants.acme.netbox]\nurl = \"https://n.example\"\nauth = { scheme = \"token\", token = { env = \"T\" } }\n";
    let file = write(dir.path(), "ok.toml", text);
    let loaded = Settings::load(
        &options(&file).env_vars([("NBI__TENANTS__ACME__NETBOX__AUTH__TOKEN", "s3cr3t-from-env")]),
    )
    .unwrap();
    let token = match &loaded.settings.tenants["acme"]["netbox"].auth {
        AuthSettings::Token { token } => crate::SecretResolver::resolve(token).unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        crate::ExposeSecret::expose_secret(&token),
        "s3cr3t-from-env"
    );
    let rows = loaded.effective();
    assert_eq!(
        shown(&rows, "tenants.acme.netbox.auth.token").value,
        "[REDACTED]"
    );
    assert!(!format!("{rows:?}{:?}", loaded.settings).contains("s3cr3t-from-env"));

    let err =
        Settings::load(&options(&file).set("tenants.acme.netbox.auth.token", "abc")).unwrap_err();
    assert!(
        err.to_string().contains("a secret on the command line"),
        "{err}"
    );
}

#[test]
fn command_sources_come_only_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[tenants.acme.netbox]\nurl = \"https://n.example\"\nauth = { scheme = \"token\", token = { command = \"pass x\" } }\n";
    let file = write(dir.path(), "nbi.toml", text);
    assert!(Settings::load(&options(&file)).is_ok());
    let err = Settings::load(&options(&file).env_vars([(
        "NBI__TENANTS__ACME__NETBOX__AUTH__TOKEN",
        "{command=\"cat /etc/shadow\"}",
    )]))
    .unwrap_err();
    assert!(
        err.to_string().contains("accepted only from nbi.toml"),
        "{err}"
    );
}

#[test]
fn ofsc_takes_its_conventional_secret() {
    let dir = tempfile::tempdir().unwrap();
    let text = "[tenants.acme.ofsc]\ninstance = \"acme-test\"\nauth = { scheme = \"oauth2\", client_id = \"nbi\" }\n";
    let file = write(dir.path(), "nbi.toml", text);
    let loaded =
        Settings::load(&options(&file).env_vars([("OFSC_CLIENT_SECRET", "conv")])).unwrap();
    let AuthSettings::Oauth2 { client_secret, .. } = &loaded.settings.tenants["acme"]["ofsc"].auth
    else {
        panic!("not oauth2");
    };
    assert!(matches!(client_secret, SecretField::Value(_)));
    let rows = loaded.effective();
    let row = shown(&rows, "tenants.acme.ofsc.auth.client_secret");
    assert_eq!(
        (row.value.as_str(), row.source.as_str()),
        ("[REDACTED]", "environment OFSC_CLIENT_SECRET")
    );
    let err = Settings::load(&options(&file)).unwrap_err();
    assert!(err.to_string().contains("client_secret"), "{err}");
}

#[test]
fn errors_name_the_field_path() {
    let base = Path::new("/tmp");
    let err = |text: &str| Settings::from_toml_str(text, base).unwrap_err().to_string();
    assert_eq!(
        err("[tenants.acme.netbox]\nurl = \"http://n.example\"\n"),
        "tenants.acme.netbox.url: http:// is refused unless settings.allow_insecure_http = true"
    );
    assert!(Settings::from_toml_str("[settings]\nallow_insecure_http = true\n[tenants.acme.netbox]\nurl = \"http://n.example\"\n", base).is_ok());
    let e = err(
        "[tenants.acme.netbox]\nurl = \"https://n.example\"\nretry = { max_attempts = \"four\" }\n",
    );
    assert!(
        e.starts_with("tenants.acme.netbox.retry.max_attempts: invalid type"),
        "{e}"
    );
    let e = err(
        "[tenants.acme.netbox]\nurl = \"https://n.example\"\nretry = { max_attempts = 0 }\nmax_concurrency = 0\n",
    );
    assert!(
        e.contains("tenants.acme.netbox.retry.max_attempts: must be at least 1"),
        "{e}"
    );
    assert!(
        e.contains("tenants.acme.netbox.max_concurrency: must be at least 1"),
        "{e}"
    );
    let e = err("[tenants.Acme.netbox]\nurl = \"https://n.example\"\n");
    assert!(e.starts_with("tenants.Acme: a tenant name is"), "{e}");
    let e = err("[tenants.acme.netbox]\nurl = \"nope\"\n");
    assert!(
        e.starts_with("tenants.acme.netbox.url: not a valid URL"),
        "{e}"
    );
    let e = err("[tenants.acme.netbox]\nurl = \"https://n.example\"\ntimeouts = { list = -1.0 }\n");
    assert!(
        e.starts_with("tenants.acme.netbox.timeouts.list: must be a positive"),
        "{e}"
    );
    let e = err("[settings]\nca_bundle = \"missing.pem\"\n");
    assert!(
        e.starts_with("settings.ca_bundle: /tmp/missing.pem is not"),
        "{e}"
    );
    let e = err("[settings]\nlog_fromat = \"json\"\n");
    assert!(e.starts_with("settings.log_fromat: unknown field"), "{e}");
    let e = err(
        "[tenants.acme.nms]\nurl = \"https://n.example\"\nauth = { scheme = \"oauth2\", client_id = \"c\", client_secret = { env = \"S\" } }\n",
    );
    assert!(
        e.starts_with("tenants.acme.nms.auth.token_url: missing"),
        "{e}"
    );
    let e = err("[tenants.acme.netbox]\n");
    assert!(e.starts_with("tenants.acme.netbox.url: missing"), "{e}");
}

#[test]
fn sections_extract_with_paths() {
    #[derive(Debug, serde::Deserialize)]
    struct Fleet {
        concurrency: u32,
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "nbi.toml", "[fleet]\nconcurrency = \"many\"\n");
    let loaded = Settings::load(&options(&file)).unwrap();
    let err = loaded.section::<Fleet>("fleet").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("fleet.concurrency: invalid type"),
        "{err}"
    );
    assert!(loaded.section::<Fleet>("webhooks").unwrap().is_none());
    let file = write(dir.path(), "good.toml", "[fleet]\nconcurrency = 5\n");
    let loaded = Settings::load(&options(&file)).unwrap();
    let fleet = loaded.section::<Fleet>("fleet").unwrap().unwrap();
    assert_eq!(fleet.concurrency, 5);
}

#[test]
fn a_numeric_secret_and_a_url_with_credentials_are_refused() {
    let e = Settings::from_toml_str(
        r#"
        [tenants.acme.cms]
        url = "https://cms.acme.example"
        auth = { scheme = "session", username = "nbi", password = 123456 }
        "#,
        Path::new("."),
    )
    .unwrap_err();
    let shown = format!("{e} {e:?}");
    assert!(
        shown.contains("tenants.acme.cms.auth.password") && shown.contains("not a plain value"),
        "{shown}"
    );
    assert!(!shown.contains("123456"), "{shown}");

    let e = Settings::from_toml_str(
        r#"
        [tenants.acme.nms]
        url = "https://user:hunter2@nms.acme.example/?token=x"
        "#,
        Path::new("."),
    )
    .unwrap_err();
    let shown = e.to_string();
    assert!(
        shown.contains("must not carry a user or password"),
        "{shown}"
    );
    assert!(shown.contains("query string"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn a_settings_file_that_is_not_utf8_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nbi.toml");
    std::fs::write(&file, b"[settings]\nlog_format = \"\xff\"\n").unwrap();
    let e = Settings::load(&options(&file)).unwrap_err();
    assert!(e.to_string().contains("line 2 is not UTF-8"), "{e}");
    assert!(e.to_string().contains("nbi.toml"), "{e}");
}
