//! What staff read on a case page: the answers in words (choice labels, region names, file
//! links), the history and the instant-approval trace. Read-only, so apart from the actions.

use std::collections::HashMap;

use serde_json::Value;
use yiwang_domain::Lang;
use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::{Field, FieldKind};
use yiwang_domain::region::RegionCode;
use yiwang_domain::rules::Trace;
use yiwang_domain::workflow::{DeliveryMethod, PauseKind};
use yiwang_store::applications::history::EventActor;

use super::label_text;
use crate::texts::*;
use yiwang_kit::i18n::Tr;
use yiwang_kit::state::AppState;

/// A file of the case, linked for download.
pub struct FileLink {
    pub(super) id: String,
    pub(super) name: String,
}

/// One answer of a group entry.
pub struct SubAnswer {
    pub(super) label: String,
    pub(super) text: Option<String>,
    pub(super) files: Vec<FileLink>,
}

/// One question with its answer.
pub struct AnswerView {
    pub(super) label: String,
    pub(super) text: Option<String>,
    pub(super) files: Vec<FileLink>,
    pub(super) entries: Vec<Vec<SubAnswer>>,
    pub(super) is_group: bool,
}

/// A section of the form with its answers.
pub struct SectionView {
    pub(super) title: String,
    pub(super) answers: Vec<AnswerView>,
}

/// One entry of the history.
pub struct EventView {
    pub(super) at: String,
    pub(super) what: &'static str,
    pub(super) who: String,
    pub(super) department: String,
    pub(super) note: String,
    pub(super) missing: Vec<String>,
    pub(super) facts: Vec<(&'static str, String)>,
}

/// One rule that stopped instant approval.
pub struct RuleView {
    pub(super) label: String,
    pub(super) outcome: &'static str,
    pub(super) inputs: Vec<String>,
}

/// The instant-approval trace.
pub struct TraceView {
    pub(super) readable: bool,
    pub(super) passed: bool,
    pub(super) failed: Vec<RuleView>,
}

/// A stretch when the clock stood still.
pub struct PauseView {
    pub(super) kind: &'static str,
    pub(super) from: String,
    pub(super) to: Option<String>,
}

/// The applicant, as staff see them.
pub struct Applicant {
    pub(super) name: Option<String>,
    /// The level of assurance of the identity, in words.
    pub(super) identity: &'static str,
    pub(super) id_number: Option<String>,
    pub(super) phone: Option<String>,
    pub(super) assisted_by: Option<String>,
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
                    .map(|r| yiwang_kit::zh::display(&r.name, lang))
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

pub(super) async fn sections(
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

pub(super) fn history_view(
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
                department: yiwang_kit::zh::display(&e.department_name, lang),
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

pub(super) fn trace_view(t: Tr, lang: Lang, json: &str) -> TraceView {
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
