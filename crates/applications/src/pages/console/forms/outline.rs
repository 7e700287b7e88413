//! Changes of the draft's outline, one small post each: adding, renaming, moving and deleting
//! sections; adding a question to a section; moving and deleting questions and group members.
//! A refused change's problems land on the inputs of the form that was posted.

use axum::extract::State;
use axum::response::Response;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{Section, shift};
use yiwang_domain::ids::ItemId;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};

use super::view::{InputOf, Posted, Problems, label_from, under};
use super::{Edited, Notice, base, draft, new_field, nth, overview_page, refused_page, save};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Form;
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;

/// What an outline change did: where to go next, and where its problems show.
struct Change {
    next: String,
    input_of: InputOf,
}

/// Applies one outline change (`action` = `verb:argument`) to the bundle.
fn change(
    b: &mut ItemForm,
    p: &Posted,
    id: ItemId,
    errors: &mut FieldErrors,
) -> Result<Change, Error> {
    let (verb, arg) = p.action();
    let base = base(id);
    let sections = &mut b.form.sections;
    let none = |next: String| Change {
        next,
        input_of: Box::new(|_| None),
    };
    Ok(match verb.as_str() {
        "add_section" => {
            let n = sections.len();
            let at = format!("sections[{n}]");
            let field = new_field(p, "new_section.field", &format!("{at}.fields[0]"), errors);
            sections.push(Section {
                key: p.text("new_section.key"),
                title: label_from(p, "new_section.title"),
                fields: vec![field],
            });
            Change {
                next: format!("{base}?saved=1#section-{n}"),
                input_of: Box::new(move |path| {
                    under(path, &format!("{at}.fields[0]"), "new_section.field.", &[])
                        .or_else(|| under(path, &at, "new_section.", &[]))
                }),
            }
        }
        "save_section" => {
            let i = nth(&arg)?;
            let at = format!("sections[{i}]");
            let s = sections.get_mut(i).ok_or_else(Error::not_found)?;
            s.key = p.text(&format!("{at}.key"));
            s.title = label_from(p, &format!("{at}.title"));
            Change {
                next: format!("{base}?saved=1#section-{i}"),
                input_of: Box::new(move |path| {
                    under(path, &at, &format!("{at}."), &[]).filter(|(n, _)| !n.contains("fields"))
                }),
            }
        }
        "section_up" | "section_down" => {
            let i = nth(&arg)?;
            shift(sections, i, verb == "section_up");
            none(format!("{base}?saved=1"))
        }
        "section_delete" => {
            let i = nth(&arg)?;
            if i >= sections.len() {
                return Err(Error::not_found());
            }
            sections.remove(i);
            none(format!("{base}?saved=1"))
        }
        "add_field" => {
            let i = nth(&arg)?;
            let s = sections.get_mut(i).ok_or_else(Error::not_found)?;
            let n = s.fields.len();
            let at = format!("sections[{i}].fields[{n}]");
            let field = new_field(p, &format!("sections[{i}].new"), &at, errors);
            let key = field.key.clone();
            s.fields.push(field);
            Change {
                next: format!("{base}/fields/{key}?saved=1"),
                input_of: Box::new(move |path| {
                    under(path, &at, &format!("sections[{i}].new."), &[])
                }),
            }
        }
        "field_up" | "field_down" | "field_delete" => {
            let at = b.form.locate(&arg).ok_or_else(Error::not_found)?;
            let list = b.form.siblings_mut(at).ok_or_else(Error::not_found)?;
            let i = at.member.unwrap_or(at.field);
            if verb == "field_delete" {
                list.remove(i);
            } else {
                shift(list, i, verb == "field_up");
            }
            let next = match at.member {
                Some(_) => format!(
                    "{base}/fields/{}?saved=1",
                    arg.split('.').next().unwrap_or_default()
                ),
                None => format!("{base}?saved=1#section-{}", at.section),
            };
            none(next)
        }
        _ => {
            return Err(Error::Domain(DomainError::field(
                "action",
                FieldCode::InvalidChoice,
            )));
        }
    })
}

/// `POST /console/items/{id}/form/sections`: one change of the outline — add, rename, move or
/// delete a section; add a question; move or delete a question (or a group's member).
pub async fn outline_save(
    State(app): State<AppState>,
    ctx: Ctx,
    Edited(e): Edited,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, Error> {
    let p = Posted(pairs);
    let (mut bundle, _) = draft(&e)?;
    let mut read = FieldErrors::new();
    let c = change(&mut bundle, &p, e.item.row.id, &mut read)?;
    match save(&app, &ctx, &e, &bundle, p.revision(), read).await? {
        Ok(_) => Ok(see_other(&c.next)),
        Err(refused) => {
            let t = ctx.t();
            let problems = Problems::of(
                t,
                ctx.prefs.lang,
                e.item.row.id,
                &bundle,
                &refused,
                c.input_of,
            );
            let page = overview_page(&app, &ctx, &e, problems, Some(&p), Notice::default()).await?;
            refused_page(&page, refused.code)
        }
    }
}
