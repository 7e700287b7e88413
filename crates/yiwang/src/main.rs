//! `yiwang`: one binary for the whole platform. See `yiwang --help`.

mod admin;
mod config;
mod data;
mod demo;
mod hello;
mod serve;

use std::path::PathBuf;
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
