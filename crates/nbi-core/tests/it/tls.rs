//! TLS: certificates are always verified, an extra CA bundle is trusted, and a client
//! certificate is presented for mutual TLS.

use std::sync::Arc;

use nbi_core::{ErrorKind, RequestSpec, RetryConfig, TlsOptions, Transport};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};

use crate::support::GET_THING;

struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
    client_identity_pem: String,
}

fn pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();

    let server_key = KeyPair::generate().unwrap();
    let server_cert = CertificateParams::new(vec!["localhost".to_string()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();

    let client_key = KeyPair::generate().unwrap();
    let mut client_params = CertificateParams::new(vec!["nbi-client".to_string()]).unwrap();
    client_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    let client_cert = client_params.signed_by(&client_key, &ca).unwrap();

    Pki {
        ca_pem: ca.pem(),
        ca_der: ca.der().clone(),
        server_chain: vec![server_cert.der().clone()],
        server_key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        client_identity_pem: format!("{}{}", client_cert.pem(), client_key.serialize_pem()),
    }
}

/// Serves `200 ok` over TLS to every connection that completes a handshake.
async fn serve(pki: &Pki, require_client_cert: bool) -> String {
    let builder = ServerConfig::builder();
    let builder = if require_client_cert {
        let mut roots = RootCertStore::empty();
        roots.add(pki.ca_der.clone()).unwrap();
        builder.with_client_cert_verifier(
            WebPkiClientVerifier::builder(Arc::new(roots))
                .build()
                .unwrap(),
        )
    } else {
        builder.with_no_client_auth()
    };
    let config = builder
        .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = vec![0u8; 8192];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = tls
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok",
                    )
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    format!("https://localhost:{port}")
}

fn transport(url: &str, tls: TlsOptions) -> Transport {
    Transport::builder("nms", "acme")
        .base_url(url)
        .tls(tls)
        .retry(RetryConfig {
            max_attempts: 1,
            ..RetryConfig::default()
        })
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_unknown_certificate_authority_is_refused() {
    let pki = pki();
    let url = serve(&pki, false).await;
    let e = transport(&url, TlsOptions::default())
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Connect, "{e:?}");
}

#[tokio::test]
async fn an_extra_ca_bundle_is_trusted() {
    let pki = pki();
    let url = serve(&pki, false).await;
    let tls = TlsOptions {
        ca_bundle_pem: Some(pki.ca_pem.clone().into_bytes()),
        ..TlsOptions::default()
    };
    let r = transport(&url, tls)
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    assert_eq!(r.text().unwrap(), "ok");
}

#[tokio::test]
async fn mutual_tls_presents_the_client_certificate() {
    let pki = pki();
    let url = serve(&pki, true).await;
    let without = TlsOptions {
        ca_bundle_pem: Some(pki.ca_pem.clone().into_bytes()),
        ..TlsOptions::default()
    };
    let e = transport(&url, without.clone())
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::Connect | ErrorKind::Io),
        "{e:?}"
    );
    let with = TlsOptions {
        client_identity_pem: Some(pki.client_identity_pem.clone().into_bytes()),
        ..without
    };
    let r = transport(&url, with)
        .send(RequestSpec::get(GET_THING, "/t"))
        .await
        .unwrap();
    assert_eq!(r.text().unwrap(), "ok");
}

#[test]
fn a_bad_bundle_is_a_config_error() {
    let tls = TlsOptions {
        ca_bundle_pem: Some(b"not a pem".to_vec()),
        ..TlsOptions::default()
    };
    let e = Transport::builder("nms", "acme")
        .base_url("https://localhost:1")
        .tls(tls)
        .build()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("ca_bundle"), "{e}");
}
