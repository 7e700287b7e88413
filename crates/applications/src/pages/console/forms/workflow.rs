//! An item's review steps (APP-3: name, role, department) and the certificate it issues
//! (CERT-1), edited in the builder. The steps are one table posted whole, with buttons to add,
//! move and remove a step; a refused table is drawn again as posted.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::application::{CertificateSpec, FeeSpec, ItemForm};
use yiwang_domain::auth::Role;
use yiwang_domain::forms::shift;
use yiwang_domain::ids::DepartmentId;
use yiwang_domain::workflow::{Step, Workflow};
use yiwang_domain::{FieldCode, FieldErrors};

use super::view::{Filler, Input, Posted, Problems, label, label_from, under};
use super::{Edited, Notice, base, draft, nth, refused_page, save};
use crate::services::forms::Editing;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

/// Roles that act on a step (those of a department).
const STEP_ROLES: [Role; 3] = [Role::WindowClerk, Role::Reviewer, Role::DeptAdmin];

struct StepRow {
    number: usize,
    inputs: Vec<Input>,
}

#[derive(Template)]
#[template(path = "console/forms/workflow.html")]
struct WorkflowPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    item_name: String,
    revision: i64,
    steps: Vec<StepRow>,
    add: Vec<Input>,
    certificate: Vec<Input>,
    fee: Vec<Input>,
    problems: Problems,
    saved: bool,
}

fn step_inputs(
    t: yiwang_kit::i18n::Tr,
    fill: &Filler,
    at: &str,
    s: &Step,
    departments: &[(String, String)],
) -> Vec<Input> {
    let roles = STEP_ROLES
        .iter()
        .map(|r| (r.as_str().to_owned(), t.role(*r).to_owned()))
        .collect();
    let dept = s.department.map(|d| d.to_string()).unwrap_or_default();
    vec![
        fill.line(
            &format!("{at}.name.zh"),
            t.fb_step_name_zh(),
            s.name.zh.clone(),
        ),
        fill.line(
            &format!("{at}.name.en"),
            t.fb_step_name_en(),
            s.name.en.clone().unwrap_or_default(),
        ),
        fill.select(
            &format!("{at}.role"),
            t.fb_step_role(),
            s.role.as_str(),
            roles,
        ),
        fill.select(
            &format!("{at}.department"),
            t.fb_step_department(),
            &dept,
            departments.to_vec(),
        ),
    ]
}

#[allow(clippy::too_many_arguments)]
async fn page(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    b: &ItemForm,
    revision: i64,
    problems: Problems,
    saved: bool,
    fee_posted: Option<&Posted>,
) -> Result<WorkflowPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let mut departments = vec![(String::new(), t.fb_handling_department().to_owned())];
    departments.extend(
        app.store
            .departments_under(&app.config.root_region)
            .await?
            .into_iter()
            .map(|d| (d.id.to_string(), yiwang_kit::zh::display(&d.name, lang))),
    );
    // A refused page is drawn from the refused candidate itself: the steps as posted (moved,
    // added, removed) and the certificate as typed.
    let fill = Filler {
        posted: None,
        problems: &problems,
        boxes: false,
    };
    let steps = b
        .workflow
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| StepRow {
            number: i + 1,
            inputs: step_inputs(t, &fill, &format!("steps[{i}]"), s, &departments),
        })
        .collect();
    let blank = Step {
        name: yiwang_domain::forms::Label {
            zh: String::new(),
            en: None,
        },
        role: Role::Reviewer,
        department: None,
    };
    let c = b.certificate.as_ref();
    // A certificate states questions' answers and what the approval records.
    let keys: Vec<(String, String)> = b
        .form
        .sections
        .iter()
        .flat_map(|s| &s.fields)
        .chain(b.decision.iter().flat_map(|d| &d.fields))
        .map(|f| {
            (
                f.key.clone(),
                format!("{}（{}）", label(&f.label, lang), f.key),
            )
        })
        .collect();
    // Each chosen line's own name on the certificate.
    let line_names = c.into_iter().flat_map(|c| &c.fields).flat_map(|key| {
        let own = c.and_then(|c| c.labels.get(key));
        let question = b
            .form
            .field(key)
            .or_else(|| b.decision_field(key))
            .map(|f| label(&f.label, lang))
            .unwrap_or_default();
        let at = format!("certificate.labels.{key}");
        [
            fill.line(
                &format!("{at}.zh"),
                t.fb_cert_line_zh(),
                own.map(|l| l.zh.clone()).unwrap_or_default(),
            )
            .hint(format!("{}{question}（{key}）", t.fb_cert_line_hint())),
            fill.line(
                &format!("{at}.en"),
                t.fb_cert_line_en(),
                own.and_then(|l| l.en.clone()).unwrap_or_default(),
            ),
        ]
    });
    let mut certificate = vec![
        fill.check("certificate.on", t.fb_cert_on(), c.is_some()),
        fill.line(
            "certificate.type",
            t.fb_cert_type(),
            c.map(|c| c.cert_type.clone()).unwrap_or_default(),
        )
        .hint(t.fb_key_hint()),
        fill.line(
            "certificate.name.zh",
            t.fb_cert_name_zh(),
            c.map(|c| c.name.zh.clone()).unwrap_or_default(),
        ),
        fill.line(
            "certificate.name.en",
            t.fb_cert_name_en(),
            c.and_then(|c| c.name.en.clone()).unwrap_or_default(),
        ),
        fill.checks(
            "certificate.fields",
            t.fb_cert_fields(),
            &c.map(|c| c.fields.clone()).unwrap_or_default(),
            keys,
        ),
        fill.line(
            "certificate.valid_years",
            t.fb_cert_years(),
            c.and_then(|c| c.valid_years)
                .map(|y| y.to_string())
                .unwrap_or_default(),
        )
        .hint(t.fb_cert_years_hint()),
    ];
    certificate.extend(line_names);
    // A refused fee is drawn as typed (an amount of half a fen cannot be kept in fen).
    let fee_fill = Filler {
        posted: fee_posted,
        problems: &problems,
        boxes: fee_posted.is_some(),
    };
    let fee = fee_inputs(app, ctx, &fee_fill, b.fee.as_ref()).await?;
    let l = Layout::new(app, ctx, t.fb_workflow(), NavSection::Console).await;
    Ok(WorkflowPage {
        nav: nav(app, ctx, "/console/items"),
        base: base(e.item.row.id),
        item_name: yiwang_kit::zh::display(&e.item.row.name, lang),
        revision,
        steps,
        add: step_inputs(t, &fill, "new", &blank, &departments),
        certificate,
        fee,
        problems,
        saved,
        l,
    })
}

/// The fee's inputs: on or off, the collecting unit (one of the deployment's), what it is
/// for, the amount in yuan and the days to pay.
async fn fee_inputs(
    app: &AppState,
    ctx: &Ctx,
    fill: &Filler<'_>,
    fee: Option<&FeeSpec>,
) -> Result<Vec<Input>, Error> {
    let t = ctx.t();
    let mut units = vec![(String::new(), t.fb_fee_no_unit().to_owned())];
    units.extend(
        app.store
            .pay_units()
            .await?
            .into_iter()
            .map(|u| (u.code.clone(), format!("{} {}", u.code, u.name))),
    );
    Ok(vec![
        fill.check("fee.on", t.fb_fee_on(), fee.is_some()),
        fill.select(
            "fee.unit",
            t.fb_fee_unit(),
            fee.map(|f| f.unit.as_str()).unwrap_or_default(),
            units,
        ),
        fill.line(
            "fee.title",
            t.fb_fee_title(),
            fee.map(|f| f.title.clone()).unwrap_or_default(),
        )
        .hint(t.fb_fee_title_hint()),
        fill.line(
            "fee.amount",
            t.fb_fee_amount(),
            fee.map(|f| yiwang_domain::payments::Fen(f.amount_fen).yuan())
                .unwrap_or_default(),
        )
        .hint(t.fb_fee_amount_hint()),
        fill.line(
            "fee.due_days",
            t.fb_fee_due_days(),
            fee.map_or_else(|| "15".to_owned(), |f| f.due_days.to_string()),
        )
        .hint(t.fb_fee_due_days_hint()),
    ])
}

/// The fee as posted; what cannot be read is reported under `fee.…` (the rest by the
/// bundle's own check when saved).
async fn read_fee(
    app: &AppState,
    p: &Posted,
    errors: &mut FieldErrors,
) -> Result<Option<FeeSpec>, Error> {
    if !p.on("fee.on") {
        return Ok(None);
    }
    let unit = p.text("fee.unit");
    if !app.store.pay_units().await?.iter().any(|u| u.code == unit) {
        errors.add("fee.unit", FieldCode::InvalidChoice);
    }
    let amount_fen = match yiwang_domain::payments::Fen::parse_yuan(&p.text("fee.amount")) {
        Ok(f) => f.get(),
        Err(c) => {
            errors.add("fee.amount", c);
            0
        }
    };
    let due_days = p.text("fee.due_days").parse().unwrap_or_else(|_| {
        errors.add("fee.due_days", FieldCode::InvalidNumber);
        0
    });
    Ok(Some(FeeSpec {
        unit,
        title: p.text("fee.title"),
        amount_fen,
        due_days,
    }))
}

/// `GET /console/items/{id}/form/workflow`: the review steps and the certificate.
pub async fn workflow(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Query(notice): Query<Notice>,
) -> Result<Response, Error> {
    let (b, revision) = draft(&e)?;
    let p = page(
        &app,
        &ctx,
        &e,
        &b,
        revision,
        Problems::default(),
        notice.saved.is_some(),
        None,
    )
    .await?;
    yiwang_kit::views::html(&p)
}

/// A step from its row of inputs; a department that is not one of the deployment's is
/// reported at `workflow.{at}.department`.
fn read_step(p: &Posted, at: &str, known: &[DepartmentId], errors: &mut FieldErrors) -> Step {
    let role = Role::parse(&p.text(&format!("{at}.role"))).unwrap_or_else(|| {
        errors.add_path(format!("workflow.{at}.role"), FieldCode::InvalidChoice);
        Role::Reviewer
    });
    let dept = p.text(&format!("{at}.department"));
    let department = if dept.is_empty() {
        None
    } else {
        match dept.parse::<DepartmentId>() {
            Ok(d) if known.contains(&d) => Some(d),
            _ => {
                errors.add_path(
                    format!("workflow.{at}.department"),
                    FieldCode::UnknownDepartment,
                );
                None
            }
        }
    };
    Step {
        name: label_from(p, &format!("{at}.name")),
        role,
        department,
    }
}

/// `POST /console/items/{id}/form/workflow`: `action=save|add|up:i|down:i|delete:i` saves the
/// steps as posted (then adds, moves or removes one); `action=certificate` saves the
/// certificate; `action=fee` the fee.
pub async fn workflow_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let (mut b, revision) = draft(&e)?;
    let p = Posted(pairs);
    let (verb, arg) = p.action();
    let mut read = FieldErrors::new();
    if verb == "fee" {
        b.fee = read_fee(&app, &p, &mut read).await?;
    } else if verb == "certificate" {
        // The certificate's own line labels and its validity in months are written in the
        // form's JSON (seed or import); this page keeps them for the lines still chosen.
        let before = b.certificate.take();
        let fields = p.all("certificate.fields");
        // A chosen line's name as posted (blank: the question's), else as it was (a line
        // chosen just now has no box yet).
        let labels = fields
            .iter()
            .filter_map(|key| {
                let at = format!("certificate.labels.{key}");
                let own = if p.get(&format!("{at}.zh")).is_some() {
                    Some(label_from(&p, &at)).filter(|l| !l.zh.is_empty())
                } else {
                    before.as_ref()?.labels.get(key).cloned()
                };
                Some((key.clone(), own?))
            })
            .collect();
        let valid_months = before.and_then(|c| c.valid_months);
        b.certificate = p.on("certificate.on").then(|| CertificateSpec {
            cert_type: p.text("certificate.type"),
            name: label_from(&p, "certificate.name"),
            fields,
            labels,
            valid_months,
            valid_years: {
                let y = p.text("certificate.valid_years");
                (!y.is_empty()).then(|| {
                    y.parse().unwrap_or_else(|_| {
                        read.add("certificate.valid_years", FieldCode::InvalidNumber);
                        0
                    })
                })
            },
        });
    } else {
        let known: Vec<DepartmentId> = app
            .store
            .departments_under(&app.config.root_region)
            .await?
            .iter()
            .map(|d| d.id)
            .collect();
        let mut steps: Vec<Step> = (0..b.workflow.steps.len())
            .map(|i| read_step(&p, &format!("steps[{i}]"), &known, &mut read))
            .collect();
        match verb.as_str() {
            "save" => {}
            "add" => {
                let n = steps.len();
                let mut new_errors = FieldErrors::new();
                steps.push(read_step(&p, "new", &known, &mut new_errors));
                for f in new_errors.iter() {
                    let path = f
                        .field
                        .to_string()
                        .replace("workflow.new", &format!("workflow.steps[{n}]"));
                    read.add_path(path, f.code);
                }
            }
            "up" | "down" => {
                shift(&mut steps, nth(&arg)?, verb == "up");
            }
            "delete" => {
                let i = nth(&arg)?;
                if i < steps.len() {
                    steps.remove(i);
                }
            }
            _ => return Err(Error::not_found()),
        }
        b.workflow = Workflow { steps };
    }
    match save(&app, &ctx, &e, &b, p.revision(), read).await? {
        Ok(_) => Ok(see_other(&format!(
            "{}/workflow?saved=1",
            base(e.item.row.id)
        ))),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(t, ctx.prefs.lang, e.item.row.id, &b, &refused, |path| {
                under(path, "workflow", "", &[]).or_else(|| {
                    (path.starts_with("certificate") || path.starts_with("fee"))
                        .then(|| under(path, "", "", &["certificate.fields"]))
                        .flatten()
                })
            });
            let fee_posted = (verb == "fee").then_some(&p);
            let page = page(&app, &ctx, &e, &b, revision, problems, false, fee_posted).await?;
            refused_page(&page, refused.code)
        }
    }
}
