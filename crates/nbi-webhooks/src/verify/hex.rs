//! Lower- or upper-case hex decoding of a fixed-size digest.

/// The 32 bytes of a 64-digit hex SHA-256 digest, or `None`.
pub(super) fn decode_digest(text: &str) -> Option<[u8; 32]> {
    let bytes = text.as_bytes();
    if bytes.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (slot, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        *slot = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

/// Lower-case hex of `bytes`.
pub(crate) fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bad_digits_or_lengths() {
        let bytes: Vec<u8> = (0u8..32).map(|i| i * 7).collect();
        let text = encode(&bytes);
        assert_eq!(decode_digest(&text).unwrap().to_vec(), bytes);
        assert_eq!(decode_digest(&text.to_uppercase()).unwrap().to_vec(), bytes);
        assert!(decode_digest(&text[..62]).is_none());
        assert!(decode_digest(&format!("{}zz", &text[..62])).is_none());
        assert!(decode_digest("é").is_none());
    }
}
