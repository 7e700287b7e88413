//! Files in a local directory: the default backend. Keys arrive checked by
//! [`super::valid_key`], so joining them to the root cannot leave it.

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;

/// A directory holding one file per key.
#[derive(Clone)]
pub struct LocalDir {
    root: PathBuf,
}

impl LocalDir {
    /// Files under `root` (created when first written).
    pub fn new(root: PathBuf) -> LocalDir {
        LocalDir { root }
    }

    pub(super) fn describe(&self) -> String {
        format!("local directory {}", self.root.display())
    }

    /// Writes to `<key>.partial`, `fsync`s it and renames it into place, so a reader (or a
    /// restart after a crash) sees the whole file or none.
    pub(super) async fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.root.join(key);
        let dir = path.parent().unwrap_or(Path::new("."));
        tokio::fs::create_dir_all(dir).await?;
        let tmp = path.with_extension("partial");
        let mut f = tokio::fs::File::create(&tmp).await?;
        f.write_all(bytes).await?;
        f.sync_all().await?;
        drop(f);
        tokio::fs::rename(&tmp, &path).await
    }

    pub(super) async fn get(&self, key: &str) -> std::io::Result<Option<Vec<u8>>> {
        match tokio::fs::read(self.root.join(key)).await {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub(super) async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.root.join(key)).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}
