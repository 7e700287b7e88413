//! The case a staff member handles: loaded only if they hold `handle_cases` in the department
//! that acts on it now (or handles it), with its form version and their roles there.

use yiwang_domain::application::ItemForm;
use yiwang_domain::auth::{Actor as AuthActor, Permission, Role, Scope, allows};
use yiwang_domain::ids::CaseId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::workflow::acting_department;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;
use yiwang_store::applications::cases::CaseRow;

use crate::services::act::bundle_of;

/// A case the caller may handle, with its form version and the caller's roles in the
/// department that must act now.
pub(super) struct Handling {
    pub(super) case: CaseRow,
    pub(super) bundle: ItemForm,
    pub(super) region: RegionCode,
    pub(super) roles: Vec<Role>,
}

/// The case if the caller holds HandleCases in its acting or handling department (in the
/// case's region); anything else is "not found", so other departments' cases stay unseen.
pub(super) async fn handling(app: &AppState, ctx: &Ctx, id: CaseId) -> Result<Handling, Error> {
    let case = app.store.case(id).await?.ok_or_else(Error::not_found)?;
    let bundle = bundle_of(app, &case).await?;
    let region =
        RegionCode::parse(&case.region_code).map_err(|_| Error::internal("case region"))?;
    let acting = acting_department(&bundle.workflow, &case.view(), case.department_id);
    let may = |d| {
        ctx.principal.may(
            Permission::HandleCases,
            &Scope::department(d, region.clone()),
        )
    };
    if !may(acting) && !may(case.department_id) {
        return Err(Error::not_found());
    }
    let scope = Scope::department(acting, region.clone());
    let roles = match ctx.principal.staff() {
        Some((account, grants)) => grants
            .iter()
            .filter(|g| {
                let one = AuthActor::Staff {
                    account,
                    grants: vec![(*g).clone()],
                };
                allows(&one, Permission::HandleCases, &scope)
            })
            .map(|g| g.role)
            .collect(),
        None => Vec::new(),
    };
    Ok(Handling {
        case,
        bundle,
        region,
        roles,
    })
}
