//! Every sample settings file under `examples/settings/` loads, so the samples cannot rot.
//!
//! Each file is copied into a fresh folder together with the files it names (secret files,
//! certificates, inventories: dummy contents, since loading only checks that they exist), and
//! loaded with the variables it names set. Its `[fleet]` table and normalizers are read too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nbi_core::config::{LoadOptions, Settings};

/// Keys whose string value is a path the settings check or read relative to the file.
const PATH_KEYS: &[&str] = &[
    "file",
    "client_cert",
    "client_key",
    "ca_bundle",
    "inventory",
];

/// Conventional variables a sample may lean on instead of naming a source.
const CONVENTIONAL: &[&str] = &[
    "NETBOX_TOKEN",
    "OFSC_CLIENT_SECRET",
    "CMS_USERNAME",
    "CMS_PASSWORD",
];

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/settings");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Every `key = "value"` of `text` for one of `keys`, in order (enough for the samples' inline
/// tables; comments are skipped).
fn string_values(text: &str, keys: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        for key in keys {
            let needle = format!("{key} = \"");
            let mut rest = code;
            while let Some(at) = rest.find(&needle) {
                let before = rest[..at].chars().next_back();
                let after = &rest[at + needle.len()..];
                let Some(end) = after.find('"') else { break };
                // `file = ` but not `config_file = `.
                if before.is_none_or(|c| !(c.is_alphanumeric() || c == '_')) {
                    found.push(after[..end].to_owned());
                }
                rest = &after[end..];
            }
        }
    }
    found
}

/// Loads one sample in a folder of its own, with everything it names provided.
fn load(sample: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(sample).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nbi.toml");
    std::fs::write(&file, &text).unwrap();
    for path in string_values(&text, PATH_KEYS) {
        // Absolute paths (`/run/secrets/…`) are only read when a secret is needed.
        if Path::new(&path).is_absolute() {
            continue;
        }
        let target = dir.path().join(&path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let contents = if path.ends_with(".csv") {
            "tenant,source,id\n"
        } else {
            "sample\n"
        };
        std::fs::write(target, contents).unwrap();
    }
    let mut vars: BTreeMap<String, String> = string_values(&text, &["env"])
        .into_iter()
        .map(|var| (var, "sample".to_owned()))
        .collect();
    vars.extend(
        CONVENTIONAL
            .iter()
            .map(|v| (v.to_string(), "sample".to_owned())),
    );

    let options = LoadOptions::new()
        .file(&file)
        .search_cwd(false)
        .env_vars(vars);
    let loaded = Settings::load(&options).map_err(|e| e.to_string())?;
    let settings = &loaded.settings;
    if settings.tenants.is_empty() {
        return Err("no [tenants.…] table".into());
    }
    for (tenant, services) in &settings.tenants {
        for source in services.keys() {
            nbi_fleet::source::normalizer_for(settings, tenant, source)
                .map_err(|e| e.to_string())?;
        }
    }
    if let Some(fleet) = settings.extra.get("fleet") {
        nbi_fleet::FleetSettings::from_fleet_table(fleet).map_err(|e| e.to_string())?;
        nbi_fleet::Inventory::from_fleet_table(fleet, &settings.base_dir)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[test]
fn every_sample_settings_file_loads() {
    let samples = samples();
    let names: Vec<String> = samples
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    // One per auth scheme and per secret source, and the two worked setups.
    for expected in [
        "auth-none",
        "auth-basic",
        "auth-bearer",
        "auth-token",
        "auth-oauth2",
        "auth-jwt-login",
        "auth-session",
        "secret-env",
        "secret-file",
        "secret-command",
        "secret-keyring",
        "multi-tenant",
        "mtls",
    ] {
        assert!(names.iter().any(|n| n == expected), "no {expected}.toml");
    }
    let failures: Vec<String> = samples
        .iter()
        .filter_map(|p| load(p).err().map(|e| format!("{}: {e}", p.display())))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_samples_cover_every_scheme_and_source() {
    let all: String = samples()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    for scheme in [
        "none",
        "basic",
        "bearer",
        "token",
        "oauth2",
        "jwt-login",
        "session",
    ] {
        assert!(
            all.contains(&format!("scheme = \"{scheme}\"")),
            "no sample uses scheme {scheme}"
        );
    }
    for source in ["env", "file", "command", "keyring"] {
        assert!(
            all.contains(&format!("{{ {source} = \"")),
            "no sample reads a secret from {source}"
        );
    }
}

#[test]
fn a_broken_sample_would_be_caught() {
    let dir = tempfile::tempdir().unwrap();
    let sample = dir.path().join("broken.toml");
    std::fs::write(
        &sample,
        "[tenants.acme.netbox]\nurl = \"https://netbox.acme.example\"\n\
         auth = { scheme = \"token\", token = \"plain\" }\n",
    )
    .unwrap();
    let err = load(&sample).unwrap_err();
    assert!(err.contains("tenants.acme.netbox.auth.token"), "{err}");
}
