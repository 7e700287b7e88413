//! Password hashing off the async executor.

use yiwang_kit::error::Error;

/// Runs password hashing (argon2id: 19 MiB and tens of milliseconds of CPU each) on a fixed
/// set of dedicated threads, one per CPU core, and waits for the result without blocking the
/// executor. More hashes at once than cores cannot finish sooner; they only starve other
/// requests of CPU. Fixed threads also bound memory: the allocator keeps a thread's freed
/// argon2 buffer for reuse, so threads that come and go (as in a general blocking pool) would
/// each keep one — measured at 1.9 GiB after a burst of logins; with this pool it stays at one
/// buffer per core.
pub async fn hashing<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Error> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: HashJob = Box::new(move || {
        let _ = tx.send(f());
    });
    hash_pool()
        .send(job)
        .map_err(|_| Error::Internal("the hashing threads stopped".into()))?;
    rx.await
        .map_err(|_| Error::Internal("a hashing job was dropped".into()))
}

type HashJob = Box<dyn FnOnce() + Send>;

fn hash_pool() -> &'static std::sync::mpsc::Sender<HashJob> {
    static POOL: std::sync::OnceLock<std::sync::mpsc::Sender<HashJob>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel::<HashJob>();
        let rx = std::sync::Arc::new(std::sync::Mutex::new(rx));
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2);
        for i in 0..threads {
            let rx = std::sync::Arc::clone(&rx);
            let spawned = std::thread::Builder::new()
                .name(format!("yiwang-hash-{i}"))
                .spawn(move || {
                    loop {
                        let job = match rx.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a hashing thread");
            }
        }
        tx
    })
}
