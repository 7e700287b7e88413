//! Government information (PRODUCT.md PUB-1…3, PUB-6's feeds): columns of articles and the
//! disclosure catalogue's policy documents, written by editors and published by reviewers —
//! now or at a set time, corrected in the open, withdrawn with a reason — read on a phone,
//! found by the one search box, and followed in Atom feeds.
//!
//! Rooms: `services/` (`docs.rs` the use cases over `domain::publishing`, `markdown.rs`
//! Markdown to sanitised HTML), `pages/` (`read.rs`, `policies.rs`, `feeds.rs`, `front.rs`,
//! `console.rs` + `templates/news`, `templates/console/news`), `jobs.rs` (the scheduled
//! publisher), `texts.rs`, and [`routes`].

pub mod jobs;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::{BannerSource, ConsoleSection, FeedLink, FrontBlock};
use yiwang_kit::{Access, Table};

use crate::texts::PublishingTexts;

/// Adds government information's routes, console section, feeds and home-page block.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{alerts, console, disclosure, feeds, front, policies, read, subscriptions};
    t.get("/news", Public, read::index)
        .get("/news/feed.atom", Public, feeds::articles)
        .get("/news/c/{code}", Public, read::column)
        .get("/news/c/{code}/feed.atom", Public, feeds::column)
        .get("/news/images/{id}", Public, read::image)
        .get("/news/{id}", Public, read::doc)
        .get("/news/{id}/qr.svg", Public, read::qr)
        .get("/policies", Public, policies::list)
        .get("/policies/feed.atom", Public, feeds::policies)
        .get("/console/news", Staff(P::ConsoleAccess), console::list)
        .get(
            "/console/news/columns",
            Staff(P::ManageColumns),
            pages::columns::list,
        )
        .post(
            "/console/news/columns",
            Staff(P::ManageColumns),
            pages::columns::create,
        )
        .get(
            "/console/news/columns/{code}",
            Staff(P::ManageColumns),
            pages::columns::edit_form,
        )
        .post(
            "/console/news/columns/{code}",
            Staff(P::ManageColumns),
            pages::columns::save,
        )
        .get(
            "/console/news/new",
            Staff(P::WriteDocuments),
            console::new_form,
        )
        .post("/console/news", Staff(P::WriteDocuments), console::create)
        .get("/console/news/{id}", Staff(P::ConsoleAccess), console::doc)
        .get(
            "/console/news/{id}/edit",
            Staff(P::ConsoleAccess),
            console::edit_form,
        )
        .post(
            "/console/news/{id}/edit",
            Staff(P::ConsoleAccess),
            console::save,
        )
        .post(
            "/console/news/{id}/step",
            Staff(P::ConsoleAccess),
            console::step,
        )
        .upload(
            "/console/news/{id}/images",
            Staff(P::WriteDocuments),
            console::upload_image,
        )
        .get(
            "/console/news/{id}/compare",
            Staff(P::ConsoleAccess),
            console::compare,
        )
        .get("/account/subscriptions", Citizen, subscriptions::form)
        .post("/account/subscriptions", Citizen, subscriptions::save)
        .get("/disclosure/new", Citizen, disclosure::new_form)
        .post("/disclosure", Citizen, disclosure::ask)
        .get("/account/disclosure", Citizen, disclosure::mine)
        .get("/account/disclosure/{id}", Citizen, disclosure::request)
        .get(
            "/account/disclosure/{id}/files/{file}",
            Citizen,
            disclosure::my_file,
        )
        .upload(
            "/console/disclosure/{id}/files",
            Staff(P::AnswerDisclosure),
            disclosure::attach,
        )
        .get(
            "/console/disclosure/{id}/files/{file}",
            Staff(P::AnswerDisclosure),
            disclosure::staff_file,
        )
        .post(
            "/account/disclosure/{id}/clarify",
            Citizen,
            disclosure::clarify,
        )
        .get(
            "/console/disclosure",
            Staff(P::AnswerDisclosure),
            disclosure::queue,
        )
        .get(
            "/console/disclosure/report",
            Staff(P::AnswerDisclosure),
            disclosure::report,
        )
        .get(
            "/console/disclosure/{id}",
            Staff(P::AnswerDisclosure),
            disclosure::case,
        )
        .post(
            "/console/disclosure/{id}",
            Staff(P::AnswerDisclosure),
            disclosure::act,
        )
        .console_section(ConsoleSection {
            order: 62,
            label: |t| t.dis_queue_title(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::AnswerDisclosure).then_some("/console/disclosure")
            },
        })
        .get("/alerts", Public, alerts::list)
        .get("/alerts/{id}", Public, alerts::show)
        .get("/console/alerts", Staff(P::IssueAlerts), alerts::console)
        .get(
            "/console/alerts/new",
            Staff(P::IssueAlerts),
            alerts::new_form,
        )
        .post("/console/alerts", Staff(P::IssueAlerts), alerts::issue)
        .get(
            "/console/alerts/{id}",
            Staff(P::IssueAlerts),
            alerts::officer,
        )
        .post(
            "/console/alerts/{id}/approve",
            Staff(P::IssueAlerts),
            alerts::approve,
        )
        .post(
            "/console/alerts/{id}/lift",
            Staff(P::IssueAlerts),
            alerts::lift,
        )
        .banner_source(BannerSource {
            banners: alerts::banners,
        })
        .console_section(ConsoleSection {
            order: 61,
            label: |t| t.alert_console_title(),
            link: |_, p| allows_somewhere(p.actor(), P::IssueAlerts).then_some("/console/alerts"),
        })
        .console_section(ConsoleSection {
            order: 60,
            label: |t| t.pub_console_title(),
            link: |_, p| {
                let a = p.actor();
                (allows_somewhere(a, P::WriteDocuments) || allows_somewhere(a, P::ReviewDocuments))
                    .then_some("/console/news")
            },
        })
        .feed(FeedLink {
            href: "/news/feed.atom",
            media_type: FeedLink::ATOM,
            title: |t| t.pub_feed_articles(),
        })
        .feed(FeedLink {
            href: "/policies/feed.atom",
            media_type: FeedLink::ATOM,
            title: |t| t.pub_feed_policies(),
        })
        .front_block(FrontBlock {
            order: 20,
            render: front::block,
        })
}
