//! HTTPS mode: a generated CA and a 127.0.0.1/localhost certificate signed by it, or a
//! certificate the caller gives ([`TlsIdentity`]), optionally requiring client certificates.

use std::fmt;
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::crypto::{CryptoProvider, aws_lc_rs};
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::server::WebPkiClientVerifier;
use tokio_rustls::rustls::{RootCertStore, ServerConfig};

use crate::SimError;

/// The certificate the servers present, for tests of certificate checks (expired, wrong
/// host name, unknown issuer), and whether clients must present one too (mutual TLS).
#[derive(Clone)]
pub struct TlsIdentity {
    /// The server's certificate chain, PEM, leaf first.
    pub cert_chain_pem: String,
    /// The server's private key, PEM (PKCS#8, PKCS#1 or SEC1).
    pub key_pem: String,
    /// When set, a client must present a certificate issued by one of these CAs (PEM).
    pub client_ca_pem: Option<String>,
}

impl fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The private key stays out of Debug output.
        f.debug_struct("TlsIdentity")
            .field("requires_client_cert", &self.client_ca_pem.is_some())
            .finish_non_exhaustive()
    }
}

fn tls_err(e: &dyn fmt::Display) -> SimError {
    SimError::Tls(e.to_string())
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(aws_lc_rs::default_provider())
}

/// The acceptor and the CA certificate (PEM) clients must trust.
pub(crate) fn self_signed() -> Result<(TlsAcceptor, String), SimError> {
    let ca_key = KeyPair::generate().map_err(|e| tls_err(&e))?;
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(|e| tls_err(&e))?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, ca_key).map_err(|e| tls_err(&e))?;

    let leaf_key = KeyPair::generate().map_err(|e| tls_err(&e))?;
    let leaf_params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .map_err(|e| tls_err(&e))?;
    let leaf = leaf_params
        .signed_by(&leaf_key, &ca)
        .map_err(|e| tls_err(&e))?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let config = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_err(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .map_err(|e| tls_err(&e))?;
    Ok((TlsAcceptor::from(Arc::new(config)), ca.pem()))
}

fn certificates(pem: &str, what: &str) -> Result<Vec<CertificateDer<'static>>, SimError> {
    let certs = CertificateDer::pem_slice_iter(pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| SimError::Tls(format!("{what}: {e}")))?;
    if certs.is_empty() {
        return Err(SimError::Tls(format!("{what}: no certificate in the PEM")));
    }
    Ok(certs)
}

/// An acceptor presenting `identity`'s certificate, requiring client certificates if asked.
pub(crate) fn from_identity(identity: &TlsIdentity) -> Result<TlsAcceptor, SimError> {
    let chain = certificates(&identity.cert_chain_pem, "cert_chain_pem")?;
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| SimError::Tls(format!("key_pem: {e}")))?;
    let builder = ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_err(&e))?;
    let builder = match &identity.client_ca_pem {
        None => builder.with_no_client_auth(),
        Some(pem) => {
            let mut roots = RootCertStore::empty();
            for ca in certificates(pem, "client_ca_pem")? {
                roots.add(ca).map_err(|e| tls_err(&e))?;
            }
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider())
                .build()
                .map_err(|e| tls_err(&e))?;
            builder.with_client_cert_verifier(verifier)
        }
    };
    let config = builder
        .with_single_cert(chain, key)
        .map_err(|e| tls_err(&e))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_pem_is_an_error_naming_the_field() {
        let identity = TlsIdentity {
            cert_chain_pem: "not a pem".into(),
            key_pem: String::new(),
            client_ca_pem: None,
        };
        let Err(e) = from_identity(&identity) else {
            panic!("a bad PEM was accepted");
        };
        let e = e.to_string();
        assert!(e.contains("cert_chain_pem"), "{e}");
        assert!(!format!("{identity:?}").contains("not a pem"));
    }
}
