//! Fee payment by bill code (PRODUCT.md SVC-1): bills from collecting units (执收单位) —
//! through the API by a system client tied to one unit — or made by finance officers; a payer
//! types or scans the bill code (and their name when the bill is not tied to their account),
//! pays through one provider interface, and gets a signed electronic receipt in their wallet
//! and on 我的缴费. Every payment is recorded exactly once in an append-only ledger;
//! refunds and daily reconciliation with the provider's statement are the finance officer's.
//!
//! Rooms: `provider/` (the `Provider` trait and the built-in sandbox, a separate party with
//! its own books, key, pages and notifier), `services/` (the use cases; `pay.rs::settle` is
//! the one path of every word from the provider), `jobs.rs` (the query job and the sandbox's
//! notifier), `pages/` (`pay.rs` the payer's, `sandbox.rs` the cashier, `console.rs`), `api.rs`,
//! `texts.rs`, and [`routes`]. Rules in `domain::payments`, rows in `store::payments`.

pub mod api;
pub mod demo;
pub mod jobs;
pub mod pages;
pub mod provider;
pub mod services;
pub mod texts;

use std::sync::Arc;
use std::time::Duration;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::{ConsoleSection, ConsoleTally, TallyLine};
use yiwang_kit::{Access, AppState, Table};

use crate::provider::Payments;
use crate::provider::sandbox::{Knobs, Sandbox};
use crate::texts::PayTexts;

/// Installs the payment set-up (the sandbox provider, with the knobs of `YW_SANDBOX_PAY`
/// or a [`Knobs`] part already installed) unless the binary installed one.
pub fn install(state: AppState) -> AppState {
    if state.has::<Payments>() {
        return state;
    }
    let knobs = match state.part::<Arc<Knobs>>() {
        Ok(k) => k.clone(),
        Err(_) => Arc::new(Knobs::parse(
            &std::env::var("YW_SANDBOX_PAY").unwrap_or_default(),
        )),
    };
    let sandbox = Arc::new(Sandbox::new(state.store.clone(), knobs));
    let payments = Payments {
        provider: sandbox.clone(),
        sandbox,
        order_ttl: Duration::from_secs(15 * 60),
        query_after: Duration::from_secs(
            std::env::var("YW_PAYMENT_QUERY_SECS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(60),
        ),
        receipt_key: Arc::new(tokio::sync::OnceCell::new()),
        callback_base: Arc::new(std::sync::OnceLock::new()),
    };
    state.with(payments)
}

/// Makes the sandbox send its notifications as HTTP POSTs to the server listening at `addr`
/// (`/payments/notify/sandbox`), as a real provider does: the binary calls it once bound.
/// A wildcard address (0.0.0.0, ::) is reached on the loopback.
pub fn notify_over_http(state: &AppState, addr: std::net::SocketAddr) {
    let ip = match addr.ip() {
        std::net::IpAddr::V4(v4) if v4.is_unspecified() => std::net::Ipv4Addr::LOCALHOST.into(),
        std::net::IpAddr::V6(v6) if v6.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    if let Ok(p) = state.part::<Payments>() {
        let _ = p.callback_base.set(format!(
            "http://{}",
            std::net::SocketAddr::new(ip, addr.port())
        ));
    }
}

/// Adds the payments' routes, console section and tally to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, pay, sandbox};
    t.get("/pay", Public, pay::form)
        .post("/pay", Public, pay::lookup)
        .post("/pay/bills/{id}/start", Public, pay::start)
        .get("/pay/attempts/{id}", Public, pay::returned)
        .get("/pay/receipts/{id}", Public, pay::receipt)
        .get("/pay/receipts/{id}/qr.svg", Public, pay::receipt_qr)
        .get("/pay/verify", Public, pay::verify)
        .get("/account/payments", Citizen, pay::mine)
        .get("/account/payments/{id}", Citizen, pay::my_bill)
        .post("/payments/notify/sandbox", Public, pay::notify)
        .get("/sandbox/pay/{trade_no}", Public, sandbox::cashier)
        .post("/sandbox/pay/{trade_no}", Public, sandbox::act)
        .get(
            "/sandbox/statements/{day}",
            Staff(P::ManagePayments),
            sandbox::statement,
        )
        .get("/console/payments", Staff(P::ManagePayments), console::home)
        .post(
            "/console/payments/bills",
            Staff(P::ManagePayments),
            console::create_bill,
        )
        .get(
            "/console/payments/bills/{id}",
            Staff(P::ManagePayments),
            console::bill,
        )
        .post(
            "/console/payments/bills/{id}/cancel",
            Staff(P::ManagePayments),
            console::cancel_bill,
        )
        .post(
            "/console/payments/attempts/{id}/refund",
            Staff(P::ManagePayments),
            console::refund,
        )
        .get(
            "/console/payments/reconcile",
            Staff(P::ManagePayments),
            console::reconcile_page,
        )
        .post(
            "/console/payments/reconcile",
            Staff(P::ManagePayments),
            console::reconcile_run,
        )
        .post(
            "/console/payments/reconcile/resolve",
            Staff(P::ManagePayments),
            console::reconcile_resolve,
        )
        .get(
            "/console/payments/reconcile.csv",
            Staff(P::ManagePayments),
            console::reconcile_csv,
        )
        .post("/api/v1/bills", Staff(P::ManagePayments), api::create_bill)
        .get("/api/v1/bills/{id}", Staff(P::ManagePayments), api::bill)
        .console_section(ConsoleSection {
            order: 60,
            label: |t| t.pay_console(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::ManagePayments).then_some("/console/payments")
            },
        })
        .console_tally(ConsoleTally {
            order: 60,
            count: |app, caller| {
                Box::pin(async move {
                    if !caller.principal.may(
                        P::ManagePayments,
                        &yiwang_domain::auth::Scope::region(app.config.root_region.clone()),
                    ) {
                        return Ok(Vec::new());
                    }
                    let days = app.store.unbalanced_days().await?;
                    let flagged = app.store.flagged_attempts(100).await?;
                    let t = caller.t();
                    Ok(vec![
                        TallyLine {
                            label: t.pay_unbalanced_days().into(),
                            count: days.len() as i64,
                            href: match days.first() {
                                Some(d) => format!("/console/payments/reconcile?day={d}"),
                                None => "/console/payments/reconcile".into(),
                            },
                            urgent: !days.is_empty(),
                        },
                        TallyLine {
                            label: t.pay_flagged().into(),
                            count: flagged.len() as i64,
                            href: "/console/payments".into(),
                            urgent: false,
                        },
                    ])
                })
            },
        })
}
