//! The dry run of instant approval (APP-5): the editor types sample answers to the draft's
//! questions and sample facts (an ID number, certificates held, open cases) and sees what each
//! rule would decide, on which inputs from which sources — nothing is saved, nobody is told.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{FieldKind, pairs};
use yiwang_domain::rules::{Outcome, Trace};
use yiwang_domain::{ErrorCode, FieldErrors};

use super::field_post::split_list;
use super::view::{Filler, Input, Posted, Problems, Refused, label};
use super::{Edited, base};
use crate::services::forms::{self as svc, Editing, Sample};
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Form;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

struct FactRow {
    name: String,
    value: String,
    source: &'static str,
}

struct ResultRow {
    label: String,
    key: String,
    outcome: &'static str,
    passed: bool,
    inputs: Vec<FactRow>,
}

#[derive(Template)]
#[template(path = "console/forms/dry_run.html")]
struct DryRunPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    item_name: String,
    of_draft: bool,
    instant: bool,
    answers: Vec<Input>,
    facts: Vec<Input>,
    trace: Option<(bool, Vec<ResultRow>)>,
    problems: Problems,
}

/// The bundle the dry run judges: the draft's, else the current version's.
fn judged(e: &Editing) -> Result<(&ItemForm, bool), Error> {
    match (e.draft(), e.current()) {
        (Some(d), _) => Ok((&d.bundle, true)),
        (None, Some(c)) => Ok((&c.bundle, false)),
        (None, None) => Err(Error::not_found()),
    }
}

async fn page(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    posted: Option<&Posted>,
    trace: Option<Trace>,
    problems: Problems,
) -> Result<DryRunPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let (b, of_draft) = judged(e)?;
    let fill = Filler {
        posted,
        problems: &problems,
        boxes: true,
    };
    let mut answers = Vec::new();
    for f in b.form.sections.iter().flat_map(|s| &s.fields) {
        let name = label(&f.label, lang);
        let options = |o: &[yiwang_domain::forms::ChoiceOption]| {
            o.iter()
                .map(|o| (o.value.clone(), label(&o.label, lang)))
                .collect::<Vec<_>>()
        };
        answers.push(match &f.kind {
            FieldKind::File { .. } | FieldKind::Group { .. } => continue,
            FieldKind::Choice { options: o } => {
                let mut all = vec![(String::new(), t.fb_no_answer().to_owned())];
                all.extend(options(o));
                fill.select(&f.key, &name, "", all)
            }
            FieldKind::MultiChoice { options: o, .. } => {
                fill.checks(&f.key, &name, &[], options(o))
            }
            FieldKind::Address { .. } => fill
                .line(&format!("{}.region", f.key), &name, String::new())
                .hint(t.fb_region_code_hint()),
            _ => fill.line(&f.key, &name, String::new()),
        });
    }
    let facts = vec![
        fill.line("_id_number", t.fb_sample_id(), String::new())
            .hint(t.fb_sample_id_hint()),
        fill.line("_certificates", t.fb_sample_certs(), String::new())
            .hint(t.fb_list_hint()),
        fill.check("_open_here", t.fb_sample_open_here(), false),
        fill.line("_open_cases", t.fb_sample_open_others(), String::new())
            .hint(t.fb_open_items_hint()),
    ];
    let trace = trace.map(|tr| {
        let rows = tr
            .results
            .iter()
            .map(|r| ResultRow {
                label: label(&r.label, lang),
                key: r.key.clone(),
                outcome: t.cc_rule_outcome(r.outcome),
                passed: r.outcome == Outcome::Pass,
                inputs: r
                    .inputs
                    .iter()
                    .map(|i| FactRow {
                        name: i.name.clone(),
                        value: if i.value.is_empty() {
                            t.fb_missing().to_owned()
                        } else {
                            i.value.clone()
                        },
                        source: t.cc_rule_source(i.source),
                    })
                    .collect(),
            })
            .collect();
        (tr.passed, rows)
    });
    let l = Layout::new(app, ctx, t.fb_dry_run(), NavSection::Console).await;
    Ok(DryRunPage {
        nav: nav(app, ctx, "/console/items"),
        base: base(e.item.row.id),
        item_name: yiwang_kit::zh::display(&e.item.row.name, lang),
        of_draft,
        instant: b.instant,
        answers,
        facts,
        trace,
        problems,
        l,
    })
}

/// `GET /console/items/{id}/form/dry-run`: sample answers and facts to try the rules on.
pub async fn dry_run_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
) -> Result<Response, Error> {
    yiwang_kit::views::html(&page(&app, &ctx, &e, None, None, Problems::default()).await?)
}

/// `POST /console/items/{id}/form/dry-run`: what the rules decide on the posted sample, each
/// rule with its inputs and their sources. Changes nothing.
pub async fn dry_run(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let p = Posted(pairs);
    let (b, _) = judged(&e)?;
    let id_number = p.text("_id_number");
    let mut open_cases = split_list(&p.text("_open_cases"));
    if p.on("_open_here") {
        open_cases.push(e.item.row.id.to_string());
    }
    let sample = Sample {
        answers: pairs::answers_from_pairs(&b.form, None, &p.0),
        id_number: (!id_number.is_empty()).then_some(id_number),
        certificates: split_list(&p.text("_certificates")),
        open_cases,
    };
    match svc::dry_run(&app, &ctx, e.item.row.id, &sample).await {
        Ok(trace) => yiwang_kit::views::html(
            &page(&app, &ctx, &e, Some(&p), Some(trace), Problems::default()).await?,
        ),
        Err(Error::Domain(d)) if d.code == ErrorCode::ValidationFailed => {
            // The only sample fact with a format is the ID number.
            let mut fields = FieldErrors::new();
            for f in d.fields.iter() {
                fields.add_path("_id_number".to_owned(), f.code);
            }
            let refused = Refused {
                fields,
                code: d.code,
            };
            let problems = Problems::of(
                ctx.t(),
                ctx.prefs.lang,
                e.item.row.id,
                b,
                &refused,
                |path| Some((path.to_owned(), None)),
            );
            let page = page(&app, &ctx, &e, Some(&p), None, problems).await?;
            super::refused_page(&page, d.code)
        }
        Err(e) => Err(e),
    }
}
