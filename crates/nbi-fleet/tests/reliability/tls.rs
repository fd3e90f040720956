//! TLS through the settings a user writes, against nbi-sim's HTTPS mode: certificates are
//! always verified (unknown issuer, expired, wrong host name all refused), `ca_bundle` adds a
//! trusted root, `http://` needs `allow_insecure_http`, and client certificates work.

use std::path::Path;

use nbi_core::{ErrorKind, Settings, Transports};
use nbi_fleet::{DeviceRef, Sources};
use nbi_sim::{AuthMode, Service, SimConfig, SimHandle, TlsIdentity};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
};

/// A CA, and certificates it signs.
struct Pki {
    ca: CertifiedIssuer<'static, KeyPair>,
}

impl Pki {
    fn new() -> Pki {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        Pki {
            ca: CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap(),
        }
    }

    /// A server identity for `names`, valid now unless `expired`.
    fn server(&self, names: &[&str], expired: bool) -> TlsIdentity {
        let key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
                .unwrap();
        if expired {
            params.not_before = rcgen::date_time_ymd(2020, 1, 1);
            params.not_after = rcgen::date_time_ymd(2021, 1, 1);
        }
        let cert = params.signed_by(&key, &self.ca).unwrap();
        TlsIdentity {
            cert_chain_pem: cert.pem(),
            key_pem: key.serialize_pem(),
            client_ca_pem: None,
        }
    }

    /// A client certificate and key (PEM each).
    fn client(&self) -> (String, String) {
        let key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(vec!["nbi-client".to_owned()]).unwrap();
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let cert = params.signed_by(&key, &self.ca).unwrap();
        (cert.pem(), key.serialize_pem())
    }
}

fn sim_config() -> SimConfig {
    SimConfig {
        services: vec![Service::Nms],
        devices: 2,
        auth: AuthMode::None,
        ..SimConfig::default()
    }
}

/// Settings for the sim's NMS at `url`: `settings` lines first, `table` lines in the table.
fn settings(dir: &Path, url: &str, settings: &str, table: &str) -> nbi_core::Result<Settings> {
    let toml = format!(
        "[settings]\n{settings}\n[tenants.tenant-1.nms]\nkind = \"http-json\"\nurl = {url:?}\nconfig_path = \"/api/v1/devices/{{id}}/config\"\nauth = {{ scheme = \"none\" }}\nretry = {{ max_attempts = 1 }}\n{table}"
    );
    Settings::from_toml_str(&toml, dir)
}

/// Fetches device r0001 with `settings`; the error kind if it fails.
async fn fetch(settings: Settings) -> Result<(), ErrorKind> {
    let transports = Transports::new(settings);
    let device = DeviceRef::new("tenant-1", "nms", "r0001").unwrap();
    let sources = Sources::from_settings(&transports, std::slice::from_ref(&device)).unwrap();
    let source = &sources.get("tenant-1", "nms").unwrap().source;
    match source.fetch("r0001").await {
        Ok(_) => Ok(()),
        Err(e) => Err(e.core().map(|c| c.kind()).unwrap_or(ErrorKind::Config)),
    }
}

#[tokio::test]
async fn the_sims_own_certificate_needs_its_ca_in_ca_bundle() {
    let sim = nbi_sim::spawn(SimConfig {
        https: true,
        ..sim_config()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = sim.url(Service::Nms);
    assert!(url.starts_with("https://"));
    let refused = fetch(settings(dir.path(), url, "", "").unwrap()).await;
    assert_eq!(refused, Err(ErrorKind::Connect));
    std::fs::write(dir.path().join("ca.pem"), sim.ca_pem().unwrap()).unwrap();
    let trusted = settings(dir.path(), url, "ca_bundle = \"ca.pem\"", "").unwrap();
    assert_eq!(fetch(trusted).await, Ok(()));
}

async fn serve(identity: TlsIdentity) -> SimHandle {
    nbi_sim::spawn_with_tls(sim_config(), identity)
        .await
        .unwrap()
}

#[tokio::test]
async fn expired_and_misnamed_certificates_are_refused_even_from_a_trusted_ca() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ca.pem"), pki.ca.pem()).unwrap();
    let trusting = |url: &str| settings(dir.path(), url, "ca_bundle = \"ca.pem\"", "").unwrap();

    let good = serve(pki.server(&["127.0.0.1", "localhost"], false)).await;
    assert_eq!(fetch(trusting(good.url(Service::Nms))).await, Ok(()));

    let expired = serve(pki.server(&["127.0.0.1", "localhost"], true)).await;
    assert_eq!(
        fetch(trusting(expired.url(Service::Nms))).await,
        Err(ErrorKind::Connect)
    );

    let misnamed = serve(pki.server(&["nms.acme.example"], false)).await;
    assert_eq!(
        fetch(trusting(misnamed.url(Service::Nms))).await,
        Err(ErrorKind::Connect)
    );
}

#[tokio::test]
async fn plain_http_needs_allow_insecure_http() {
    let sim = nbi_sim::spawn(sim_config()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let url = sim.url(Service::Nms);
    assert!(url.starts_with("http://"));
    let refused = settings(dir.path(), url, "", "").unwrap_err();
    assert_eq!(refused.kind(), ErrorKind::Config);
    assert!(
        refused.to_string().contains("allow_insecure_http"),
        "{refused}"
    );
    let allowed = settings(dir.path(), url, "allow_insecure_http = true", "").unwrap();
    assert_eq!(fetch(allowed).await, Ok(()));
}

#[tokio::test]
async fn a_server_requiring_client_certificates_accepts_the_configured_one() {
    let pki = Pki::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ca.pem"), pki.ca.pem()).unwrap();
    let (cert, key) = pki.client();
    std::fs::write(dir.path().join("client.pem"), cert).unwrap();
    std::fs::write(dir.path().join("client.key"), key).unwrap();
    let sim = serve(TlsIdentity {
        client_ca_pem: Some(pki.ca.pem()),
        ..pki.server(&["127.0.0.1", "localhost"], false)
    })
    .await;
    let url = sim.url(Service::Nms);
    let without = settings(dir.path(), url, "ca_bundle = \"ca.pem\"", "").unwrap();
    assert!(matches!(
        fetch(without).await,
        Err(ErrorKind::Connect | ErrorKind::Io)
    ));
    let with = settings(
        dir.path(),
        url,
        "ca_bundle = \"ca.pem\"",
        "tls = { client_cert = \"client.pem\", client_key = \"client.key\" }\n",
    )
    .unwrap();
    assert_eq!(fetch(with).await, Ok(()));
}
