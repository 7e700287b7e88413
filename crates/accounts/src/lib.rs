//! Accounts and identity (PRODUCT.md ACC-1, ACC-2, ACC-4): citizens register with a mobile
//! number and verify their real name, act for enterprises as their agents, read their messages
//! and see every staff read of their data; staff log in with a password and an authenticator
//! and are given roles scoped by department and region; staff find a citizen, every read
//! audited.
//!
//! Rooms: `services/` (use cases shared by pages and API), `pages/` (+ `templates/account`,
//! `templates/console`), `api/` (`/api/v1/auth`, `/api/v1/me`, `/api/v1/admin/citizens`),
//! `texts.rs` (its words in three languages), and [`routes`], which adds all of it to the
//! route table.

pub mod api;
pub mod pages;
pub mod provider;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::AccountTexts;

/// Adds the accounts' routes and console sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    t.get("/account/register", Public, pages::account::register_form)
        .post(
            "/account/register",
            Public,
            pages::account::register_send_code,
        )
        .post(
            "/account/register/complete",
            Public,
            pages::account::register_complete,
        )
        .get("/account/login", Public, pages::account::login_form)
        .post("/account/login", Public, pages::account::login)
        .post("/account/logout", Public, pages::account::logout)
        .get("/account/reset", Public, pages::account::reset_form)
        .post("/account/reset", Public, pages::account::reset_send_code)
        .post(
            "/account/reset/complete",
            Public,
            pages::account::reset_complete,
        )
        .get("/account", Citizen, pages::profile::profile)
        .get("/account/verify", Citizen, pages::profile::verify_form)
        .post("/account/verify", Citizen, pages::profile::verify)
        .get("/account/home-region", Citizen, pages::home_region::form)
        .post("/account/home-region", Citizen, pages::home_region::save)
        .get(
            "/account/notifications",
            Account,
            pages::notifications::form,
        )
        .post(
            "/account/notifications",
            Account,
            pages::notifications::save,
        )
        .post(
            "/account/notifications/email",
            Account,
            pages::notifications::give_email,
        )
        .post(
            "/account/notifications/email/remove",
            Account,
            pages::notifications::remove_email,
        )
        .get(
            "/account/email/confirm/{token}",
            Public,
            pages::notifications::confirm_email_form,
        )
        .post(
            "/account/email/confirm/{token}",
            Public,
            pages::notifications::confirm_email,
        )
        .post(
            "/account/notifications/test",
            Account,
            pages::notifications::test,
        )
        .post(
            "/account/notifications/devices/{id}/remove",
            Account,
            pages::notifications::remove_device,
        )
        .get(
            "/unsubscribe/{account}/{topic}/{channel}/{mac}",
            Public,
            pages::notifications::unsubscribe_form,
        )
        .post(
            "/unsubscribe/{account}/{topic}/{channel}/{mac}",
            Public,
            pages::notifications::unsubscribe,
        )
        .get("/account/password", Account, pages::profile::password_form)
        .post(
            "/account/password",
            Account,
            pages::profile::change_password,
        )
        .get("/account/messages", Account, pages::profile::messages)
        .post(
            "/account/messages/read-all",
            Account,
            pages::profile::read_all,
        )
        .post(
            "/account/messages/{id}/read",
            Account,
            pages::profile::read_one,
        )
        .get("/account/access-log", Citizen, pages::profile::access_log)
        .get("/account/enterprises", Citizen, pages::enterprises::list)
        .post("/account/enterprises", Citizen, pages::enterprises::create)
        .get(
            "/account/enterprises/{id}",
            Citizen,
            pages::enterprises::show,
        )
        .post(
            "/account/enterprises/{id}/agents",
            Citizen,
            pages::enterprises::authorise,
        )
        .post(
            "/account/enterprises/{id}/agents/{account}/revoke",
            Citizen,
            pages::enterprises::revoke,
        )
        .post(
            "/account/enterprises/{id}/accept",
            Citizen,
            pages::enterprises::accept,
        )
        .post(
            "/account/enterprises/{id}/decline",
            Citizen,
            pages::enterprises::decline,
        )
        // The console's door and its staff pages
        .get("/console/login", Public, pages::console::login::login_form)
        .post("/console/login", Public, pages::console::login::login)
        .get(
            "/console/enrol",
            StaffEnrolment,
            pages::console::login::enrol_form,
        )
        .post(
            "/console/enrol",
            StaffEnrolment,
            pages::console::login::enrol,
        )
        .get(
            "/console/staff",
            Staff(P::ManageStaff),
            pages::console::staff::list,
        )
        .get(
            "/console/staff/new",
            Staff(P::ManageStaff),
            pages::console::staff::new_form,
        )
        .post(
            "/console/staff",
            Staff(P::ManageStaff),
            pages::console::staff::create,
        )
        .get(
            "/console/staff/{id}",
            Staff(P::ManageStaff),
            pages::console::staff::show,
        )
        .post(
            "/console/staff/{id}/grants",
            Staff(P::ManageStaff),
            pages::console::staff::grant,
        )
        .post(
            "/console/staff/{id}/grants/{grant}/revoke",
            Staff(P::ManageStaff),
            pages::console::staff::revoke,
        )
        .post(
            "/console/staff/{id}/status",
            Staff(P::ManageStaff),
            pages::console::staff::set_status,
        )
        .get(
            "/console/citizens",
            Staff(P::LookupCitizen),
            pages::console::citizens::lookup_form,
        )
        .post(
            "/console/citizens",
            Staff(P::LookupCitizen),
            pages::console::citizens::lookup,
        )
        .get(
            "/console/citizens/{id}",
            Staff(P::LookupCitizen),
            pages::console::citizens::show,
        )
        .get(
            "/console/identity",
            Staff(P::VerifyIdentityInPerson),
            pages::console::identity::counter_form,
        )
        .post(
            "/console/identity",
            Staff(P::VerifyIdentityInPerson),
            pages::console::identity::counter_verify,
        )
        .get(
            "/console/identity/conflicts",
            Staff(P::ResolveIdentityConflicts),
            pages::console::identity::conflicts,
        )
        .post(
            "/console/identity/conflicts/{id}",
            Staff(P::ResolveIdentityConflicts),
            pages::console::identity::resolve,
        )
        .post(
            "/console/citizens/{id}",
            Staff(P::LookupCitizen),
            pages::console::citizens::read,
        )
        // JSON API
        .post("/api/v1/auth/sms-codes", Public, api::auth::request_code)
        .post("/api/v1/auth/register", Public, api::auth::register)
        .post("/api/v1/auth/tokens", Public, api::auth::issue_token)
        .delete(
            "/api/v1/auth/tokens/current",
            Account,
            api::auth::revoke_current,
        )
        .post(
            "/api/v1/auth/password-reset",
            Public,
            api::auth::reset_password,
        )
        .get(
            "/api/v1/push/vapid-public-key",
            Public,
            api::push::vapid_public_key,
        )
        .post("/api/v1/push/subscriptions", Account, api::push::subscribe)
        .delete(
            "/api/v1/push/subscriptions",
            Account,
            api::push::unsubscribe,
        )
        .post("/api/v1/push/test", Account, api::push::test)
        .get("/api/v1/me", Account, api::me::me)
        .put("/api/v1/me/password", Account, api::me::change_password)
        .post("/api/v1/me/real-name", Citizen, api::me::verify_real_name)
        .get("/api/v1/me/messages", Account, api::me::messages)
        .post(
            "/api/v1/me/messages/{id}/read",
            Account,
            api::me::read_message,
        )
        .get("/api/v1/me/access-log", Citizen, api::me::access_log)
        .get("/api/v1/me/enterprises", Citizen, api::me::enterprises)
        .post(
            "/api/v1/me/enterprises",
            Citizen,
            api::me::create_enterprise,
        )
        .get(
            "/api/v1/admin/citizens/{id}",
            Staff(P::LookupCitizen),
            api::admin::citizen,
        )
        .console_section(ConsoleSection {
            order: 80,
            label: |t| t.console_staff(),
            link: |_, p| allows_somewhere(p.actor(), P::ManageStaff).then_some("/console/staff"),
        })
        .console_section(ConsoleSection {
            order: 105,
            label: |t| t.counter_verify_title(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::VerifyIdentityInPerson)
                    .then_some("/console/identity")
            },
        })
        .console_section(ConsoleSection {
            order: 115,
            label: |t| t.conflicts_title(),
            link: |app, p| {
                p.may(
                    P::ResolveIdentityConflicts,
                    &yiwang_domain::auth::Scope::region(app.config.root_region.clone()),
                )
                .then_some("/console/identity/conflicts")
            },
        })
        .console_section(ConsoleSection {
            order: 110,
            label: |t| t.console_citizen_lookup(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::LookupCitizen).then_some("/console/citizens")
            },
        })
}
