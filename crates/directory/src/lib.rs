//! The directory (PRODUCT.md REG-1): the deployment's region tree from the national division
//! codes down to communities, and the departments of every region — the public directory
//! pages and API, and their editing in the console.
//!
//! Rooms: `services/` (use cases shared by the console and the admin API), `pages/`
//! (+ `templates/directory`, `templates/console`), `api/` (`/api/v1/regions`,
//! `/api/v1/departments`, `/api/v1/admin/departments`), `texts.rs`, and [`routes`].

pub mod api;
pub mod pages;
pub mod services;
pub mod texts;

use yiwang_domain::auth::Permission as P;
use yiwang_kit::table::ConsoleSection;
use yiwang_kit::{Access, Table};

use crate::texts::DirectoryTexts;

/// Adds the directory's routes and console section to the table.
pub fn routes(t: Table) -> Table {
    use Access::*;
    t.get("/departments", Public, pages::public::departments)
        .get("/departments/{id}", Public, pages::public::department)
        .get("/regions", Public, pages::public::regions_root)
        .get("/regions/{code}", Public, pages::public::region)
        .get(
            "/console/departments",
            Staff(P::ConsoleAccess),
            pages::console::departments::list,
        )
        .get(
            "/console/departments/new",
            Staff(P::CreateDepartments),
            pages::console::departments::new_form,
        )
        .post(
            "/console/departments",
            Staff(P::CreateDepartments),
            pages::console::departments::create,
        )
        .get(
            "/console/departments/{id}",
            Staff(P::EditDepartment),
            pages::console::departments::edit_form,
        )
        .post(
            "/console/departments/{id}",
            Staff(P::EditDepartment),
            pages::console::departments::update,
        )
        .get(
            "/console/regions/{code}",
            Staff(P::ManageRegions),
            pages::console::regions::region,
        )
        .post(
            "/console/regions/{code}/communities",
            Staff(P::ManageRegions),
            pages::console::regions::add_community,
        )
        .get("/api/v1/regions", Public, api::public::regions)
        .get("/api/v1/regions/{code}", Public, api::public::region)
        .get("/api/v1/departments", Public, api::public::departments)
        .get("/api/v1/departments/{id}", Public, api::public::department)
        .post(
            "/api/v1/admin/departments",
            Staff(P::CreateDepartments),
            api::admin::create_department,
        )
        .put(
            "/api/v1/admin/departments/{id}",
            Staff(P::EditDepartment),
            api::admin::update_department,
        )
        .console_section(ConsoleSection {
            order: 20,
            label: |t| t.console_departments(),
            link: |_, _| Some("/console/departments"),
        })
}
