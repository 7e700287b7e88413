//! One case for the staff who handle it (APP-3): what was asked and answered, the files, the
//! history, the instant-approval trace, and a form for each step the workflow allows the
//! caller now. Opening it is a read of personal data, written to the audit log first.
//!
//! Here: who may open it and the page itself; the answers and history as staff read them are
//! in `case_view`, the action forms and posting a step in `case_actions`.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::Timestamp;
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::CaseId;
use yiwang_domain::workflow::{DeliveryMethod, PauseKind};

use super::{Due, Opt, due_of, navs, step_name};
use crate::services::reads;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Path, Query};
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html};

use super::action_forms::{ActForm, DecisionInput, Forms, decision_inputs, forms_for};
use super::case_view::{
    Applicant, EventView, PauseView, SectionView, TraceView, history_view, sections, trace_view,
};
use super::handling::{Handling, handling};
use crate::texts::*;

#[derive(Template)]
#[template(path = "console/cases/show.html")]
pub(super) struct CasePage {
    l: Layout,
    nav: Vec<super::NavLink>,
    tabs: Vec<super::NavLink>,
    id: CaseId,
    revision: i64,
    receipt: String,
    item: String,
    state: &'static str,
    step: String,
    department: String,
    accepted_on: Option<String>,
    due: Due,
    uncovered: bool,
    pauses: Vec<PauseView>,
    delivery: Option<&'static str>,
    tracking: Option<String>,
    applicant: Applicant,
    sections: Vec<SectionView>,
    history: Vec<EventView>,
    trace: Option<TraceView>,
    forms: Forms,
    /// The approval's decision fields and their heading.
    decision_title: String,
    decision: Vec<DecisionInput>,
    departments: Vec<Opt>,
    pause_kinds: Vec<Opt>,
    methods: Vec<Opt>,
    v: ActForm,
    errors: FormErrors,
    notice: Option<&'static str>,
    done: bool,
    /// The case's certificates: number, type, revoked; linked to the certificate page for
    /// those who may manage them.
    certificates: Vec<(String, String, bool)>,
    manage_certificates: bool,
}

impl CasePage {
    /// The posted value of a field of the action form that was refused.
    fn val(&self, action: &str, field: &str) -> &str {
        if self.v.action != action {
            return "";
        }
        match field {
            "missing" => &self.v.missing,
            "note" => &self.v.note,
            "reason" => &self.v.reason,
            "legal_basis" => &self.v.legal_basis,
            "tracking" => &self.v.tracking,
            _ => "",
        }
    }

    /// The posted value of a decision field of the refused approval.
    fn decision_val(&self, name: &str) -> &str {
        if self.v.action != "approve" {
            return "";
        }
        self.v.rest.get(name).map_or("", String::as_str)
    }

    /// Every message of a field of an action form.
    fn errs(&self, action: &str, field: &str) -> Vec<&str> {
        let key = format!("{action}-{field}");
        self.errors
            .items
            .iter()
            .filter(|(f, _)| *f == key)
            .map(|(_, m)| m.as_str())
            .collect()
    }

    /// Options with the posted one chosen (for the refused form).
    fn chosen(&self, options: &[Opt], action: &str, field: &str) -> Vec<(String, String, bool)> {
        let posted = if self.v.action == action {
            match field {
                "kind" => self.v.kind.as_str(),
                "to" => self.v.to.as_str(),
                "method" => self.v.method.as_str(),
                _ => "",
            }
        } else {
            ""
        };
        options
            .iter()
            .map(|o| (o.value.clone(), o.label.clone(), o.value == posted))
            .collect()
    }
}

/// Builds the page: records the read of personal data (in its own transaction, with the
/// applicant as subject) before decrypting anything.
pub(super) async fn case_page(
    app: &AppState,
    ctx: &Ctx,
    h: Handling,
    v: ActForm,
    errors: FormErrors,
    notice: Option<&'static str>,
    done: bool,
) -> Result<CasePage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let c = &h.case;
    let pauses = reads::page(app, ctx, c, &h.region).await?;

    let answers = app.store.case_answers(c.id).await?;
    let uploads = app.store.case_uploads(c.id).await?;
    let names: HashMap<String, String> = uploads
        .into_iter()
        .map(|u| (u.id.to_string(), u.name))
        .collect();
    let profile = app.store.profile(c.account_id).await?;
    let assisted_by = match c.assisted_by {
        Some(a) => app
            .store
            .profile(a)
            .await
            .ok()
            .and_then(|p| p.display_name.or(p.username)),
        None => None,
    };
    let certificates = app
        .store
        .certificates_of_case(c.id)
        .await?
        .into_iter()
        .map(|x| {
            (
                x.id.to_string(),
                yiwang_kit::zh::display(&x.type_name, lang),
                x.revoked_at.is_some(),
            )
        })
        .collect();
    let manage_certificates =
        yiwang_domain::region::RegionCode::parse(&c.region_code).is_ok_and(|r| {
            ctx.principal.may(
                yiwang_domain::auth::Permission::ManageCertificates,
                &yiwang_domain::auth::Scope::department(c.department_id, r),
            )
        });
    let events = app.store.case_events(c.id).await?;
    let cal = app.store.calendar().await?;
    let today = Timestamp::now().beijing_date();
    let forms = forms_for(&h);
    let departments = if forms.transfer {
        app.store
            .departments_under(&h.region)
            .await?
            .into_iter()
            .filter(|d| d.id != c.department_id)
            .map(|d| Opt {
                value: d.id.to_string(),
                label: yiwang_kit::zh::display(&d.name, lang),
                selected: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let pause_kinds = [
        PauseKind::ExpertReview,
        PauseKind::Hearing,
        PauseKind::OnSiteInspection,
    ]
    .into_iter()
    .map(|k| Opt {
        value: k.as_str().to_owned(),
        label: t.cc_pause_kind(k).to_owned(),
        selected: false,
    })
    .collect();
    let methods = [
        DeliveryMethod::Counter,
        DeliveryMethod::Post,
        DeliveryMethod::Electronic,
    ]
    .into_iter()
    .map(|m| Opt {
        value: m.as_str().to_owned(),
        label: t.cc_delivery(m).to_owned(),
        selected: false,
    })
    .collect();
    let (decision_title, decision) = decision_inputs(&h.bundle, lang);
    let (nav, tabs) = navs(app, ctx, "/console/cases");
    let l = Layout::new(
        app,
        ctx,
        format!("{} {}", t.console_cases_title(), c.receipt),
        Section::Console,
    )
    .await;
    Ok(CasePage {
        l,
        nav,
        tabs,
        id: c.id,
        revision: c.revision,
        receipt: c.receipt.clone(),
        item: yiwang_kit::zh::display(&c.item_name, lang),
        state: t.cc_state(c.state),
        step: step_name(&h.bundle.workflow, c, lang, t),
        department: yiwang_kit::zh::display(&c.department_name, lang),
        accepted_on: c.accepted_on.map(|d| d.to_string()),
        due: due_of(t, &cal, c, today),
        uncovered: !c.due_uncovered.is_empty(),
        pauses: pauses
            .into_iter()
            .map(|(k, p)| PauseView {
                kind: t.cc_pause_kind(k),
                from: p.from.to_string(),
                to: p.to.map(|d| d.to_string()),
            })
            .collect(),
        delivery: c.delivery.map(|m| t.cc_delivery(m)),
        tracking: c.tracking.clone(),
        applicant: Applicant {
            name: profile.real_name.clone(),
            identity: t.assurance(profile.identity),
            id_number: profile.id_number.as_deref().map(mask_id_number),
            phone: profile.phone.as_deref().map(mask_mobile),
            assisted_by,
        },
        sections: sections(app, lang, &h.bundle, &answers, &names).await,
        history: history_view(t, lang, events),
        trace: c.rule_trace.as_deref().map(|j| trace_view(t, lang, j)),
        forms,
        decision_title,
        decision,
        departments,
        pause_kinds,
        methods,
        v,
        errors,
        notice,
        done,
        certificates,
        manage_certificates,
    })
}

/// The query parameters of the case page.
#[derive(Deserialize, Default)]
pub struct ShowQuery {
    #[serde(default)]
    done: String,
}

/// `GET /console/cases/{id}`.
pub async fn show(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<CaseId>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let h = handling(&app, &ctx, id).await?;
    let page = case_page(
        &app,
        &ctx,
        h,
        ActForm::default(),
        FormErrors::default(),
        None,
        !q.done.is_empty(),
    )
    .await?;
    html(&page)
}
