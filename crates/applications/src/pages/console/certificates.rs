//! Electronic certificates in the console (CERT-1, CERT-3), for department admins: find a
//! certificate by its number or by the receipt number of its case, revoke it with a reason
//! (the revocation list and `/verify` say so at once), and replace a department's signing key
//! (what the old key signed keeps verifying, since retired keys stay published).

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::ErrorCode;
use yiwang_domain::auth::{Permission, Scope};
use yiwang_domain::ids::{CertificateId, DepartmentId};
use yiwang_domain::workflow::Receipt;
use yiwang_store::applications::certs::CertRow;

use crate::services::{cert_types, certificates};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::pipeline::percent_encode;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// A certificate as the page lists it (no holder's data: the number, type and standing).
struct CertLine {
    id: String,
    type_name: String,
    department: String,
    issued_on: String,
    expires_on: String,
    revoked: Option<String>,
    verify_href: String,
}

/// A certificate waiting for its issuer's review.
struct ReviewLine {
    id: String,
    type_name: String,
    department: String,
    reason: &'static str,
    since: String,
}

/// A department's keys.
struct KeyLine {
    department_id: String,
    department: String,
    current: Option<(String, String)>,
    retired: usize,
}

#[derive(Template)]
#[template(path = "console/certificates.html")]
struct CertificatesPage {
    l: Layout,
    nav: Vec<NavLink>,
    q: String,
    searched: bool,
    found: Vec<CertLine>,
    errors: FormErrors,
    reason: String,
    notice: Option<&'static str>,
    rotated: String,
    reviews: Vec<ReviewLine>,
    keys: Vec<KeyLine>,
}

/// The query of the page.
#[derive(Deserialize, Default)]
pub struct CertQuery {
    #[serde(default)]
    q: String,
    done: Option<String>,
    rotated: Option<String>,
}

fn may_manage(
    ctx: &Ctx,
    department: DepartmentId,
    region: &yiwang_domain::region::RegionCode,
) -> bool {
    ctx.principal.may(
        Permission::ManageCertificates,
        &Scope::department(department, region.clone()),
    )
}

/// The certificates a number names that the caller may manage.
async fn find(app: &AppState, ctx: &Ctx, q: &str) -> Result<Vec<CertRow>, Error> {
    let q = q.trim();
    let rows = if let Ok(id) = q.parse::<CertificateId>() {
        app.store.certificate(id).await?.into_iter().collect()
    } else if let Ok(receipt) = Receipt::parse(q) {
        match app.store.case_by_receipt(&receipt).await? {
            Some(case) => app.store.certificates_of_case(case.id).await?,
            None => Vec::new(),
        }
    } else {
        Vec::new()
    };
    let mut out = Vec::new();
    for c in rows {
        let d = app.store.department(c.department_id).await?;
        if may_manage(ctx, c.department_id, &d.region) {
            out.push(c);
        }
    }
    Ok(out)
}

async fn keys(app: &AppState, ctx: &Ctx) -> Result<Vec<KeyLine>, Error> {
    let all = app.store.signing_keys().await?;
    let mut departments: BTreeMap<String, DepartmentId> = BTreeMap::new();
    for k in &all {
        departments.insert(k.department_id.to_string(), k.department_id);
    }
    if let Some((_, grants)) = ctx.principal.staff() {
        for d in grants.iter().filter_map(|g| g.department) {
            departments.insert(d.to_string(), d);
        }
    }
    let mut out = Vec::new();
    for id in departments.into_values() {
        let d = app.store.department(id).await?;
        if !may_manage(ctx, id, &d.region) {
            continue;
        }
        let mine: Vec<_> = all.iter().filter(|k| k.department_id == id).collect();
        out.push(KeyLine {
            department_id: id.to_string(),
            department: yiwang_kit::zh::display(&d.name, ctx.prefs.lang),
            current: mine
                .iter()
                .find(|k| k.retired_at.is_none())
                .map(|k| (k.kid.clone(), k.created_at.display_minutes())),
            retired: mine.iter().filter(|k| k.retired_at.is_some()).count(),
        });
    }
    Ok(out)
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    q: CertQuery,
    errors: FormErrors,
    reason: String,
) -> Result<CertificatesPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let searched = !q.q.trim().is_empty();
    let found = if searched {
        find(app, ctx, &q.q)
            .await?
            .into_iter()
            .map(|c| CertLine {
                verify_href: format!("/verify?id={}", c.id),
                id: c.id.to_string(),
                type_name: yiwang_kit::zh::display(&c.type_name, lang),
                department: yiwang_kit::zh::display(&c.department_name, lang),
                issued_on: c.issued_on,
                expires_on: c.expires_on.unwrap_or_default(),
                revoked: c.revoked_at.map(|at| {
                    format!(
                        "{} {}",
                        at.display_minutes(),
                        c.revoked_reason.unwrap_or_default()
                    )
                }),
            })
            .collect()
    } else {
        Vec::new()
    };
    let l = Layout::new(app, ctx, t.certs_console_title(), Section::Console).await;
    Ok(CertificatesPage {
        nav: nav(app, ctx, "/console/certificates"),
        l,
        q: q.q,
        searched,
        found,
        errors,
        reason,
        notice: match q.done.as_deref() {
            Some("revoked") => Some(t.certs_console_revoked()),
            Some("kept") => Some(t.certs_review_kept()),
            _ => None,
        },
        rotated: q.rotated.unwrap_or_default(),
        reviews: cert_types::under_review(app, ctx)
            .await?
            .into_iter()
            .map(|r| ReviewLine {
                id: r.cert.id.to_string(),
                type_name: yiwang_kit::zh::display(&r.cert.type_name, lang),
                department: yiwang_kit::zh::display(&r.department, lang),
                reason: if r.cert.reason == "identity_removed" {
                    t.certs_review_identity_removed()
                } else {
                    t.certs_review_identity_changed()
                },
                since: r.cert.since.display_minutes(),
            })
            .collect(),
        keys: keys(app, ctx).await?,
    })
}

/// `GET /console/certificates`: find a certificate; the departments' signing keys.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CertQuery>,
) -> Result<Response, Error> {
    html(&page(&app, &ctx, q, FormErrors::default(), String::new()).await?)
}

/// The revocation form.
#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    reason: String,
}

/// `POST /console/certificates/{id}/revoke`: revokes with a reason (one step: the reason is
/// the confirmation, and the page said what it does).
pub async fn revoke(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CertificateId>,
    Form(f): Form<RevokeForm>,
) -> Result<Response, Error> {
    match certificates::revoke(&app, &ctx, id, &f.reason).await {
        Ok(_) => Ok(see_other(&format!(
            "/console/certificates?q={}&done=revoked",
            percent_encode(&id.to_string())
        ))),
        Err(Error::Domain(e))
            if matches!(
                e.code,
                ErrorCode::ValidationFailed | ErrorCode::InvalidTransition
            ) =>
        {
            let mut errors = FormErrors::from_error(&e, ctx.t());
            if e.code == ErrorCode::InvalidTransition {
                errors.general = Some(ctx.t().certs_console_already_revoked().to_owned());
            }
            let q = CertQuery {
                q: id.to_string(),
                ..Default::default()
            };
            html_invalid(&page(&app, &ctx, q, errors, f.reason).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/certificates/{id}/keep`: the issuer reviewed the certificate and keeps it.
pub async fn keep(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CertificateId>,
) -> Result<Response, Error> {
    cert_types::keep(&app, &ctx, id).await?;
    Ok(see_other("/console/certificates?done=kept"))
}

/// `POST /console/departments/{id}/signing-key`: a new signing key for the department.
pub async fn rotate(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(department): Path<DepartmentId>,
) -> Result<Response, Error> {
    let kid = certificates::rotate_key(&app, &ctx, department).await?;
    Ok(see_other(&format!(
        "/console/certificates?rotated={}",
        percent_encode(&kid)
    )))
}
