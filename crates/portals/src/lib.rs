//! Regional portals (PRODUCT.md REG-1, 云上区县) and investment promotion (REG-2, 招商).
//! Every region from the province to the community has a portal at `/regions/{code}/portal`:
//! its place in the tree, what its editors wrote (introduction, leaders, contacts), the
//! service items and halls of the region and the region above, news and notices, the public
//! board and its league-table row, open datasets covering it, projects seeking investment and
//! the regions below — each block only when it has something to show. `/regions/{code}/invest`
//! adds preferential policies (published policy documents by index number) and economic
//! indicators as server-rendered bar charts beside tables of the same numbers; investors ask
//! the region's investment office, which answers within five working days.
//!
//! Rooms: `rules.rs` (lengths, leaders and contacts as lines, sectors, stages, indicators,
//! 亩 and m²), `chart.rs` (the SVG), `services/` (use cases), `pages/`, `api/`, `texts.rs`,
//! `demo.rs`, and [`routes`]. Rows in `store::portals`; it reads the catalogue through
//! `index`, and halls, documents, the board and datasets through `store`, never through
//! another capability.

pub mod api;
pub mod chart;
pub mod demo;
pub mod pages;
pub mod rules;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_domain::auth::allows_somewhere;
use yiwang_kit::table::{ConsoleSection, ConsoleTally};
use yiwang_kit::{Access, Table};

use crate::texts::PortalTexts;

/// Adds the portals' routes and console sections to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    use pages::{console, investor, public};
    t.get("/regions/{code}/portal", Public, public::portal)
        .get("/regions/{code}/invest", Public, public::invest_page)
        .get("/invest/projects/{id}", Public, public::project)
        .get("/invest/projects/{id}/document", Public, public::document)
        .get("/regions/{code}/invest/ask", Citizen, investor::ask_form)
        .post("/regions/{code}/invest/ask", Citizen, investor::ask)
        .get("/account/investment", Citizen, investor::mine)
        .get("/account/investment/{id}", Citizen, investor::mine_one)
        .get("/api/v1/portals/{code}", Public, api::portal)
        .get("/console/portals", Staff(P::EditPortal), console::home)
        .get(
            "/console/portals/{code}",
            Staff(P::EditPortal),
            console::edit,
        )
        .post(
            "/console/portals/{code}",
            Staff(P::EditPortal),
            console::save,
        )
        .get(
            "/console/portals/{code}/saved",
            Staff(P::EditPortal),
            console::saved,
        )
        .post(
            "/console/portals/{code}/projects",
            Staff(P::EditPortal),
            console::create_project,
        )
        .post(
            "/console/portals/{code}/policies",
            Staff(P::EditPortal),
            console::set_policies,
        )
        .post(
            "/console/portals/{code}/indicators",
            Staff(P::EditPortal),
            console::put_indicator,
        )
        .get(
            "/console/projects/{id}",
            Staff(P::EditPortal),
            console::project,
        )
        .post(
            "/console/projects/{id}",
            Staff(P::EditPortal),
            console::save_project,
        )
        .upload(
            "/console/projects/{id}/document",
            Staff(P::EditPortal),
            console::upload,
        )
        .get(
            "/console/investment",
            Staff(P::AnswerInvestment),
            investor::queue,
        )
        .get(
            "/console/investment/{id}",
            Staff(P::AnswerInvestment),
            investor::inquiry,
        )
        .post(
            "/console/investment/{id}/reply",
            Staff(P::AnswerInvestment),
            investor::reply,
        )
        .console_section(ConsoleSection {
            order: 75,
            label: |t| t.console_portals(),
            link: |_, p| allows_somewhere(p.actor(), P::EditPortal).then_some("/console/portals"),
        })
        .console_section(ConsoleSection {
            order: 76,
            label: |t| t.console_queue(),
            link: |_, p| {
                allows_somewhere(p.actor(), P::AnswerInvestment).then_some("/console/investment")
            },
        })
        .console_tally(ConsoleTally {
            order: 76,
            count: |app, caller| Box::pin(services::invest::tally(app, caller)),
        })
}
