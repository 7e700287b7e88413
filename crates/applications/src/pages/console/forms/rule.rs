//! One instant-approval rule's editor, for each kind of test: its key, its words and the
//! test's parameters. A new rule is edited at `rules/_new?test=age` (a key never starts with
//! `_`) and goes last in the list when saved.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{FieldKind, Label};
use yiwang_domain::ids::ItemId;
use yiwang_domain::rules::{Op, Rule, RuleSet, Test};
use yiwang_domain::{FieldCode, FieldErrors};

use super::field_post::split_list;
use super::rules::{NEW, test_name};
use super::view::{Filler, Input, Posted, Problems, index, label, label_from, under};
use super::{base, draft, load, refused_page, save};
use crate::services::forms::Editing;
use crate::texts::*;
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path, Query};
use yiwang_kit::i18n::Tr;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::Layout;
use yiwang_kit::views::layout::Section as NavSection;

#[derive(Template)]
#[template(path = "console/forms/rule.html")]
struct RulePage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    action: String,
    item_name: String,
    heading: String,
    revision: i64,
    test: String,
    test_key: &'static str,
    inputs: Vec<Input>,
    problems: Problems,
    saved: bool,
}

/// Query of a rule's editor: the kind of test of a new rule.
#[derive(Deserialize, Default)]
pub struct RuleQuery {
    test: Option<String>,
    saved: Option<String>,
}

/// A rule with nothing filled in, of a kind of test.
fn blank(test: &str) -> Option<Rule> {
    let test = match test {
        "age" => Test::Age {
            min: None,
            max: None,
        },
        "field" => Test::Field {
            field: String::new(),
            op: Op::Eq,
            value: None,
            values: Vec::new(),
        },
        "region" => Test::Region {
            field: None,
            within: Vec::new(),
        },
        "holds_certificate" => Test::HoldsCertificate {
            cert_type: String::new(),
        },
        "no_open_case" => Test::NoOpenCase { items: Vec::new() },
        _ => return None,
    };
    Some(Rule {
        key: String::new(),
        label: Label {
            zh: String::new(),
            en: None,
        },
        test,
    })
}

fn rule_inputs(
    t: Tr,
    lang: yiwang_domain::Lang,
    b: &ItemForm,
    r: &Rule,
    fill: &Filler,
) -> Vec<Input> {
    let mut v = vec![
        fill.line("key", t.fb_key(), r.key.clone())
            .hint(t.fb_key_hint()),
        fill.line("label.zh", t.fb_rule_label_zh(), r.label.zh.clone()),
        fill.line(
            "label.en",
            t.fb_rule_label_en(),
            r.label.en.clone().unwrap_or_default(),
        ),
    ];
    let fields = |pick: fn(&FieldKind) -> bool| -> Vec<(String, String)> {
        b.form
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .filter(|f| pick(&f.kind))
            .map(|f| {
                (
                    f.key.clone(),
                    format!("{}（{}）", label(&f.label, lang), f.key),
                )
            })
            .collect()
    };
    let num = |n: &Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    match &r.test {
        Test::Age { min, max } => {
            v.push(fill.line("min", t.fb_age_min(), num(min)));
            v.push(fill.line("max", t.fb_age_max(), num(max)));
        }
        Test::Field {
            field,
            op,
            value,
            values,
        } => {
            let mut choices = vec![(String::new(), t.choose_one().to_owned())];
            choices.extend(fields(|k| {
                !matches!(k, FieldKind::File { .. } | FieldKind::Group { .. })
            }));
            v.push(fill.select("field", t.fb_rule_field(), field, choices));
            let ops = Op::ALL
                .iter()
                .map(|o| (o.as_str().to_owned(), t.fb_op(*o).to_owned()))
                .collect();
            v.push(fill.select("op", t.fb_rule_op(), op.as_str(), ops));
            v.push(
                fill.line(
                    "value",
                    t.fb_rule_value(),
                    value.clone().unwrap_or_default(),
                )
                .hint(t.fb_rule_value_hint()),
            );
            v.push(
                fill.line("values", t.fb_rule_values(), values.join(", "))
                    .hint(t.fb_list_hint()),
            );
        }
        Test::Region { field, within } => {
            let mut choices = vec![(String::new(), t.fb_region_household().to_owned())];
            choices.extend(fields(|k| matches!(k, FieldKind::Address { .. })));
            v.push(fill.select(
                "field",
                t.fb_region_of(),
                field.as_deref().unwrap_or_default(),
                choices,
            ));
            v.push(
                fill.line("within", t.fb_within(), within.join(", "))
                    .hint(t.fb_within_hint()),
            );
        }
        Test::HoldsCertificate { cert_type } => {
            v.push(
                fill.line("cert_type", t.fb_cert_type(), cert_type.clone())
                    .hint(t.fb_key_hint()),
            );
        }
        Test::NoOpenCase { items } => {
            v.push(
                fill.line("items", t.fb_open_items(), items.join(", "))
                    .hint(t.fb_open_items_hint()),
            );
        }
    }
    v
}

/// Reads a posted rule of the same kind of test as `old`; unreadable numbers and operators
/// are reported at `at.name`.
fn read_rule(p: &Posted, old: &Rule, at: &str, errors: &mut FieldErrors) -> Rule {
    let mut age = |name: &str| {
        let s = p.text(name);
        if s.is_empty() {
            return None;
        }
        s.parse::<u32>()
            .map_err(|_| errors.add_path(format!("{at}.{name}"), FieldCode::InvalidNumber))
            .ok()
    };
    let test = match &old.test {
        Test::Age { .. } => Test::Age {
            min: age("min"),
            max: age("max"),
        },
        Test::Field { .. } => {
            let value = p.text("value");
            let op = Op::parse(&p.text("op")).unwrap_or_else(|| {
                errors.add_path(format!("{at}.op"), FieldCode::InvalidChoice);
                Op::Eq
            });
            Test::Field {
                field: p.text("field"),
                op,
                value: (!value.is_empty()).then_some(value),
                values: split_list(&p.text("values")),
            }
        }
        Test::Region { .. } => {
            let field = p.text("field");
            Test::Region {
                field: (!field.is_empty()).then_some(field),
                within: split_list(&p.text("within")),
            }
        }
        Test::HoldsCertificate { .. } => Test::HoldsCertificate {
            cert_type: p.text("cert_type"),
        },
        Test::NoOpenCase { .. } => Test::NoOpenCase {
            items: split_list(&p.text("items")),
        },
    };
    Rule {
        key: p.text("key"),
        label: label_from(p, "label"),
        test,
    }
}

struct Editing1 {
    e: Editing,
    b: ItemForm,
    revision: i64,
    /// The rule's place in the list; `None` for a new rule.
    at: Option<usize>,
    rule: Rule,
}

async fn find(
    app: &AppState,
    ctx: &Ctx,
    id: ItemId,
    key: &str,
    test: Option<&str>,
) -> Result<Editing1, Error> {
    let e = load(app, ctx, id).await?;
    let (b, revision) = draft(&e)?;
    let (at, rule) = if key == NEW {
        (
            None,
            blank(test.unwrap_or_default()).ok_or_else(Error::not_found)?,
        )
    } else {
        let list = b
            .rules
            .as_ref()
            .map(|r| r.rules.as_slice())
            .unwrap_or_default();
        let i = list
            .iter()
            .position(|r| r.key == key)
            .ok_or_else(Error::not_found)?;
        (Some(i), list[i].clone())
    };
    Ok(Editing1 {
        e,
        b,
        revision,
        at,
        rule,
    })
}

async fn rule_page(
    app: &AppState,
    ctx: &Ctx,
    x: &Editing1,
    problems: Problems,
    posted: Option<&Posted>,
    saved: bool,
) -> Result<RulePage, Error> {
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let fill = Filler {
        posted,
        problems: &problems,
        boxes: false,
    };
    let test = test_name(&x.rule.test);
    let heading = match x.at {
        Some(_) => label(&x.rule.label, lang),
        None => t.fb_new_rule().to_owned(),
    };
    let l = Layout::new(app, ctx, heading.clone(), NavSection::Console).await;
    let key = if x.at.is_some() {
        x.rule.key.as_str()
    } else {
        NEW
    };
    Ok(RulePage {
        nav: nav(app, ctx, "/console/items"),
        base: base(x.e.item.row.id),
        action: format!("{}/rules/{key}", base(x.e.item.row.id)),
        item_name: yiwang_kit::zh::display(&x.e.item.row.name, lang),
        heading,
        revision: x.revision,
        test: t.fb_test(test).to_owned(),
        test_key: test,
        inputs: rule_inputs(t, lang, &x.b, &x.rule, &fill),
        problems,
        saved,
        l,
    })
}

/// `GET /console/items/{id}/form/rules/{rule}`: one rule's editor (`_new?test=…` for a new one).
pub async fn rule_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, key)): Path<(ItemId, String)>,
    Query(q): Query<RuleQuery>,
) -> Result<Response, Error> {
    let x = find(&app, &ctx, id, &key, q.test.as_deref()).await?;
    yiwang_kit::views::html(
        &rule_page(&app, &ctx, &x, Problems::default(), None, q.saved.is_some()).await?,
    )
}

/// `POST /console/items/{id}/form/rules/{rule}`: saves the rule (a new one goes last).
pub async fn rule_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, key)): Path<(ItemId, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let p = Posted(pairs);
    let x = find(&app, &ctx, id, &key, Some(&p.text("test"))).await?;
    let mut b = x.b.clone();
    let list = &mut b
        .rules
        .get_or_insert_with(|| RuleSet { rules: Vec::new() })
        .rules;
    let i = x.at.unwrap_or(list.len());
    let at = format!("rules.rules[{i}]");
    let mut read = FieldErrors::new();
    let rule = read_rule(&p, &x.rule, &at, &mut read);
    let next = rule.key.clone();
    match x.at {
        Some(i) => list[i] = rule,
        None => list.push(rule),
    }
    match save(&app, &ctx, &x.e, &b, p.revision(), read).await? {
        Ok(_) => Ok(see_other(&format!(
            "{}/rules/{next}?saved=1",
            base(x.e.item.row.id)
        ))),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(t, ctx.prefs.lang, x.e.item.row.id, &b, &refused, |path| {
                if let Some((n, rest)) = index(path, "rules.rules")
                    && n == i
                {
                    return under(
                        rest.trim_start_matches('.'),
                        "",
                        "",
                        &["within", "values", "items"],
                    );
                }
                None
            });
            let page = rule_page(&app, &ctx, &x, problems, Some(&p), false).await?;
            refused_page(&page, refused.code)
        }
    }
}
