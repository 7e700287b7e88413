//! One question in the builder: its key, words, whether it is needed, its kind's settings,
//! when it is shown and where it is filled from; a group's members are listed, added, moved
//! and removed here too. The post is read into a `Field` (`read_field`), whose problems carry
//! the same paths as the definition check's, so both land on the same inputs.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{
    AccountValue, ChoiceOption, Condition, Field, FieldAt, FieldKind, FileType, Label, Prefill,
};
use yiwang_domain::ids::ItemId;
use yiwang_domain::region::RegionLevel;
use yiwang_domain::{FieldCode, FieldErrors};

use super::view::{Filler, Input, Posted, Problems, label, label_from, under};
use super::{
    Notice, base, draft, kind_options, load, new_field, new_field_inputs, refused_page, save,
};
use crate::error::Error;
use crate::extract::{Form, Path, Query};
use crate::i18n::Tr;
use crate::pages::console::{NavLink, nav};
use crate::pages::see_other;
use crate::pipeline::Ctx;
use crate::services::forms::Editing;
use crate::state::AppState;
use crate::views::Layout;
use crate::views::layout::Section as NavSection;

const MIB: u64 = 1024 * 1024;

/// Lists typed one entry a line, whose problems name the line.
const LISTS: [&str; 3] = ["kind.options", "visible_if.any_of", "kind.accept"];

struct Member {
    locator: String,
    label: String,
    kind: &'static str,
}

#[derive(Template)]
#[template(path = "console/forms/field.html")]
struct FieldPage {
    l: Layout,
    nav: Vec<NavLink>,
    base: String,
    action: String,
    item_name: String,
    heading: String,
    revision: i64,
    inputs: Vec<Input>,
    members: Vec<Member>,
    add_member: Vec<Input>,
    is_group: bool,
    problems: Problems,
    saved: bool,
}

fn num<T: ToString>(v: Option<T>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| match &o.label.en {
            Some(en) => format!("{} | {} | {en}", o.value, o.label.zh),
            None => format!("{} | {}", o.value, o.label.zh),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn prefill_value(p: &Option<Prefill>) -> String {
    match p {
        None => String::new(),
        Some(Prefill::Account { value }) => format!("account:{}", value.as_str()),
        Some(Prefill::Certificate { .. }) => "certificate".to_owned(),
    }
}

/// The inputs of the question's own settings.
fn inputs(
    t: Tr,
    b: &ItemForm,
    at: FieldAt,
    f: &Field,
    fill: &Filler,
    lang: yiwang_domain::Lang,
) -> Vec<Input> {
    let mut v = vec![
        fill.line("key", t.fb_key(), f.key.clone())
            .hint(t.fb_key_hint()),
        fill.line("label.zh", t.fb_label_zh(), f.label.zh.clone()),
        fill.line(
            "label.en",
            t.fb_label_en(),
            f.label.en.clone().unwrap_or_default(),
        ),
        fill.area(
            "hint.zh",
            t.fb_hint_zh(),
            f.hint.as_ref().map(|h| h.zh.clone()).unwrap_or_default(),
        ),
        fill.area(
            "hint.en",
            t.fb_hint_en(),
            f.hint
                .as_ref()
                .and_then(|h| h.en.clone())
                .unwrap_or_default(),
        ),
        fill.check("required", t.fb_required(), f.required),
        fill.select(
            "kind",
            t.fb_kind_label(),
            f.kind.name(),
            kind_options(t, at.member.is_none()),
        )
        .hint(t.fb_kind_hint()),
    ];
    match &f.kind {
        FieldKind::Text { max_len, multiline } => {
            v.push(fill.line("kind.max_len", t.fb_max_len(), max_len.to_string()));
            v.push(fill.check("kind.multiline", t.fb_multiline(), *multiline));
        }
        FieldKind::Number {
            min,
            max,
            decimals,
            unit,
        } => {
            v.push(fill.line("kind.min", t.fb_min(), num(*min)));
            v.push(fill.line("kind.max", t.fb_max(), num(*max)));
            v.push(fill.line("kind.decimals", t.fb_decimals(), decimals.to_string()));
            v.push(fill.line(
                "kind.unit.zh",
                t.fb_unit_zh(),
                unit.as_ref().map(|u| u.zh.clone()).unwrap_or_default(),
            ));
            v.push(fill.line(
                "kind.unit.en",
                t.fb_unit_en(),
                unit.as_ref().and_then(|u| u.en.clone()).unwrap_or_default(),
            ));
        }
        FieldKind::Date {
            past_only,
            future_only,
        } => {
            v.push(fill.check("kind.past_only", t.fb_past_only(), *past_only));
            v.push(fill.check("kind.future_only", t.fb_future_only(), *future_only));
        }
        FieldKind::Choice { options } => {
            v.push(
                fill.area("kind.options", t.fb_options(), options_text(options))
                    .hint(t.fb_options_hint()),
            );
        }
        FieldKind::MultiChoice { options, min, max } => {
            v.push(
                fill.area("kind.options", t.fb_options(), options_text(options))
                    .hint(t.fb_options_hint()),
            );
            v.push(fill.line("kind.min", t.fb_min_picks(), min.to_string()));
            v.push(
                fill.line("kind.max", t.fb_max_picks(), max.to_string())
                    .hint(t.fb_zero_no_limit()),
            );
        }
        FieldKind::IdNumber | FieldKind::Phone => {}
        FieldKind::Address { level } => {
            let levels = [
                RegionLevel::County,
                RegionLevel::Township,
                RegionLevel::Community,
            ];
            v.push(
                fill.select(
                    "kind.level",
                    t.fb_level(),
                    level.as_str(),
                    levels
                        .iter()
                        .map(|l| (l.as_str().to_owned(), t.fb_level_name(*l).to_owned()))
                        .collect(),
                ),
            );
        }
        FieldKind::File {
            accept,
            max_bytes,
            max_files,
        } => {
            let kinds = FileType::ALL
                .iter()
                .map(|k| (k.as_str().to_owned(), k.as_str().to_uppercase()))
                .collect();
            let saved: Vec<String> = accept.iter().map(|k| k.as_str().to_owned()).collect();
            v.push(fill.checks("kind.accept", t.fb_accept(), &saved, kinds));
            v.push(fill.line(
                "kind.max_bytes",
                t.fb_max_mb(),
                max_bytes.div_ceil(MIB).to_string(),
            ));
            v.push(fill.line("kind.max_files", t.fb_max_files(), max_files.to_string()));
        }
        FieldKind::Group { min, max, .. } => {
            v.push(fill.line("kind.min", t.fb_min_entries(), min.to_string()));
            v.push(fill.line("kind.max", t.fb_max_entries(), max.to_string()));
        }
    }
    // Conditions may name an earlier choice: in the form, or earlier in the same entry.
    let mut choices: Vec<&Field> = Vec::new();
    'form: for (s, section) in b.form.sections.iter().enumerate() {
        for (j, g) in section.fields.iter().enumerate() {
            if (s, j) == (at.section, at.field) {
                if let (Some(m), FieldKind::Group { fields, .. }) = (at.member, &g.kind) {
                    choices.extend(fields.iter().take(m));
                }
                break 'form;
            }
            choices.push(g);
        }
    }
    let choices: Vec<&Field> = choices
        .into_iter()
        .filter(|c| {
            matches!(
                c.kind,
                FieldKind::Choice { .. } | FieldKind::MultiChoice { .. }
            )
        })
        .collect();
    let mut fields = vec![(String::new(), t.fb_always_shown().to_owned())];
    fields.extend(choices.iter().map(|c| {
        (
            c.key.clone(),
            format!("{}（{}）", label(&c.label, lang), c.key),
        )
    }));
    let values_hint = choices
        .iter()
        .map(|c| match &c.kind {
            FieldKind::Choice { options } | FieldKind::MultiChoice { options, .. } => format!(
                "{}: {}",
                c.key,
                options
                    .iter()
                    .map(|o| o.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            _ => String::new(),
        })
        .collect::<Vec<_>>()
        .join("；");
    let cond = f.visible_if.as_ref();
    v.push(fill.select(
        "visible_if.field",
        t.fb_visible_if(),
        cond.map_or("", |c| c.field.as_str()),
        fields,
    ));
    v.push(
        fill.line(
            "visible_if.any_of",
            t.fb_visible_values(),
            cond.map(|c| c.any_of.join(", ")).unwrap_or_default(),
        )
        .hint(format!("{}{values_hint}", t.fb_visible_values_hint())),
    );
    if at.member.is_none() {
        let mut sources = vec![(String::new(), t.fb_prefill_none().to_owned())];
        sources.extend(AccountValue::ALL.iter().map(|a| {
            (
                format!("account:{}", a.as_str()),
                t.fb_prefill_account(*a).to_owned(),
            )
        }));
        sources.push((
            "certificate".to_owned(),
            t.fb_prefill_certificate().to_owned(),
        ));
        let (cert_type, cert_field) = match &f.prefill {
            Some(Prefill::Certificate { cert_type, field }) => (cert_type.clone(), field.clone()),
            _ => Default::default(),
        };
        v.push(fill.select(
            "prefill",
            t.fb_prefill(),
            &prefill_value(&f.prefill),
            sources,
        ));
        v.push(fill.line("prefill.cert_type", t.fb_prefill_cert_type(), cert_type));
        v.push(fill.line("prefill.field", t.fb_prefill_cert_field(), cert_field));
    }
    v
}

/// A whole number from an input; blank is `None`, anything else unreadable is reported.
fn number<T: std::str::FromStr>(
    p: &Posted,
    name: &str,
    at: &str,
    errors: &mut FieldErrors,
) -> Option<T> {
    let s = p.text(name);
    if s.is_empty() {
        return None;
    }
    let n = s.parse().ok();
    if n.is_none() {
        errors.add_path(format!("{at}.{name}"), FieldCode::InvalidNumber);
    }
    n
}

/// Reads the posted question over the saved one. A new kind starts from that kind's
/// everyday settings (the old kind's settings mean nothing to it).
fn read_field(p: &Posted, old: &Field, at: &str, member: bool, errors: &mut FieldErrors) -> Field {
    let kind_name = p.text("kind");
    let n = |name: &str, e: &mut FieldErrors| number::<i64>(p, name, at, e);
    let kind = if kind_name != old.kind.name() {
        FieldKind::starter(&kind_name).unwrap_or_else(|| {
            errors.add_path(format!("{at}.kind"), FieldCode::InvalidChoice);
            old.kind.clone()
        })
    } else {
        let u32_of = |v: Option<i64>, e: &mut FieldErrors, name: &str| {
            v.map_or(0, |v| {
                u32::try_from(v).unwrap_or_else(|_| {
                    e.add_path(format!("{at}.{name}"), FieldCode::OutOfRange);
                    0
                })
            })
        };
        match &old.kind {
            FieldKind::Text { .. } => {
                let max = n("kind.max_len", errors);
                FieldKind::Text {
                    max_len: u32_of(max, errors, "kind.max_len"),
                    multiline: p.on("kind.multiline"),
                }
            }
            FieldKind::Number { .. } => {
                let unit = label_from(p, "kind.unit");
                FieldKind::Number {
                    min: n("kind.min", errors),
                    max: n("kind.max", errors),
                    decimals: number::<u8>(p, "kind.decimals", at, errors).unwrap_or(0),
                    unit: (!unit.zh.is_empty() || unit.en.is_some()).then_some(unit),
                }
            }
            FieldKind::Date { .. } => FieldKind::Date {
                past_only: p.on("kind.past_only"),
                future_only: p.on("kind.future_only"),
            },
            FieldKind::Choice { .. } => FieldKind::Choice {
                options: read_options(p),
            },
            FieldKind::MultiChoice { .. } => {
                let (lo, hi) = (n("kind.min", errors), n("kind.max", errors));
                FieldKind::MultiChoice {
                    options: read_options(p),
                    min: u32_of(lo, errors, "kind.min"),
                    max: u32_of(hi, errors, "kind.max"),
                }
            }
            FieldKind::IdNumber => FieldKind::IdNumber,
            FieldKind::Phone => FieldKind::Phone,
            FieldKind::Address { level } => FieldKind::Address {
                level: RegionLevel::parse(&p.text("kind.level")).unwrap_or(*level),
            },
            FieldKind::File { .. } => {
                let mut accept = Vec::new();
                for (k, v) in p.all("kind.accept").iter().enumerate() {
                    match FileType::parse(v) {
                        Some(t) => accept.push(t),
                        None => errors
                            .add_path(format!("{at}.kind.accept[{k}]"), FieldCode::InvalidChoice),
                    }
                }
                let mb = number::<u64>(p, "kind.max_bytes", at, errors).unwrap_or(0);
                let files = n("kind.max_files", errors);
                FieldKind::File {
                    accept,
                    max_bytes: mb.saturating_mul(MIB),
                    max_files: u32_of(files, errors, "kind.max_files"),
                }
            }
            FieldKind::Group { fields, .. } => {
                let (lo, hi) = (n("kind.min", errors), n("kind.max", errors));
                FieldKind::Group {
                    fields: fields.clone(),
                    min: u32_of(lo, errors, "kind.min"),
                    max: u32_of(hi, errors, "kind.max"),
                }
            }
        }
    };
    let hint = label_from(p, "hint");
    let cond_field = p.text("visible_if.field");
    let prefill = match p.text("prefill").as_str() {
        _ if member => None,
        "" => None,
        "certificate" => Some(Prefill::Certificate {
            cert_type: p.text("prefill.cert_type"),
            field: p.text("prefill.field"),
        }),
        other => match other.strip_prefix("account:").and_then(AccountValue::parse) {
            Some(value) => Some(Prefill::Account { value }),
            None => {
                errors.add_path(format!("{at}.prefill"), FieldCode::InvalidChoice);
                None
            }
        },
    };
    Field {
        key: p.text("key"),
        label: label_from(p, "label"),
        hint: (!hint.zh.is_empty() || hint.en.is_some()).then_some(hint),
        kind,
        required: p.on("required"),
        visible_if: (!cond_field.is_empty()).then(|| Condition {
            field: cond_field,
            any_of: split_list(&p.text("visible_if.any_of")),
        }),
        prefill,
    }
}

/// A list typed with commas, 、 or spaces.
pub(super) fn split_list(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c == '，' || c == '、' || c.is_whitespace())
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Options typed one a line: `value | 中文 | English`.
fn read_options(p: &Posted) -> Vec<ChoiceOption> {
    p.get("kind.options")
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut parts = line.split(['|', '｜']).map(str::trim);
            let value = parts.next().unwrap_or_default().to_owned();
            let zh = parts.next().unwrap_or_default().to_owned();
            let en = parts.next().filter(|e| !e.is_empty()).map(str::to_owned);
            ChoiceOption {
                value,
                label: Label { zh, en },
            }
        })
        .collect()
}

struct Located {
    e: Editing,
    bundle: ItemForm,
    revision: i64,
    at: FieldAt,
}

async fn locate(app: &AppState, ctx: &Ctx, id: &str, locator: &str) -> Result<Located, Error> {
    let e = load(app, ctx, id).await?;
    let (bundle, revision) = draft(&e)?;
    let at = bundle.form.locate(locator).ok_or_else(Error::not_found)?;
    Ok(Located {
        e,
        bundle,
        revision,
        at,
    })
}

fn page(
    ctx: &Ctx,
    l: Layout,
    nav: Vec<NavLink>,
    x: &Located,
    problems: Problems,
    posted: Option<&Posted>,
    saved: bool,
) -> Result<FieldPage, Error> {
    // Checkboxes come from the post only when it was the question's own form.
    let boxes = posted.is_some_and(|p| p.action().0 == "save");
    let t = ctx.t();
    let lang = ctx.prefs.lang;
    let f = x.bundle.form.field_at(x.at).ok_or_else(Error::not_found)?;
    let id: ItemId = x.e.item.row.id;
    let fill = Filler {
        posted,
        problems: &problems,
        boxes,
    };
    let (members, is_group) = match &f.kind {
        FieldKind::Group { fields, .. } => (
            fields
                .iter()
                .map(|m| Member {
                    locator: format!("{}.{}", f.key, m.key),
                    label: label(&m.label, lang),
                    kind: t.fb_kind(m.kind.name()),
                })
                .collect(),
            true,
        ),
        _ => (Vec::new(), false),
    };
    let locator = match x.at.member {
        Some(_) => x
            .bundle
            .form
            .field_at(x.at.top())
            .map(|g| format!("{}.{}", g.key, f.key))
            .unwrap_or_default(),
        None => f.key.clone(),
    };
    Ok(FieldPage {
        nav,
        base: base(id),
        action: format!("{}/fields/{locator}", base(id)),
        item_name: crate::zh::display(&x.e.item.row.name, lang),
        heading: label(&f.label, lang),
        revision: x.revision,
        inputs: inputs(t, &x.bundle, x.at, f, &fill, lang),
        add_member: if is_group {
            new_field_inputs(t, &fill, "new", false)
        } else {
            Vec::new()
        },
        members,
        is_group,
        saved,
        problems,
        l,
    })
}

/// `GET /console/items/{id}/form/fields/{field}`: the editor of one question (`key`, or
/// `group.member` for a member of a group).
pub async fn field_form(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, locator)): Path<(String, String)>,
    Query(notice): Query<Notice>,
) -> Result<Response, Error> {
    let x = locate(&app, &ctx, &id, &locator).await?;
    let l = Layout::new(&app, &ctx, ctx.t().fb_field_title(), NavSection::Console).await;
    let nav = nav(&app, &ctx, "/console/items");
    let p = page(
        &ctx,
        l,
        nav,
        &x,
        Problems::default(),
        None,
        notice.saved.is_some(),
    )?;
    crate::views::html(&p)
}

/// `POST /console/items/{id}/form/fields/{field}`: saves the question (`action=save`) or adds
/// a member to a group (`add_member`); moving and removing members go to the outline's post.
pub async fn field_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path((id, locator)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let x = locate(&app, &ctx, &id, &locator).await?;
    let p = Posted(pairs);
    let mut bundle = x.bundle.clone();
    let mut read = FieldErrors::new();
    let path = x.at.path();
    let (verb, _) = p.action();
    let old = bundle
        .form
        .field_at(x.at)
        .cloned()
        .ok_or_else(Error::not_found)?;
    let (next_locator, input_of): (String, Box<dyn Fn(&str) -> super::view::Place + Send>) =
        if verb == "add_member" {
            let Some(FieldKind::Group { fields, .. }) =
                bundle.form.field_at_mut(x.at).map(|f| &mut f.kind)
            else {
                return Err(Error::not_found());
            };
            let n = fields.len();
            let at = format!("{path}.kind.fields[{n}]");
            let member = new_field(&p, "new", &at, &mut read);
            let next = format!("{}.{}", old.key, member.key);
            fields.push(member);
            (next, Box::new(move |q: &str| under(q, &at, "new.", &[])))
        } else {
            let new = read_field(&p, &old, &path, x.at.member.is_some(), &mut read);
            let next = match x.at.member {
                Some(_) => format!(
                    "{}.{}",
                    locator.split('.').next().unwrap_or_default(),
                    new.key
                ),
                None => new.key.clone(),
            };
            if let Some(f) = bundle.form.field_at_mut(x.at) {
                *f = new;
            }
            let members = format!("{path}.kind.fields");
            (
                next,
                Box::new(move |q: &str| {
                    if q.starts_with(&members) {
                        return None;
                    }
                    under(q, &path, "", &LISTS)
                }),
            )
        };
    match save(&app, &ctx, &x.e, &bundle, p.revision(), read).await? {
        Ok(_) => Ok(see_other(&format!(
            "{}/fields/{next_locator}?saved=1",
            base(x.e.item.row.id)
        ))),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(
                t,
                ctx.prefs.lang,
                x.e.item.row.id,
                &bundle,
                &refused,
                input_of,
            );
            let l = Layout::new(&app, &ctx, t.fb_field_title(), NavSection::Console).await;
            let nav = nav(&app, &ctx, "/console/items");
            // Drawn from the saved question, with what was typed over it.
            let page = page(&ctx, l, nav, &x, problems, Some(&p), false)?;
            refused_page(&page, refused.code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Posted {
        Posted(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    #[test]
    fn options_are_typed_one_a_line_with_value_chinese_and_english() {
        let p = posted(&[(
            "kind.options",
            "married | 已婚 | Married\r\n\r\nsingle｜未婚\n",
        )]);
        let o = read_options(&p);
        assert_eq!(o.len(), 2);
        assert_eq!(
            (o[0].value.as_str(), o[0].label.zh.as_str()),
            ("married", "已婚")
        );
        assert_eq!(o[0].label.en.as_deref(), Some("Married"));
        assert_eq!(
            (o[1].value.as_str(), o[1].label.en.as_ref()),
            ("single", None)
        );
        assert_eq!(options_text(&o), "married | 已婚 | Married\nsingle | 未婚");
    }

    #[test]
    fn a_number_that_is_not_one_is_reported_at_its_path_and_a_new_kind_starts_afresh() {
        let old = Field::new(
            "area",
            Label {
                zh: "面积".into(),
                en: None,
            },
            "number",
        )
        .unwrap_or_else(|| unreachable!());
        let mut errors = FieldErrors::new();
        let f = read_field(
            &posted(&[
                ("key", "area"),
                ("label.zh", "面积"),
                ("kind", "number"),
                ("kind.min", "十"),
                ("kind.max", "120"),
            ]),
            &old,
            "sections[0].fields[1]",
            false,
            &mut errors,
        );
        assert_eq!(
            errors.iter().next().map(|e| e.field.to_string()).as_deref(),
            Some("sections[0].fields[1].kind.min")
        );
        assert!(matches!(
            f.kind,
            FieldKind::Number {
                min: None,
                max: Some(120),
                ..
            }
        ));
        let mut errors = FieldErrors::new();
        let f = read_field(
            &posted(&[
                ("key", "area"),
                ("label.zh", "面积"),
                ("kind", "choice"),
                ("kind.min", "x"),
            ]),
            &old,
            "p",
            false,
            &mut errors,
        );
        assert!(errors.is_empty(), "the old kind's settings are not read");
        assert!(matches!(f.kind, FieldKind::Choice { ref options } if options.len() == 2));
    }
}
