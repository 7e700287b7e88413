//! `yiwang`: one binary for the whole platform. See `yiwang --help`.

mod admin;
mod catalog;
mod config;
mod data;
mod demo;
mod hello;
mod serve;

use std::path::PathBuf;

/// mimalloc: pages and JSON allocate many small strings per request; glibc's allocator spent a
/// quarter of a guide request in malloc/free (docs/BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Yiwang (一网): a one-stop government service platform.
#[derive(Parser)]
#[command(name = "yiwang", version, about)]
struct Cli {
    /// A TOML configuration file (default: ./yiwang.toml if it exists). Environment variables
    /// (YIWANG_*) override it.
    #[arg(long, global = true, env = "YIWANG_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the platform (migrations are applied first).
    Serve {
        /// Create the 广安市 demo deployment if the database is empty, and print its logins.
        #[arg(long)]
        demo: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Load reference data (the region tree); with --demo, the whole demo deployment.
    Seed {
        /// Create the demo departments and accounts too.
        #[arg(long)]
        demo: bool,
    },
    /// Write a consistent copy of the SQLite database to FILE while the platform runs.
    Backup {
        /// The new file to write.
        file: PathBuf,
    },
    /// Manage staff accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Import the region tree (idempotent) from DIR (provinces.csv, cities.csv, areas.csv,
    /// streets.csv), or from the copy built into the binary.
    ImportRegions {
        /// The directory with the four CSV files.
        dir: Option<PathBuf>,
    },
    /// Print the current authenticator code of a demo staff account (demo deployments only).
    DemoCode {
        /// The staff login name.
        username: String,
    },
    /// Import a service catalogue (idempotent): CSV with the national columns, or JSON with
    /// guides. A file with bad lines imports nothing unless --partial.
    ImportCatalog {
        /// The file.
        file: PathBuf,
        /// csv or json (default: from the file name).
        #[arg(long)]
        format: Option<String>,
        /// Import the good lines and report the bad ones.
        #[arg(long)]
        partial: bool,
    },
    /// Export the whole catalogue as CSV or JSON (`-` for standard output).
    ExportCatalog {
        /// The file to write.
        file: PathBuf,
        /// csv or json (default: from the file name).
        #[arg(long)]
        format: Option<String>,
    },
    /// Rebuild this instance's search index from the database, showing progress.
    Reindex,
    /// Measure search quality: hit@3 and MRR of a TSV file of queries and relevant item names.
    SearchEval {
        /// The TSV file (`query<TAB>item name|other name`, with a header line).
        file: PathBuf,
        /// Print every case, not only the misses.
        #[arg(long)]
        verbose: bool,
    },
    /// Measure the search index on a synthetic corpus: indexing time, size, latency, memory.
    BenchSearch {
        /// Documents to generate.
        #[arg(long, default_value_t = 1_000_000)]
        docs: usize,
        /// Where to build the index (deleted and recreated).
        #[arg(long, default_value = "./bench-index")]
        dir: PathBuf,
        /// Queries to time.
        #[arg(long, default_value_t = 20_000)]
        queries: usize,
    },
    /// Serve a bare axum "hello" route: the ceiling the benchmarks compare against.
    Hello {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8081")]
        listen: String,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a staff account with one role. The password is read from the first line of
    /// standard input (or --password-file).
    Create {
        /// Login name (a–z, 0–9, . - _).
        #[arg(long)]
        username: String,
        /// The name citizens see in their access log.
        #[arg(long)]
        name: String,
        /// window_clerk, reviewer, dept_admin, supervisor or platform_admin.
        #[arg(long)]
        role: String,
        /// Region code of the role's scope (default: the deployment's root region).
        #[arg(long)]
        region: Option<String>,
        /// Department id, for department roles.
        #[arg(long)]
        department: Option<String>,
        /// Read the password from this file instead of standard input.
        #[arg(long)]
        password_file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let config = match config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    serve::init_logging(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve { demo } => serve::serve(config, demo).await,
            Command::Migrate => admin::migrate(config).await,
            Command::Seed { demo } => admin::seed(config, demo).await,
            Command::Backup { file } => admin::backup(config, &file).await,
            Command::User {
                command:
                    UserCommand::Create {
                        username,
                        name,
                        role,
                        region,
                        department,
                        password_file,
                    },
            } => {
                admin::create_user(
                    config,
                    admin::NewUser {
                        username,
                        name,
                        role,
                        region,
                        department,
                        password_file,
                    },
                )
                .await
            }
            Command::ImportRegions { dir } => admin::import_regions(config, dir.as_deref()).await,
            Command::DemoCode { username } => admin::demo_code(config, &username).await,
            Command::ImportCatalog {
                file,
                format,
                partial,
            } => catalog::import_catalog(config, &file, format.as_deref(), partial).await,
            Command::ExportCatalog { file, format } => {
                catalog::export_catalog(config, &file, format.as_deref()).await
            }
            Command::Reindex => catalog::reindex(config).await,
            Command::SearchEval { file, verbose } => {
                catalog::search_eval(config, &file, verbose).await
            }
            Command::BenchSearch { docs, dir, queries } => {
                let _ = std::fs::remove_dir_all(&dir);
                catalog::bench_search(docs, &dir, queries)
            }
            Command::Hello { listen } => hello::serve(&listen).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
