//! The one byte encoding of a JSON value that certificates sign (see the module above).

use serde_json::Value;

use super::CertError;

/// Deeper nesting is refused, so that a hostile value cannot exhaust the stack. serde_json's
/// parser stops at 128 levels; certificates need a handful.
const MAX_DEPTH: usize = 64;

/// The canonical JSON bytes of `value`: keys sorted by their UTF-8 bytes at every level, no
/// insignificant whitespace, integers only, minimal string escaping (RFC 8785's rule).
/// Refuses floats and nesting deeper than 64 levels with [`CertError::Unsupported`].
pub fn canonical_json(value: &Value) -> Result<Vec<u8>, CertError> {
    let mut out = Vec::with_capacity(256);
    write_value(&mut out, value, 0)?;
    Ok(out)
}

fn write_value(out: &mut Vec<u8>, value: &Value, depth: usize) -> Result<(), CertError> {
    if depth > MAX_DEPTH {
        return Err(CertError::Unsupported("JSON nested deeper than 64 levels"));
    }
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            let digits = if let Some(i) = n.as_i64() {
                i.to_string()
            } else if let Some(u) = n.as_u64() {
                u.to_string()
            } else {
                return Err(CertError::Unsupported("numbers must be integers"));
            };
            out.extend_from_slice(digits.as_bytes());
        }
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(out, item, depth + 1)?;
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // Sorted here rather than trusting the map's order: serde_json's `preserve_order`
            // feature, if any crate turns it on, keeps insertion order. `str`'s `Ord` compares
            // the UTF-8 bytes.
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push(b'{');
            for (i, (key, item)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, key);
                out.push(b':');
                write_value(out, item, depth + 1)?;
            }
            out.push(b'}');
        }
    }
    Ok(())
}

fn write_string(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    for &b in s.as_bytes() {
        // Every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so copying bytes copies
        // non-ASCII characters unchanged.
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x00..=0x1f => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 15)]);
            }
            _ => out.push(b),
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn canon(v: &Value) -> String {
        String::from_utf8(canonical_json(v).unwrap()).unwrap()
    }

    #[test]
    fn nested_objects_and_arrays_are_sorted_at_every_level() {
        let v = json!({
            "b": [1, -2, {"z": null, "a": true}],
            "a": {"y": [], "x": {}},
            "": false,
            "A": "x",
        });
        assert_eq!(
            canon(&v),
            r#"{"":false,"A":"x","a":{"x":{},"y":[]},"b":[1,-2,{"a":true,"z":null}]}"#
        );
    }

    #[test]
    fn strings_escape_only_quotes_backslashes_and_control_characters() {
        let v = json!("é\"\\/\n\r\t\u{8}\u{c}\u{1}\u{1f}\u{7f}\u{2028}😀<>&'");
        assert_eq!(
            canonical_json(&v).unwrap(),
            "\"é\\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001f\u{7f}\u{2028}😀<>&'\"".as_bytes()
        );
    }

    #[test]
    fn keys_sort_by_utf8_bytes_not_utf16() {
        // U+FF61 is EF BD A1 in UTF-8, before F0 9F 98 80 (U+1F600); in UTF-16 (RFC 8785's
        // order) the surrogate D83D would come first.
        let v = json!({"😀": 1, "\u{ff61}": 2, "é": 3, "z": 4, "户籍": 5});
        assert_eq!(
            canon(&v),
            "{\"z\":4,\"é\":3,\"户籍\":5,\"\u{ff61}\":2,\"😀\":1}"
        );
    }

    #[test]
    fn integers_are_written_plainly_and_floats_are_refused() {
        assert_eq!(
            canon(&json!([0, -1, i64::MIN, u64::MAX])),
            "[0,-1,-9223372036854775808,18446744073709551615]"
        );
        for bad in [json!(1.5), json!(1.0), json!({"a": [0.1]})] {
            assert!(matches!(
                canonical_json(&bad),
                Err(CertError::Unsupported(_))
            ));
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let mut v = json!(0);
        for _ in 0..64 {
            v = json!([v]);
        }
        assert!(canonical_json(&v).is_ok());
        v = json!([v]);
        assert!(matches!(canonical_json(&v), Err(CertError::Unsupported(_))));
    }

    #[test]
    fn parsing_the_output_gives_the_same_value() {
        let v = json!({"k": ["\u{0}", "引号\"", {"n": -7}], "e": ""});
        let bytes = canonical_json(&v).unwrap();
        assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap(), v);
    }
}
