//! `{ keyring = "entry" }` secret sources: a `user` key in the Linux kernel keyring.
//!
//! The session keyring is searched first (it usually links the user keyring), then the user
//! keyring. Containers often forbid the keyutils system calls; that is reported as such, so the
//! operator knows to pick another source rather than hunt for a missing key.

use linux_keyutils::{KeyError, KeyRing, KeyRingIdentifier};
use secrecy::SecretString;

use crate::error::{Error, ErrorKind, Result};

/// Reads the payload of the `user` key described `entry`.
pub(crate) fn read(entry: &str) -> Result<SecretString> {
    let mut last_refusal = None;
    for ring_id in [KeyRingIdentifier::Session, KeyRingIdentifier::User] {
        let ring = match KeyRing::from_special_id(ring_id, false) {
            Ok(ring) => ring,
            Err(e) if is_refusal(&e) => {
                last_refusal = Some(e);
                continue;
            }
            // This keyring does not exist for this process; try the next one.
            Err(_) => continue,
        };
        match ring.search(entry) {
            Ok(key) => {
                let payload = key.read_to_vec().map_err(|e| unavailable(entry, &e))?;
                let text = String::from_utf8(payload).map_err(|_| {
                    Error::new(
                        ErrorKind::Config,
                        format!("secret source keyring:{entry}: the key's payload is not UTF-8"),
                    )
                })?;
                return Ok(SecretString::from(text));
            }
            Err(e) if is_refusal(&e) => last_refusal = Some(e),
            Err(_) => {}
        }
    }
    match last_refusal {
        Some(e) => Err(unavailable(entry, &e)),
        None => Err(Error::new(
            ErrorKind::Config,
            format!(
                "secret source keyring:{entry}: no user key with that description in the \
                 session or user keyring"
            ),
        )),
    }
}

/// True when the kernel (or a sandbox such as a container's seccomp profile) refuses keyutils.
pub(crate) fn is_refusal(e: &KeyError) -> bool {
    matches!(
        e,
        KeyError::PermissionDenied | KeyError::OperationNotSupported | KeyError::Unknown(_)
    )
}

fn unavailable(entry: &str, e: &KeyError) -> Error {
    Error::new(
        ErrorKind::Config,
        format!(
            "secret source keyring:{entry}: the kernel keyring is not available here ({e:?}); \
             use an env, file or command source instead"
        ),
    )
}

#[cfg(test)]
mod tests {
    use secrecy::ExposeSecret;

    use super::*;

    #[test]
    fn a_missing_entry_is_named() {
        let entry = format!("nbi-test-missing-{}", std::process::id());
        let err = read(&entry).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config);
        assert!(err.to_string().contains(&entry), "{err}");
    }

    #[test]
    fn reads_a_user_key_back_or_reports_keyutils_unavailable() {
        let entry = format!("nbi-test-{}-{}", std::process::id(), fastrand::u64(..));
        let added = KeyRing::from_special_id(KeyRingIdentifier::User, true)
            .and_then(|ring| ring.add_key(&entry, "k3yring-secret"));
        match added {
            Ok(key) => {
                let value = read(&entry).unwrap();
                assert_eq!(value.expose_secret(), "k3yring-secret");
                let _ = key.invalidate();
            }
            Err(e) if is_refusal(&e) => {
                let err = read(&entry).unwrap_err();
                assert!(
                    err.to_string().contains("kernel keyring is not available"),
                    "{err}"
                );
            }
            Err(e) => panic!("unexpected keyutils error: {e:?}"),
        }
    }
}
