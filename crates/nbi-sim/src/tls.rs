//! HTTPS mode: a generated CA and a 127.0.0.1/localhost certificate signed by it.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::aws_lc_rs;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

use crate::SimError;

/// The acceptor and the CA certificate (PEM) clients must trust.
pub(crate) fn self_signed() -> Result<(TlsAcceptor, String), SimError> {
    let tls_err = |e: &dyn std::fmt::Display| SimError::Tls(e.to_string());
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
    let config = ServerConfig::builder_with_provider(Arc::new(aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_err(&e))?
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .map_err(|e| tls_err(&e))?;
    Ok((TlsAcceptor::from(Arc::new(config)), ca.pem()))
}
