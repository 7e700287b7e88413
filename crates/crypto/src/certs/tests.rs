//! Certificates as an issuer and a verifier see them: round trips, tampering, key rotation,
//! a fixed test vector, and a stream of garbage that must never verify or panic.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use super::token::{CERTIFICATE, message};
use super::*;

/// The seed of the test vector: bytes 0, 1, …, 31.
fn vector_key() -> SigningKey {
    SigningKey::from_seed(&std::array::from_fn(|i| i as u8))
}

fn payload(key: &SigningKey) -> Value {
    json!({
        "v": 1,
        "kid": key.kid(),
        "iss": "510107-GA",
        "iss_name": "成都市公安局武侯区分局",
        "id": "C-2025-000042",
        "type": "hukou",
        "type_name": "户籍证明",
        "holder": "张三",
        "holder_id": "5116**********1234",
        "data": {"address": "四川省成都市武侯区人民南路四段1号", "members": 3},
        "issued": "2025-03-01",
        "expires": "2026-03-01",
    })
}

/// Computed independently with Python's `cryptography` (see docs/CERTIFICATES.md).
const VECTOR_KID: &str = "Vkdap1RjR0wChd9d";
const VECTOR_TOKEN: &str = concat!(
    "YWC1.",
    "eyJkYXRhIjp7ImFkZHJlc3MiOiLlm5vlt53nnIHmiJDpg73luILmrabkvq_ljLrkurrmsJHljZfot6_l",
    "m5vmrrUx5Y-3IiwibWVtYmVycyI6M30sImV4cGlyZXMiOiIyMDI2LTAzLTAxIiwiaG9sZGVyIjoi5byg",
    "5LiJIiwiaG9sZGVyX2lkIjoiNTExNioqKioqKioqKioxMjM0IiwiaWQiOiJDLTIwMjUtMDAwMDQyIiwi",
    "aXNzIjoiNTEwMTA3LUdBIiwiaXNzX25hbWUiOiLmiJDpg73luILlhazlronlsYDmrabkvq_ljLrliIbl",
    "sYAiLCJpc3N1ZWQiOiIyMDI1LTAzLTAxIiwia2lkIjoiVmtkYXAxUmpSMHdDaGQ5ZCIsInR5cGUiOiJo",
    "dWtvdSIsInR5cGVfbmFtZSI6IuaIt-exjeivgeaYjiIsInYiOjF9",
    ".",
    "8olh0xPyzOKK7YBWZM4eoR5ivO3N_m2fZGPbM9iVdas",
    "xFfWuWnRX09CgD0_GjHHESE2RnvObKIctndFtcxuTCA",
);

fn only(key: &SigningKey) -> impl Fn(&str) -> Option<PublicKey> + use<> {
    let public = key.public();
    move |kid| (kid == public.kid()).then(|| public.clone())
}

/// A token whose payload bytes are given as is and correctly signed, canonical or not.
fn signed_raw(key: &SigningKey, payload: &[u8]) -> String {
    let signature = key.sign_raw(&message(&CERTIFICATE, payload));
    format!(
        "YWC1.{}.{}",
        URL_SAFE_NO_PAD.encode(payload),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

#[test]
fn a_signed_certificate_verifies_and_returns_its_payload() {
    let key = SigningKey::generate().unwrap();
    let token = key.sign(&payload(&key)).unwrap();
    assert!(token.starts_with("YWC1."));
    assert!(token.len() < 1500, "{} bytes", token.len());
    assert_eq!(verify(&token, &only(&key)).unwrap(), payload(&key));
}

#[test]
fn the_test_vector_is_unchanged() {
    let key = vector_key();
    assert_eq!(key.kid(), VECTOR_KID);
    assert_eq!(key.sign(&payload(&key)).unwrap(), VECTOR_TOKEN);
    assert_eq!(verify(VECTOR_TOKEN, &only(&key)).unwrap(), payload(&key));
}

#[test]
fn any_flipped_bit_in_payload_or_signature_fails() {
    let key = vector_key();
    let (body, sig) = VECTOR_TOKEN["YWC1.".len()..].split_once('.').unwrap();
    let body = URL_SAFE_NO_PAD.decode(body).unwrap();
    let sig = URL_SAFE_NO_PAD.decode(sig).unwrap();
    for bit in 0..body.len() * 8 {
        let mut b = body.clone();
        b[bit / 8] ^= 1 << (bit % 8);
        let t = format!(
            "YWC1.{}.{}",
            URL_SAFE_NO_PAD.encode(&b),
            URL_SAFE_NO_PAD.encode(&sig)
        );
        assert!(verify(&t, &only(&key)).is_err(), "payload bit {bit}");
    }
    for bit in 0..512 {
        let mut s = sig.clone();
        s[bit / 8] ^= 1 << (bit % 8);
        let t = format!(
            "YWC1.{}.{}",
            URL_SAFE_NO_PAD.encode(&body),
            URL_SAFE_NO_PAD.encode(&s)
        );
        assert_eq!(verify(&t, &only(&key)), Err(CertError::BadSignature));
    }
    // A change that keeps the JSON canonical is caught by the signature itself.
    let mut changed = payload(&key);
    changed["holder"] = json!("李四");
    let forged = format!(
        "YWC1.{}.{}",
        URL_SAFE_NO_PAD.encode(canonical_json(&changed).unwrap()),
        URL_SAFE_NO_PAD.encode(&sig)
    );
    assert_eq!(verify(&forged, &only(&key)), Err(CertError::BadSignature));
}

#[test]
fn a_certificate_signed_by_a_retired_key_still_verifies_with_the_key_list() {
    let old = SigningKey::generate().unwrap();
    let new = SigningKey::generate().unwrap();
    let mut retired = KeySetEntry::new(&old.public(), "510107-GA", "武侯区分局", "2024-01-01");
    retired.retired = Some("2025-01-01".to_owned());
    let set = KeySet {
        keys: vec![
            retired,
            KeySetEntry::new(&new.public(), "510107-GA", "武侯区分局", "2025-01-01"),
        ],
    };
    // Through its JSON, as a third party would fetch it.
    let json = serde_json::to_string(&set).unwrap();
    let set: KeySet = serde_json::from_str(&json).unwrap();
    let lookup = |kid: &str| set.find(kid);
    for key in [&old, &new] {
        let token = key.sign(&payload(key)).unwrap();
        assert_eq!(verify(&token, &lookup).unwrap(), payload(key));
    }
    let stranger = SigningKey::generate().unwrap();
    let token = stranger.sign(&payload(&stranger)).unwrap();
    assert_eq!(verify(&token, &lookup), Err(CertError::UnknownKey));
}

#[test]
fn a_key_list_entry_has_the_published_shape() {
    let key = vector_key();
    let entry = KeySetEntry::new(&key.public(), "510107-GA", "武侯区分局", "2025-03-01");
    let value = serde_json::to_value(KeySet { keys: vec![entry] }).unwrap();
    assert_eq!(
        value,
        json!({"keys": [{
            "kid": key.kid(), "alg": "Ed25519", "public_key": key.public().to_b64(),
            "authority": "510107-GA", "authority_name": "武侯区分局", "created": "2025-03-01",
        }]})
    );
    let mut wrong = KeySet::default();
    wrong
        .keys
        .push(KeySetEntry::new(&key.public(), "a", "b", "c"));
    wrong.keys[0].alg = "RS256".to_owned();
    assert!(wrong.find(key.kid()).is_none());
}

#[test]
fn reordered_or_respaced_json_is_refused_even_when_signed() {
    let key = vector_key();
    let canonical = canonical_json(&payload(&key)).unwrap();
    assert!(verify(&signed_raw(&key, &canonical), &only(&key)).is_ok());
    let kid = key.kid();
    let variants = [
        format!(r#"{{"v":1,"kid":"{kid}"}}"#),
        format!(r#"{{"kid":"{kid}", "v":1}}"#),
        format!(r#"{{"kid":"{kid}","v":1}} "#),
        format!(r#"{{"kid":"{kid}","v":1,"v":1}}"#),
        format!(r#"{{"kid":"{kid}","n":1.0,"v":1}}"#),
        format!(r#"{{"kid":"{kid}","n":1e2,"v":1}}"#),
        format!(r#"{{"kid":"{kid}","s":"\u0041","v":1}}"#),
        format!(r#"{{"kid":"{kid}","s":"\u000A","v":1}}"#),
    ];
    for v in variants {
        let token = signed_raw(&key, v.as_bytes());
        assert_eq!(
            verify(&token, &only(&key)),
            Err(CertError::NotCanonical),
            "{v}"
        );
    }
}

#[test]
fn other_versions_missing_kids_and_non_objects_are_refused() {
    let key = vector_key();
    let kid = key.kid();
    let cases = [
        (
            format!(r#"{{"kid":"{kid}","v":2}}"#),
            CertError::Unsupported(""),
        ),
        (
            format!(r#"{{"kid":"{kid}","v":"1"}}"#),
            CertError::Unsupported(""),
        ),
        (format!(r#"{{"kid":"{kid}"}}"#), CertError::Malformed("")),
        (r#"{"kid":1,"v":1}"#.to_owned(), CertError::Malformed("")),
        (r#"{"v":1}"#.to_owned(), CertError::Malformed("")),
        (r#"[1]"#.to_owned(), CertError::Malformed("")),
        (r#""YWC1""#.to_owned(), CertError::Malformed("")),
    ];
    for (json, want) in cases {
        let got = verify(&signed_raw(&key, json.as_bytes()), &only(&key)).unwrap_err();
        assert_eq!(got.code(), want.code(), "{json}");
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(key.sign(&value).unwrap_err().code(), want.code(), "{json}");
    }
    let other = SigningKey::from_seed(&[9; 32]);
    let err = key.sign(&payload(&other)).unwrap_err();
    assert!(matches!(err, CertError::Malformed(_)));
    let mut float = payload(&key);
    float["data"]["members"] = json!(2.5);
    assert!(matches!(key.sign(&float), Err(CertError::Unsupported(_))));
}

#[test]
fn revocation_lists_round_trip_and_never_pass_as_certificates() {
    let key = vector_key();
    let list = RevocationList {
        issued: "2025-06-01T00:00:00Z".to_owned(),
        entries: vec![RevocationEntry {
            id: "C-2025-000042".to_owned(),
            revoked: "2025-05-30".to_owned(),
            reason: "户籍迁出".to_owned(),
        }],
    };
    let token = list.sign(&key).unwrap();
    assert!(token.starts_with("YWR1."));
    let back = RevocationList::from_token(&token, &only(&key)).unwrap();
    assert_eq!(back, list);
    assert_eq!(back.find("C-2025-000042").unwrap().reason, "户籍迁出");
    assert!(back.find("C-2025-000043").is_none());
    let value = verify_document(&token, &only(&key)).unwrap();
    assert_eq!(
        (&value["v"], value["kid"].as_str()),
        (&json!(1), Some(key.kid()))
    );

    // The same payload under the other prefix: the domain separation makes the signature fail.
    let as_cert = token.replacen("YWR1.", "YWC1.", 1);
    assert_eq!(verify(&as_cert, &only(&key)), Err(CertError::BadSignature));
    let cert = key.sign(&payload(&key)).unwrap();
    let as_doc = cert.replacen("YWC1.", "YWR1.", 1);
    assert_eq!(
        verify_document(&as_doc, &only(&key)),
        Err(CertError::BadSignature)
    );
    assert!(matches!(
        verify(&token, &only(&key)),
        Err(CertError::Malformed(_))
    ));
    assert!(
        sign_document(&key, &payload(&key))
            .unwrap()
            .starts_with("YWR1.")
    );
}

/// SplitMix64: a small deterministic generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn char(&mut self) -> char {
        const ALPHABET: &[char] = &[
            'A', 'Z', 'a', 'z', '0', '9', '-', '_', '.', '=', '+', '/', ' ', '\n', '\0', '{', '"',
            'é', '证', '😀', 'Y', 'W', 'C', '1', 'R',
        ];
        ALPHABET[self.below(ALPHABET.len())]
    }
}

fn mutate(rng: &mut Rng, token: &str) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    let at = rng.below(chars.len() + 1);
    match rng.below(7) {
        0 if at < chars.len() => chars[at] = rng.char(),
        1 if at < chars.len() => {
            chars.remove(at);
        }
        2 => chars.insert(at, rng.char()),
        3 => chars.truncate(at),
        4 => {
            let from = rng.below(chars.len());
            let piece: Vec<char> = chars[from..].iter().take(rng.below(20)).copied().collect();
            chars.splice(at..at, piece);
        }
        5 if at < chars.len() => chars[at] = char::from(chars[at] as u8 ^ (1 << rng.below(7))),
        _ => {
            let n = rng.below(200);
            chars = (0..n).map(|_| rng.char()).collect();
            if rng.below(2) == 0 {
                chars.splice(0..0, "YWC1.".chars());
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn garbage_and_mutated_tokens_never_verify_and_never_panic() {
    let key = vector_key();
    let keys = only(&key);
    let good = [
        VECTOR_TOKEN.to_owned(),
        key.sign(&json!({"v": 1, "kid": key.kid()})).unwrap(),
        key.sign(&json!({"v": 1, "kid": key.kid(), "a": [[], {}, "\u{0}", -1]}))
            .unwrap(),
    ];
    let mut rng = Rng(0x5eed);
    for round in 0..30_000 {
        let base = &good[round % good.len()];
        let mut t = mutate(&mut rng, base);
        for _ in 0..rng.below(3) {
            t = mutate(&mut rng, &t);
        }
        if &t != base {
            assert!(verify(&t, &keys).is_err(), "{t}");
        }
        let _ = verify_document(&t, &keys);
    }
    // Well-formed tokens around random JSON values and random signatures.
    for _ in 0..3_000 {
        let mut v = json!({"v": 1, "kid": key.kid()});
        v["x"] = match rng.below(4) {
            0 => json!(rng.next()),
            1 => json!((0..rng.below(5)).map(|_| rng.char()).collect::<String>()),
            2 => json!([rng.next() as i64, {"k": null}]),
            _ => json!({"z": {"y": [true, false]}}),
        };
        let sig: Vec<u8> = (0..64).map(|_| rng.next() as u8).collect();
        let t = format!(
            "YWC1.{}.{}",
            URL_SAFE_NO_PAD.encode(canonical_json(&v).unwrap()),
            URL_SAFE_NO_PAD.encode(&sig)
        );
        assert_eq!(verify(&t, &keys), Err(CertError::BadSignature));
    }
}
