//! The staff console's frame: its navigation, made of the sections capabilities add to the
//! route table ([`crate::table::ConsoleSection`]) that the caller may open.

use crate::ctx::Ctx;
use crate::state::AppState;
use crate::table::ConsoleMenu;

/// A link in the console's navigation.
pub struct NavLink {
    /// Where.
    pub href: &'static str,
    /// Label.
    pub label: &'static str,
    /// Whether it is the current section.
    pub current: bool,
}

/// The console sections the caller may open; `current` is the href of the page's section.
pub fn nav(app: &AppState, ctx: &Ctx, current: &str) -> Vec<NavLink> {
    let t = ctx.t();
    let Ok(menu) = app.part::<ConsoleMenu>() else {
        return Vec::new();
    };
    menu.0
        .iter()
        .filter_map(|s| {
            let href = (s.link)(app, &ctx.principal)?;
            Some(NavLink {
                href,
                label: (s.label)(t),
                current: href == current,
            })
        })
        .collect()
}

/// What waits for the caller, from every capability's tally, in their order.
pub async fn waiting(
    app: &AppState,
    caller: &crate::caller::Caller,
) -> Result<Vec<crate::table::TallyLine>, crate::error::Error> {
    let Ok(menu) = app.part::<ConsoleMenu>() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for tally in menu.1.iter() {
        out.extend((tally.count)(app, caller).await?);
    }
    Ok(out)
}

/// The departments whose queue the caller works under `permission`: those of their grants
/// holding it, a grant without a department standing for every department of its region.
/// Empty for anyone who is not staff.
pub async fn departments_granted(
    app: &AppState,
    caller: &crate::caller::Caller,
    permission: yiwang_domain::auth::Permission,
) -> Result<Vec<yiwang_domain::ids::DepartmentId>, crate::error::Error> {
    let Some((_, grants)) = caller.principal.staff() else {
        return Ok(Vec::new());
    };
    let mut out = std::collections::BTreeSet::new();
    for g in grants.iter().filter(|g| permission.granted_to(g.role)) {
        match g.department {
            Some(d) => {
                out.insert(d);
            }
            None => {
                for d in app.store.departments_under(&g.region).await? {
                    out.insert(d.id);
                }
            }
        }
    }
    Ok(out.into_iter().collect())
}
