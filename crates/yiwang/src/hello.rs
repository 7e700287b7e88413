//! The benchmark baseline: a bare axum route built with the same dependencies, compiler
//! settings and runtime as the platform, so page throughput can be reported as a fraction of
//! what this machine's HTTP stack can do at all.

use axum::Router;
use axum::routing::get;

/// Serves `GET /` → `hello` until interrupted.
#[allow(clippy::print_stdout)]
pub async fn serve(listen: &str) -> Result<(), Box<dyn std::error::Error>> {
    let app = Router::new().route("/", get(|| async { "hello" }));
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("hello baseline on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
