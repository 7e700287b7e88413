//! Where uploaded files' bytes live: one abstraction (APP-2), a local directory by default.
//! Writes go to a temporary name and are renamed into place after `fsync`, so a crash never
//! leaves half a file under a real key. Every file passes the virus-scan hook before it is
//! kept; the built-in scanner recognises the EICAR test file, so deployments can prove the
//! hook is wired, and a real scanner (ClamAV over its socket) plugs in as another [`Scanner`].
//!
//! S3-compatible object storage is not built yet: it will be a second variant of
//! [`FileStore`] behind the same `put`/`get`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tokio::io::AsyncWriteExt;

/// What a scanner says of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanVerdict {
    /// Nothing found.
    Clean,
    /// Malware (or the test signature) found: the file is refused.
    Infected,
}

/// A virus scanner.
pub trait Scanner: Send + Sync {
    /// Scans a whole file.
    fn scan(&self, bytes: &[u8]) -> ScanVerdict;
}

/// Recognises only the EICAR anti-virus test file: the hook's self-test.
pub struct EicarOnly;

const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

impl Scanner for EicarOnly {
    fn scan(&self, bytes: &[u8]) -> ScanVerdict {
        if bytes.windows(EICAR.len()).any(|w| w == EICAR) {
            ScanVerdict::Infected
        } else {
            ScanVerdict::Clean
        }
    }
}

/// The file store.
#[derive(Clone)]
pub struct FileStore {
    root: PathBuf,
    scanner: Arc<dyn Scanner>,
}

impl FileStore {
    /// Files under a local directory (created when first written).
    pub fn local(root: impl Into<PathBuf>) -> FileStore {
        FileStore {
            root: root.into(),
            scanner: Arc::new(EicarOnly),
        }
    }

    /// Uses another scanner.
    pub fn with_scanner(mut self, scanner: Arc<dyn Scanner>) -> FileStore {
        self.scanner = scanner;
        self
    }

    /// Scans bytes with the configured scanner.
    pub fn scan(&self, bytes: &[u8]) -> ScanVerdict {
        self.scanner.scan(bytes)
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        // Keys are made by the platform (`uploads/<uuid>`); anything else is refused so a key
        // can never climb out of the root.
        let ok = !key.is_empty()
            && key.len() <= 200
            && key.split('/').all(|p| {
                !p.is_empty()
                    && p != ".."
                    && p.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
        ok.then(|| self.root.join(key))
    }

    /// Stores bytes under a key, durably.
    pub async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self
            .path(key)
            .ok_or_else(|| std::io::Error::other("invalid file key"))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        tokio::fs::create_dir_all(dir).await?;
        let tmp = path.with_extension("partial");
        let mut f = tokio::fs::File::create(&tmp).await?;
        f.write_all(bytes).await?;
        f.sync_all().await?;
        drop(f);
        tokio::fs::rename(&tmp, &path).await
    }

    /// Reads a file; `None` when absent.
    pub async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        let Some(path) = self.path(key) else {
            return Ok(None);
        };
        match tokio::fs::read(path).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}
