//! Static files, embedded in the binary and served under fingerprinted names
//! (`/static/app.3f2a9c1b.css`) with a one-year immutable cache, pre-compressed with gzip.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use http::HeaderMap;
use http::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, VARY};

use crate::error::Error;

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "apply.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/apply.js"),
    ),
    (
        "live.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/live.js"),
    ),
    (
        "push.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/push.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
];

struct Asset {
    content_type: &'static str,
    raw: &'static [u8],
    gzip: Vec<u8>,
}

/// The embedded files by fingerprinted name.
pub struct Assets {
    by_name: HashMap<String, Asset>,
    urls: HashMap<&'static str, String>,
}

impl Assets {
    /// Fingerprints and compresses the embedded files (once, at start).
    pub fn load() -> Assets {
        let mut by_name = HashMap::new();
        let mut urls = HashMap::new();
        for (name, content_type, raw) in FILES {
            let hash = &yiwang_crypto::sha256_hex(raw)[..10];
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            let fingerprinted = format!("{stem}.{hash}.{ext}");
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            let gzip = gz
                .write_all(raw)
                .and_then(|_| gz.finish())
                .unwrap_or_default();
            urls.insert(*name, format!("/static/{fingerprinted}"));
            by_name.insert(
                fingerprinted,
                Asset {
                    content_type,
                    raw,
                    gzip,
                },
            );
        }
        Assets { by_name, urls }
    }

    /// The URL of an embedded file by its plain name (`app.css`).
    pub fn url(&self, name: &str) -> &str {
        self.urls
            .get(name)
            .map(String::as_str)
            .unwrap_or("/static/missing")
    }
}

/// Serves a fingerprinted file.
pub async fn serve(
    State(assets): State<Arc<Assets>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let asset = assets.by_name.get(&name).ok_or_else(Error::not_found)?;
    let gzip_ok = headers
        .get(ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
    let common = [
        (CONTENT_TYPE, asset.content_type),
        (CACHE_CONTROL, "public, max-age=31536000, immutable"),
        (VARY, "Accept-Encoding"),
    ];
    Ok(
        if gzip_ok && !asset.gzip.is_empty() && asset.gzip.len() < asset.raw.len() {
            (common, [(CONTENT_ENCODING, "gzip")], asset.gzip.clone()).into_response()
        } else {
            (common, asset.raw).into_response()
        },
    )
}

/// `GET /sw.js`: the service worker, served at the root so that its scope is the whole site,
/// and revalidated on every visit so that a new version reaches browsers at once.
pub async fn service_worker() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
        ],
        include_bytes!("../static/sw.js").as_slice(),
    )
        .into_response()
}
