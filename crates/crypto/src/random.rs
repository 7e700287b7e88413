//! Random values from the operating system's CSPRNG.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::CryptoError;

/// `N` random bytes.
pub fn bytes<const N: usize>() -> Result<[u8; N], CryptoError> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|_| CryptoError::Random)?;
    Ok(b)
}

/// A 256-bit random token in URL-safe base64 (43 characters): session IDs, CSRF tokens,
/// API tokens, share links.
pub fn token() -> Result<String, CryptoError> {
    Ok(URL_SAFE_NO_PAD.encode(bytes::<32>()?))
}

/// `n` random decimal digits, uniformly distributed (rejection sampling avoids modulo bias).
pub fn digits(n: usize) -> Result<String, CryptoError> {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        let [b] = bytes::<1>()?;
        if b < 250 {
            out.push(char::from(b'0' + b % 10));
        }
    }
    Ok(out)
}

/// A random number in `0.0..1.0`, for jitter.
pub fn unit() -> f64 {
    match bytes::<8>() {
        Ok(b) => (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64,
        Err(_) => 0.5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_and_distinct() {
        let a = token().unwrap();
        let b = token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
    }

    #[test]
    fn digits_are_digits_and_every_digit_occurs() {
        let s = digits(2000).unwrap();
        assert!(s.bytes().all(|b| b.is_ascii_digit()));
        for d in b'0'..=b'9' {
            assert!(s.bytes().any(|b| b == d));
        }
    }
}
