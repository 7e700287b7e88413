//! The machine-readable side of open data: the CKAN Action API (`ckan.rs`, answering as CKAN
//! 2.10 does in shape: `{"help", "success", "result"}` and CKAN's error objects, at both
//! `/api/3/action/{name}` and `/api/action/{name}`, by GET with a query or POST with JSON or a
//! form), the dictionaries it answers with (`dicts.rs`), and the DCAT catalogue in Turtle
//! and JSON-LD (`dcat.rs`).

pub mod ckan;
pub mod dcat;
pub mod dicts;

use serde_json::{Map, Value};

/// This capability's part of the OpenAPI document (the CKAN endpoint; DCAT is RDF).
#[derive(utoipa::OpenApi)]
#[openapi(paths(ckan::action))]
pub struct Api;

/// Decodes `application/x-www-form-urlencoded` text (a query string or a form body) into
/// pairs: `+` is a space, `%XX` a byte.
pub fn form_pairs(text: &str) -> Vec<(String, String)> {
    fn decode(s: &str) -> String {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(bytes.get(i + 1..i + 3).unwrap_or(b"zz"))
                        .ok()
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8_lossy(&out).into_owned()
    }
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Query or form pairs as CKAN reads them: a key given twice is a list.
pub fn pairs_to_map(pairs: Vec<(String, String)>) -> Map<String, Value> {
    let mut m = Map::new();
    for (k, v) in pairs {
        match m.get_mut(&k) {
            Some(Value::Array(a)) => a.push(Value::String(v)),
            Some(old) => {
                let first = old.take();
                *old = Value::Array(vec![first, Value::String(v)]);
            }
            None => {
                m.insert(k, Value::String(v));
            }
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_text_decodes_percent_plus_and_repeats() {
        let m = pairs_to_map(form_pairs("q=%E5%B9%BF%E5%AE%89&fq=a+b&x=1&x=2&bad=%zz"));
        assert_eq!(m["q"], "广安");
        assert_eq!(m["fq"], "a b");
        assert_eq!(m["x"], serde_json::json!(["1", "2"]));
        assert_eq!(m["bad"], "%zz");
    }
}
