//! Appointments (PRODUCT.md SVC-2): service halls (with their windows and the item groups
//! they serve) and hospitals (with departments and doctors) publish capacity from weekly
//! templates over the working-day calendar; citizens book a slot for themselves or a family
//! member, exactly once by an idempotency key and never beyond a slot's places, join the
//! waiting list when it is full, check in with a QR code, are reminded the day before and
//! limited after repeated no-shows; staff see the day's list, check people in and mark
//! no-shows; the hall manager sees utilisation. A booking may be attached to an application.
//!
//! Rooms: `services/` (`book.rs`, `serve.rs`, `capacity.rs`, `remind.rs`), `pages/`
//! (`public.rs`, `console.rs`, + `templates/bookings`, `templates/console/bookings`), `api/`,
//! `jobs.rs` (publishing slots, reminders), `demo.rs` (the demo's places), `texts.rs`, and
//! [`routes`]. Rules: `domain::booking`; rows: `store::bookings`.

pub mod api;
pub mod demo;
pub mod jobs;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::BookingTexts;

/// Adds the appointments' routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, public};
    t.get("/bookings", Public, public::places)
        .get("/bookings/places/{id}", Public, public::place)
        .get("/bookings/slots/{id}", Citizen, public::form)
        .post("/bookings/slots/{id}", Citizen, public::submit)
        .get("/account/bookings", Citizen, public::mine)
        .get("/account/bookings/{id}", Citizen, public::detail)
        .post("/account/bookings/{id}/cancel", Citizen, public::cancel)
        .get("/console/bookings", Staff(P::ConsoleAccess), console::home)
        .get(
            "/console/bookings/new",
            Staff(P::ManageBookings),
            console::new_place,
        )
        .post(
            "/console/bookings/places",
            Staff(P::ManageBookings),
            console::create_place,
        )
        .get(
            "/console/bookings/places/{id}",
            Staff(P::ServeBookings),
            console::day,
        )
        .post(
            "/console/bookings/check-in",
            Staff(P::ServeBookings),
            console::check_in,
        )
        .post(
            "/console/bookings/{id}/no-show",
            Staff(P::ServeBookings),
            console::no_show,
        )
        .get(
            "/console/bookings/places/{id}/utilisation",
            Staff(P::ManageBookings),
            console::utilisation,
        )
        .get(
            "/console/bookings/places/{id}/capacity",
            Staff(P::ManageBookings),
            console::capacity,
        )
        .post(
            "/console/bookings/places/{id}/desks",
            Staff(P::ManageBookings),
            console::add_desk,
        )
        .post(
            "/console/bookings/places/{id}/closures",
            Staff(P::ManageBookings),
            console::close_day,
        )
        .post(
            "/console/bookings/desks/{id}/template",
            Staff(P::ManageBookings),
            console::set_template,
        )
        .get("/api/v1/booking-places", Public, api::json::places)
        .get(
            "/api/v1/booking-places/{id}/slots",
            Public,
            api::json::slots,
        )
        .post("/api/v1/bookings", Citizen, api::json::book)
        .get("/api/v1/me/bookings", Citizen, api::json::mine)
        .post(
            "/api/v1/me/bookings/{id}/cancel",
            Citizen,
            api::json::cancel,
        )
        .post(
            "/api/v1/bookings/check-in",
            Staff(P::ServeBookings),
            api::json::check_in,
        )
        .get(
            "/console/bookings/rules",
            Staff(P::SetBookingRules),
            console::rules,
        )
        .post(
            "/console/bookings/rules",
            Staff(P::SetBookingRules),
            console::save_rules,
        )
        .put(
            "/api/v1/admin/booking-rules",
            Staff(P::SetBookingRules),
            api::json::set_rules,
        )
        .console_section(ConsoleSection {
            order: 65,
            label: |t| t.bk_console(),
            link: |_, p| {
                (allows_somewhere(p.actor(), P::ServeBookings)
                    || allows_somewhere(p.actor(), P::ManageBookings))
                .then_some("/console/bookings")
            },
        })
}
