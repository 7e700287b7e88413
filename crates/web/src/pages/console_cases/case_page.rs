//! One case for the staff who handle it (APP-3): what was asked and answered, the files, the
//! history, the instant-approval trace, and a form for each step the workflow allows the
//! caller now. Opening it is a read of personal data, written to the audit log first.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use http::StatusCode;
use serde::Deserialize;
use serde_json::Value;
use yiwang_domain::application::ItemForm;
use yiwang_domain::audit::AuditAction;
use yiwang_domain::auth::{Actor as AuthActor, Permission, Role, Scope, allows};
use yiwang_domain::forms::{Field, FieldKind};
use yiwang_domain::identity::id_number::mask_id_number;
use yiwang_domain::identity::phone::mask_mobile;
use yiwang_domain::ids::CaseId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::rules::Trace;
use yiwang_domain::workflow::{
    Action, Actor, CaseView, DeliveryMethod, PauseKind, acting_department, decide,
};
use yiwang_domain::{ErrorCode, FieldCode, Lang, Timestamp};
use yiwang_store::applications::cases::CaseRow;
use yiwang_store::applications::history::EventActor;

use super::{Due, Opt, due_of, label_text, navs, step_name};
use crate::error::Error;
use crate::extract::{Form, Path, Query};
use crate::i18n::Tr;
use crate::pages::see_other;
use crate::pipeline::Ctx;
use crate::services::applications::act::{bundle_of, staff_act};
use crate::services::audit::{self, Target};
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{FormErrors, Layout, html};

/// A case the caller may handle, with its form version and the caller's roles in the
/// department that must act now.
struct Handling {
    case: CaseRow,
    bundle: ItemForm,
    region: RegionCode,
    roles: Vec<Role>,
}

fn view_of(case: &CaseRow) -> CaseView {
    CaseView {
        state: case.state,
        step: case.step,
        accepted: case.accepted_on.is_some(),
        paused: case.paused,
        auto_decided: case.auto_decided,
    }
}

/// The case if the caller holds HandleCases in its acting or handling department (in the
/// case's region); anything else is "not found", so other departments' cases stay unseen.
async fn handling(app: &AppState, ctx: &Ctx, id: &str) -> Result<Handling, Error> {
    let id: CaseId = id.parse().map_err(|_| Error::not_found())?;
    let case = app.store.case(id).await?.ok_or_else(Error::not_found)?;
    let bundle = bundle_of(app, &case).await?;
    let region =
        RegionCode::parse(&case.region_code).map_err(|_| Error::internal("case region"))?;
    let acting = acting_department(&bundle.workflow, &view_of(&case), case.department_id);
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

/// Which action forms to show: those `decide` allows one of the caller's roles now (texts
/// aside: they are the form's to fill).
#[derive(Default)]
pub struct Forms {
    accept: bool,
    ret: bool,
    advance: bool,
    approve: bool,
    deny: bool,
    pause: bool,
    resume: bool,
    transfer: bool,
    deliver: bool,
}

impl Forms {
    fn any(&self) -> bool {
        self.accept
            || self.ret
            || self.advance
            || self.approve
            || self.deny
            || self.pause
            || self.resume
            || self.transfer
            || self.deliver
    }
}

fn forms_for(h: &Handling) -> Forms {
    let view = view_of(&h.case);
    let x = || "x".to_owned();
    let ok = |a: Action| {
        h.roles.iter().any(|r| {
            match decide(
                &h.bundle.workflow,
                &view,
                Actor::Staff(*r),
                &a,
                h.case.department_id,
            ) {
                Ok(_) => true,
                Err(e) => e.code == ErrorCode::ValidationFailed,
            }
        })
    };
    Forms {
        accept: ok(Action::Accept),
        ret: ok(Action::Return {
            missing: vec![x()],
            note: String::new(),
        }),
        advance: ok(Action::Advance {
            note: String::new(),
        }),
        approve: ok(Action::Approve {
            note: String::new(),
        }),
        deny: ok(Action::Deny {
            reason: x(),
            legal_basis: x(),
        }),
        pause: ok(Action::Pause {
            kind: PauseKind::ExpertReview,
            note: x(),
        }),
        resume: ok(Action::Resume),
        transfer: ok(Action::Transfer {
            to: h.case.department_id,
            reason: x(),
        }),
        deliver: ok(Action::Deliver {
            method: DeliveryMethod::Counter,
            tracking: None,
        }),
    }
}

/// The fields an action form posts (kept to show a refused form again).
#[derive(Deserialize, Default, Clone)]
pub struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    revision: String,
    #[serde(default)]
    missing: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    legal_basis: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    method: String,
    #[serde(default)]
    tracking: String,
}

impl ActForm {
    fn action(&self) -> Result<Action, Error> {
        let note = self.note.clone();
        Ok(match self.action.as_str() {
            "accept" => Action::Accept,
            "return" => Action::Return {
                missing: self.missing.lines().map(str::to_owned).collect(),
                note,
            },
            "advance" => Action::Advance { note },
            "approve" => Action::Approve { note },
            "deny" => Action::Deny {
                reason: self.reason.clone(),
                legal_basis: self.legal_basis.clone(),
            },
            "pause" => Action::Pause {
                kind: PauseKind::parse(self.kind.trim())
                    .ok_or_else(|| Error::field("kind", FieldCode::InvalidChoice))?,
                note,
            },
            "resume" => Action::Resume,
            "transfer" => Action::Transfer {
                to: match self.to.trim() {
                    "" => return Err(Error::field("to", FieldCode::Required)),
                    s => s
                        .parse()
                        .map_err(|_| Error::field("to", FieldCode::InvalidChoice))?,
                },
                reason: self.reason.clone(),
            },
            "deliver" => Action::Deliver {
                method: DeliveryMethod::parse(self.method.trim())
                    .ok_or_else(|| Error::field("method", FieldCode::InvalidChoice))?,
                tracking: Some(self.tracking.clone()).filter(|t| !t.trim().is_empty()),
            },
            _ => return Err(Error::code(ErrorCode::InvalidBody)),
        })
    }
}

/// A file of the case, linked for download.
pub struct FileLink {
    id: String,
    name: String,
}

/// One answer of a group entry.
pub struct SubAnswer {
    label: String,
    text: Option<String>,
    files: Vec<FileLink>,
}

/// One question with its answer.
pub struct AnswerView {
    label: String,
    text: Option<String>,
    files: Vec<FileLink>,
    entries: Vec<Vec<SubAnswer>>,
    is_group: bool,
}

/// A section of the form with its answers.
pub struct SectionView {
    title: String,
    answers: Vec<AnswerView>,
}

/// One entry of the history.
pub struct EventView {
    at: String,
    what: &'static str,
    who: String,
    department: String,
    note: String,
    missing: Vec<String>,
    facts: Vec<(&'static str, String)>,
}

/// One rule that stopped instant approval.
pub struct RuleView {
    label: String,
    outcome: &'static str,
    inputs: Vec<String>,
}

/// The instant-approval trace.
pub struct TraceView {
    readable: bool,
    passed: bool,
    failed: Vec<RuleView>,
}

/// A stretch when the clock stood still.
pub struct PauseView {
    kind: &'static str,
    from: String,
    to: Option<String>,
}

/// The applicant, as staff see them.
pub struct Applicant {
    name: Option<String>,
    id_number: Option<String>,
    phone: Option<String>,
    assisted_by: Option<String>,
}

#[derive(Template)]
#[template(path = "console/cases/show.html")]
struct CasePage {
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
    departments: Vec<Opt>,
    pause_kinds: Vec<Opt>,
    methods: Vec<Opt>,
    v: ActForm,
    errors: FormErrors,
    notice: Option<&'static str>,
    done: bool,
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

/// An answer in words: choice values as their labels, addresses with the region's name.
async fn answer_text(app: &AppState, lang: Lang, field: &Field, v: &Value) -> Option<String> {
    let text = match (&field.kind, v) {
        (_, Value::Null) => return None,
        (FieldKind::Choice { options }, Value::String(s)) => options
            .iter()
            .find(|o| &o.value == s)
            .map(|o| label_text(&o.label, lang))
            .unwrap_or_else(|| s.clone()),
        (FieldKind::MultiChoice { options, .. }, Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(|s| {
                options
                    .iter()
                    .find(|o| o.value == s)
                    .map(|o| label_text(&o.label, lang))
                    .unwrap_or_else(|| s.to_owned())
            })
            .collect::<Vec<_>>()
            .join("、"),
        (FieldKind::Number { unit, .. }, _) => {
            let n = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            match unit {
                Some(u) => format!("{n} {}", label_text(u, lang)),
                None => n,
            }
        }
        (FieldKind::Address { .. }, Value::Object(parts)) => {
            let code = parts.get("region").and_then(Value::as_str).unwrap_or("");
            let region = match RegionCode::parse(code) {
                Ok(c) => app
                    .store
                    .region(&c)
                    .await
                    .map(|r| crate::zh::display(&r.name, lang))
                    .unwrap_or_else(|_| code.to_owned()),
                Err(_) => code.to_owned(),
            };
            let detail = parts.get("detail").and_then(Value::as_str).unwrap_or("");
            format!("{region} {detail}")
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    };
    (!text.trim().is_empty()).then_some(text)
}

fn file_links(v: Option<&Value>, names: &HashMap<String, String>) -> Vec<FileLink> {
    v.and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(|id| FileLink {
                    id: id.to_owned(),
                    name: names.get(id).cloned().unwrap_or_else(|| id.to_owned()),
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn sections(
    app: &AppState,
    lang: Lang,
    bundle: &ItemForm,
    answers: &serde_json::Map<String, Value>,
    names: &HashMap<String, String>,
) -> Vec<SectionView> {
    let mut out = Vec::new();
    for s in &bundle.form.sections {
        let mut list = Vec::new();
        for f in &s.fields {
            let v = answers.get(&f.key);
            let mut a = AnswerView {
                label: label_text(&f.label, lang),
                text: None,
                files: Vec::new(),
                entries: Vec::new(),
                is_group: false,
            };
            match &f.kind {
                FieldKind::File { .. } => a.files = file_links(v, names),
                FieldKind::Group { fields, .. } => {
                    a.is_group = true;
                    for entry in v.and_then(Value::as_array).into_iter().flatten() {
                        let mut subs = Vec::new();
                        for sf in fields {
                            let sv = entry.get(&sf.key);
                            let (text, files) = match (&sf.kind, sv) {
                                (FieldKind::File { .. }, _) => (None, file_links(sv, names)),
                                (_, Some(sv)) => (answer_text(app, lang, sf, sv).await, Vec::new()),
                                (_, None) => (None, Vec::new()),
                            };
                            subs.push(SubAnswer {
                                label: label_text(&sf.label, lang),
                                text,
                                files,
                            });
                        }
                        a.entries.push(subs);
                    }
                }
                _ => {
                    if let Some(v) = v {
                        a.text = answer_text(app, lang, f, v).await;
                    }
                }
            }
            list.push(a);
        }
        out.push(SectionView {
            title: label_text(&s.title, lang),
            answers: list,
        });
    }
    out
}

fn history_view(
    t: Tr,
    lang: Lang,
    events: Vec<yiwang_store::applications::history::CaseEvent>,
) -> Vec<EventView> {
    events
        .into_iter()
        .map(|e| {
            let d = &e.detail;
            let mut facts = Vec::new();
            if let Some(b) = d.get("legal_basis").and_then(Value::as_str) {
                facts.push((t.cc_legal_basis(), b.to_owned()));
            }
            if let Some(m) = d
                .get("method")
                .and_then(Value::as_str)
                .and_then(DeliveryMethod::parse)
            {
                facts.push((t.cc_delivery_label(), t.cc_delivery(m).to_owned()));
            }
            if let Some(n) = d.get("tracking").and_then(Value::as_str) {
                facts.push((t.cc_tracking(), n.to_owned()));
            }
            if let Some(k) = d
                .get("kind")
                .and_then(Value::as_str)
                .and_then(PauseKind::parse)
            {
                facts.push((t.cc_pause_kind_label(), t.cc_pause_kind(k).to_owned()));
            }
            EventView {
                at: e.at.display_minutes(),
                what: t.cc_event(e.kind),
                who: match &e.actor {
                    EventActor::Applicant => t.cc_by_applicant().to_owned(),
                    EventActor::Staff(_, name) => name.clone(),
                    EventActor::System => t.cc_by_system().to_owned(),
                },
                department: crate::zh::display(&e.department_name, lang),
                note: e.note.clone(),
                missing: d
                    .get("missing")
                    .and_then(Value::as_array)
                    .map(|l| {
                        l.iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
                facts,
            }
        })
        .collect()
}

fn trace_view(t: Tr, lang: Lang, json: &str) -> TraceView {
    match serde_json::from_str::<Trace>(json) {
        Ok(tr) => TraceView {
            readable: true,
            passed: tr.passed,
            failed: tr
                .not_passed()
                .map(|r| RuleView {
                    label: label_text(&r.label, lang),
                    outcome: t.cc_rule_outcome(r.outcome),
                    inputs: r
                        .inputs
                        .iter()
                        .map(|i| {
                            let value = if i.value.is_empty() {
                                "—"
                            } else {
                                i.value.as_str()
                            };
                            format!("{} = {}（{}）", i.name, value, t.cc_rule_source(i.source))
                        })
                        .collect(),
                })
                .collect(),
        },
        Err(_) => TraceView {
            readable: false,
            passed: false,
            failed: Vec::new(),
        },
    }
}

/// Builds the page: records the read of personal data (in its own transaction, with the
/// applicant as subject) before decrypting anything.
async fn case_page(
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
    let mut tx = app.store.begin().await?;
    let target = Target {
        kind: Some("case"),
        id: Some(c.id.to_string()),
        subject: Some(c.account_id),
        region: Some(h.region.clone()),
        department: Some(c.department_id),
        detail: Some(
            serde_json::json!({ "receipt": c.receipt, "fields": ["answers", "files", "real_name", "id_number", "phone"] }),
        ),
    };
    audit::record(app, ctx, &mut tx, AuditAction::CaseRead, target).await?;
    let pauses = app.store.case_pauses(&mut tx, c.id).await?;
    yiwang_store::commit(tx).await?;

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
                label: crate::zh::display(&d.name, lang),
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
        item: crate::zh::display(&c.item_name, lang),
        state: t.cc_state(c.state),
        step: step_name(&h.bundle.workflow, c, lang, t),
        department: crate::zh::display(&c.department_name, lang),
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
            id_number: profile.id_number.as_deref().map(mask_id_number),
            phone: profile.phone.as_deref().map(mask_mobile),
            assisted_by,
        },
        sections: sections(app, lang, &h.bundle, &answers, &names).await,
        history: history_view(t, lang, events),
        trace: c.rule_trace.as_deref().map(|j| trace_view(t, lang, j)),
        forms,
        departments,
        pause_kinds,
        methods,
        v,
        errors,
        notice,
        done,
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
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, Error> {
    let h = handling(&app, &ctx, &id).await?;
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

fn with_status(res: Result<Response, Error>, status: StatusCode) -> Result<Response, Error> {
    let mut res = res?;
    *res.status_mut() = status;
    Ok(res)
}

/// `POST /console/cases/{id}` (form: `action` and its fields, `revision`): one step on the
/// case. Someone faster (`conflict`) or a step no longer possible shows the fresh case with a
/// notice (409); bad texts show the form again with its messages (422).
pub async fn act(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ActForm>,
) -> Result<Response, Error> {
    // Cases of other departments are "not found" here too.
    handling(&app, &ctx, &id).await?;
    let result = match (f.action(), f.revision.trim().parse::<i64>()) {
        (Ok(action), Ok(rev)) => staff_act(&app, &ctx, &id, rev, action).await.map(|_| ()),
        (Err(e), _) => Err(e),
        (_, Err(_)) => Err(Error::code(ErrorCode::InvalidBody)),
    };
    let t = ctx.t();
    let (status, errors, notice, keep) = match result {
        Ok(()) => return Ok(see_other(&format!("/console/cases/{id}?done=1"))),
        Err(Error::Domain(e)) => match e.code {
            ErrorCode::Conflict => (
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(t.cc_conflict_notice()),
                false,
            ),
            ErrorCode::InvalidTransition => (
                StatusCode::CONFLICT,
                FormErrors::default(),
                Some(t.cc_invalid_transition()),
                false,
            ),
            ErrorCode::Forbidden => (
                StatusCode::FORBIDDEN,
                FormErrors::default(),
                Some(t.cc_role_notice()),
                false,
            ),
            ErrorCode::ValidationFailed => {
                let mut errors = FormErrors::from_error(&e, t);
                for (field, _) in &mut errors.items {
                    *field = format!("{}-{field}", f.action);
                }
                (StatusCode::UNPROCESSABLE_ENTITY, errors, None, true)
            }
            _ => return Err(Error::Domain(e)),
        },
        Err(e) => return Err(e),
    };
    let h = handling(&app, &ctx, &id).await?;
    let v = if keep { f } else { ActForm::default() };
    let page = case_page(&app, &ctx, h, v, errors, notice, false).await?;
    with_status(html(&page), status)
}
