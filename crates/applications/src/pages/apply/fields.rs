//! Turning a form definition's field and the answers so far into the view model the section
//! template draws: kept apart so the page handlers stay a sentence and the markup stays dumb.

use std::collections::{HashMap, HashSet};

use serde_json::Value;
use yiwang_domain::Lang;
use yiwang_domain::forms::{Answers, Field, FieldKind, FileType};
use yiwang_domain::region::RegionLevel;

use yiwang_kit::error::Error;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;
use yiwang_kit::views::FormErrors;

use super::{dom_id, is_shown, part, strings, text};
use crate::texts::*;

fn levels_in(fields: &[Field], out: &mut HashSet<RegionLevel>) {
    for f in fields {
        match &f.kind {
            FieldKind::Address { level } => {
                out.insert(*level);
            }
            FieldKind::Group { fields, .. } => levels_in(fields, out),
            _ => {}
        }
    }
}

/// The regions an address of each level may pick: those of that level under the
/// deployment's root region, named with the region above them.
pub(crate) async fn region_choices(
    app: &AppState,
    fields: &[Field],
    lang: Lang,
) -> Result<HashMap<RegionLevel, Vec<(String, String)>>, Error> {
    let mut levels = HashSet::new();
    levels_in(fields, &mut levels);
    let mut out = HashMap::new();
    if levels.is_empty() {
        return Ok(out);
    }
    let all = app.store.regions_under(&app.config.root_region).await?;
    let names: HashMap<String, &str> = all
        .iter()
        .map(|r| (r.code.as_str().to_owned(), r.name.as_str()))
        .collect();
    for level in levels {
        let list = all
            .iter()
            .filter(|r| r.level == level)
            .map(|r| {
                let above = r
                    .parent
                    .as_ref()
                    .and_then(|p| names.get(p.as_str()))
                    .filter(|_| level != RegionLevel::County);
                let name = match above {
                    Some(p) => format!("{p} {}", r.name),
                    None => r.name.clone(),
                };
                (
                    r.code.as_str().to_owned(),
                    yiwang_kit::zh::display(&name, lang),
                )
            })
            .collect();
        out.insert(level, list);
    }
    Ok(out)
}

pub(crate) fn region_label(t: Tr, level: RegionLevel) -> &'static str {
    match level {
        RegionLevel::Township => t.apply_address_township(),
        RegionLevel::Community => t.apply_address_community(),
        _ => t.apply_address_county(),
    }
}

fn accept_of(kinds: &[FileType]) -> (String, String) {
    let mut accept = Vec::new();
    let mut names = Vec::new();
    for k in kinds {
        let (ext, name) = match k {
            FileType::Pdf => (".pdf", "PDF"),
            FileType::Jpeg => (".jpg,.jpeg", "JPG"),
            FileType::Png => (".png", "PNG"),
            FileType::Ofd => (".ofd", "OFD"),
        };
        accept.push(format!("{ext},{}", k.mime()));
        names.push(name);
    }
    (accept.join(","), names.join(" / "))
}

pub(crate) struct Opt {
    pub(crate) value: String,
    pub(crate) label: String,
    pub(crate) checked: bool,
    pub(crate) id: String,
}

pub(crate) struct FileLink {
    pub(crate) id: String,
    pub(crate) name: String,
}

pub(crate) struct Entry {
    pub(crate) heading: String,
    pub(crate) fields: Vec<FieldView>,
}

/// One question as the section template draws it. `kind` is `line`, `area`, `choice`,
/// `multi`, `address`, `file` or `group`.
pub(crate) struct FieldView {
    pub(crate) name: String,
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) hint: String,
    pub(crate) required: bool,
    pub(crate) error: Option<String>,
    pub(crate) shown: bool,
    pub(crate) cond_name: String,
    pub(crate) cond_values: String,
    pub(crate) origin: Option<String>,
    pub(crate) describedby: String,
    pub(crate) kind: &'static str,
    pub(crate) input_type: &'static str,
    pub(crate) inputmode: &'static str,
    pub(crate) autocomplete: &'static str,
    pub(crate) readonly: bool,
    pub(crate) value: String,
    pub(crate) unit: String,
    pub(crate) options: Vec<Opt>,
    pub(crate) region_label: String,
    pub(crate) region_error: Option<String>,
    pub(crate) detail_error: Option<String>,
    pub(crate) files: Vec<FileLink>,
    pub(crate) accept: String,
    pub(crate) entries: Vec<Entry>,
    pub(crate) can_add: bool,
}

/// What building a section's fields needs.
pub(crate) struct Builder<'a> {
    pub(crate) t: Tr,
    pub(crate) lang: Lang,
    pub(crate) errors: &'a FormErrors,
    pub(crate) origins: HashMap<&'a str, String>,
    pub(crate) files: &'a HashMap<String, String>,
    pub(crate) regions: &'a HashMap<RegionLevel, Vec<(String, String)>>,
    /// Blank entries to offer per group (1 unless "add another" asked for more).
    pub(crate) blanks: &'a HashMap<String, usize>,
}

impl Builder<'_> {
    fn error(&self, path: &str) -> Option<String> {
        self.errors.get(path).map(str::to_owned)
    }

    /// A top-level field, or a group member when `entry` is `Some((group key, index, entry))`.
    pub(crate) fn field(
        &self,
        f: &Field,
        value: Option<&Value>,
        shown: bool,
        form: &Answers,
        entry: Option<(&str, usize, &[Field])>,
    ) -> FieldView {
        let t = self.t;
        let name = match entry {
            Some((group, i, _)) => format!("{group}[{i}].{}", f.key),
            None => f.key.clone(),
        };
        let id = dom_id(&name);
        let (cond_name, cond_values) = match &f.visible_if {
            Some(c) => {
                let in_entry =
                    entry.is_some_and(|(_, _, members)| members.iter().any(|m| m.key == c.field));
                let n = match entry {
                    Some((group, i, _)) if in_entry => format!("{group}[{i}].{}", c.field),
                    _ => c.field.clone(),
                };
                (n, c.any_of.join(" "))
            }
            None => (String::new(), String::new()),
        };
        let origin = if entry.is_none() {
            self.origins.get(f.key.as_str()).cloned()
        } else {
            None
        };
        let mut hint = f
            .hint
            .as_ref()
            .map(|h| text(h, self.lang))
            .unwrap_or_default();
        let error = self.error(&name);
        let mut v = FieldView {
            id: id.clone(),
            label: text(&f.label, self.lang),
            hint: String::new(),
            required: f.required,
            error,
            shown,
            cond_name,
            cond_values,
            readonly: origin.is_some(),
            origin,
            describedby: String::new(),
            kind: "line",
            input_type: "text",
            inputmode: "",
            autocomplete: "off",
            value: value.and_then(Value::as_str).unwrap_or_default().to_owned(),
            unit: String::new(),
            options: Vec::new(),
            region_label: String::new(),
            region_error: None,
            detail_error: None,
            files: Vec::new(),
            accept: String::new(),
            entries: Vec::new(),
            can_add: false,
            name,
        };
        let opts = |options: &[yiwang_domain::forms::ChoiceOption], picked: &[String]| {
            options
                .iter()
                .map(|o| Opt {
                    id: format!("{id}-{}", o.value),
                    checked: picked.contains(&o.value),
                    value: o.value.clone(),
                    label: text(&o.label, self.lang),
                })
                .collect::<Vec<_>>()
        };
        match &f.kind {
            FieldKind::Text { multiline, .. } => {
                if *multiline {
                    v.kind = "area";
                }
            }
            FieldKind::Number { unit, decimals, .. } => {
                v.inputmode = if *decimals > 0 { "decimal" } else { "numeric" };
                v.unit = unit
                    .as_ref()
                    .map(|u| text(u, self.lang))
                    .unwrap_or_default();
            }
            FieldKind::Date { .. } => v.input_type = "date",
            FieldKind::IdNumber | FieldKind::CreditCode => {}
            FieldKind::BankCard => {
                v.inputmode = "numeric";
                v.autocomplete = "cc-number";
            }
            FieldKind::Phone => {
                v.input_type = "tel";
                v.inputmode = "numeric";
                v.autocomplete = "tel";
            }
            FieldKind::Choice { options } => {
                v.kind = "choice";
                v.options = opts(options, &strings(value));
            }
            FieldKind::MultiChoice { options, .. } => {
                v.kind = "multi";
                v.options = opts(options, &strings(value));
            }
            FieldKind::Address { level } => {
                v.kind = "address";
                v.readonly = false;
                let region = part(value, "region");
                v.value = part(value, "detail");
                v.region_label = region_label(t, *level).to_owned();
                v.region_error = self.error(&format!("{}.region", v.name));
                v.detail_error = self.error(&format!("{}.detail", v.name));
                v.options = self
                    .regions
                    .get(level)
                    .map(|list| {
                        list.iter()
                            .map(|(code, label)| Opt {
                                id: String::new(),
                                checked: *code == region,
                                value: code.clone(),
                                label: label.clone(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
            }
            FieldKind::File {
                accept,
                max_bytes,
                max_files,
            } => {
                v.kind = "file";
                v.readonly = false;
                v.value.clear();
                let (accept, kinds) = accept_of(accept);
                v.accept = accept;
                let mib = max_bytes.div_ceil(1024 * 1024).max(1);
                let limits = t.apply_file_hint(&kinds, mib, *max_files);
                hint = if hint.is_empty() {
                    limits
                } else {
                    format!("{hint} {limits}")
                };
                v.files = strings(value)
                    .into_iter()
                    .map(|id| FileLink {
                        name: self.files.get(&id).cloned().unwrap_or_else(|| id.clone()),
                        id,
                    })
                    .collect();
            }
            FieldKind::Group { fields, max, .. } => {
                v.kind = "group";
                v.readonly = false;
                let existing: Vec<Answers> = value
                    .and_then(Value::as_array)
                    .map(|a| a.iter().filter_map(|e| e.as_object().cloned()).collect())
                    .unwrap_or_default();
                let max = (*max).min(50) as usize;
                let room = max.saturating_sub(existing.len());
                let blanks = self.blanks.get(&f.key).copied().unwrap_or(1).min(room);
                let empty = Answers::new();
                for i in 0..existing.len() + blanks {
                    let e = existing.get(i).unwrap_or(&empty);
                    let members = fields
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| !matches!(g.kind, FieldKind::Group { .. }))
                        .map(|(j, g)| {
                            let shown = is_shown(fields, j, form, Some(e));
                            self.field(g, e.get(&g.key), shown, form, Some((&f.key, i, fields)))
                        })
                        .collect();
                    v.entries.push(Entry {
                        heading: t.apply_entry(i + 1),
                        fields: members,
                    });
                }
                v.can_add = existing.len() + blanks < max;
            }
        }
        v.hint = hint;
        let mut describedby = Vec::new();
        if !v.hint.is_empty() {
            describedby.push(format!("{id}-hint"));
        }
        if v.origin.is_some() {
            describedby.push(format!("{id}-origin"));
        }
        if v.error.is_some() {
            describedby.push(format!("{id}-error"));
        }
        v.describedby = describedby.join(" ");
        v
    }
}
