//! Instant approval (秒批, APP-5) in the builder: switching it on or off, and the list of rules
//! (moved or removed there). One rule's editor is in `rule`, the dry run in `dry_run`.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::FieldErrors;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::shift;
use yiwang_domain::rules::{RuleSet, Test};

use super::view::{Filler, Input, Posted, Problems, label};
use super::{Edited, Notice, base, draft, nth, refused_page, save};
use crate::services::forms::Editing;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Query};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

pub use super::dry_run::{dry_run, dry_run_form};
use crate::texts::*;

/// The kinds of test, as the list's "add a rule" offers them.
const TESTS: [&str; 5] = [
    "age",
    "field",
    "region",
    "holds_certificate",
    "no_open_case",
];

/// The path of a new rule's editor.
pub(super) const NEW: &str = "_new";

pub(super) fn test_name(t: &Test) -> &'static str {
    match t {
        Test::Age { .. } => "age",
        Test::Field { .. } => "field",
        Test::Region { .. } => "region",
        Test::HoldsCertificate { .. } => "holds_certificate",
        Test::NoOpenCase { .. } => "no_open_case",
    }
}

struct RuleRow {
    key: String,
    label: String,
    test: &'static str,
}

#[derive(Template)]
#[template(path = "console/forms/rules.html")]
struct RulesPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    item_name: String,
    revision: i64,
    instant: Input,
    rules: Vec<RuleRow>,
    tests: Vec<(String, String)>,
    problems: Problems,
    saved: bool,
}

async fn list_page(
    app: &AppState,
    ctx: &Ctx,
    e: &Editing,
    b: &ItemForm,
    revision: i64,
    problems: Problems,
    saved: bool,
) -> Result<RulesPage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let fill = Filler {
        posted: None,
        problems: &problems,
        boxes: false,
    };
    let l = Layout::new(app, ctx, t.fb_rules(), NavSection::Console).await;
    Ok(RulesPage {
        nav: nav(app, ctx, "/console/items"),
        base: base(e.item.row.id),
        item_name: yiwang_kit::zh::display(&e.item.row.name, lang),
        revision,
        instant: fill
            .check("instant", t.fb_instant(), b.instant)
            .hint(t.fb_instant_hint()),
        rules: b
            .rules
            .iter()
            .flat_map(|r| &r.rules)
            .map(|r| RuleRow {
                key: r.key.clone(),
                label: label(&r.label, lang),
                test: t.fb_test(test_name(&r.test)),
            })
            .collect(),
        tests: TESTS
            .iter()
            .map(|x| ((*x).to_owned(), t.fb_test(x).to_owned()))
            .collect(),
        problems,
        saved,
        l,
    })
}

/// `GET /console/items/{id}/form/rules`: instant approval on or off, and the rules.
pub async fn rules(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Query(notice): Query<Notice>,
) -> Result<Response, Error> {
    let (b, revision) = draft(&e)?;
    let page = list_page(
        &app,
        &ctx,
        &e,
        &b,
        revision,
        Problems::default(),
        notice.saved.is_some(),
    )
    .await?;
    yiwang_kit::views::html(&page)
}

/// `POST /console/items/{id}/form/rules`: `action=instant` (with the `instant` box),
/// `up:i`, `down:i` or `delete:i`.
pub async fn rules_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let (mut b, revision) = draft(&e)?;
    let p = Posted(pairs);
    let (verb, arg) = p.action();
    let list = &mut b
        .rules
        .get_or_insert_with(|| RuleSet { rules: Vec::new() })
        .rules;
    match verb.as_str() {
        "instant" => b.instant = p.on("instant"),
        "up" | "down" => {
            shift(list, nth(&arg)?, verb == "up");
        }
        "delete" => {
            let i = nth(&arg)?;
            if i >= list.len() {
                return Err(Error::not_found());
            }
            list.remove(i);
        }
        _ => return Err(Error::not_found()),
    }
    match save(&app, &ctx, &e, &b, p.revision(), FieldErrors::new()).await? {
        Ok(_) => Ok(see_other(&format!("{}/rules?saved=1", base(e.item.row.id)))),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(t, ctx.prefs.lang, e.item.row.id, &b, &refused, |path| {
                (path == "rules").then(|| ("instant".to_owned(), None))
            });
            let (saved, _) = draft(&e)?;
            let page = list_page(&app, &ctx, &e, &saved, revision, problems, false).await?;
            refused_page(&page, refused.code)
        }
    }
}
