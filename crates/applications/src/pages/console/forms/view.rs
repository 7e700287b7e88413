//! The pieces every builder page is drawn from: the post as typed, inputs as data (so the
//! templates stay one loop), and the problems of a refused change placed on their inputs or,
//! for a problem elsewhere in the application (a rule naming a question just deleted), in
//! the summary with where it is and a link there.

use yiwang_domain::application::ItemForm;
use yiwang_domain::forms::Label;
use yiwang_domain::ids::ItemId;
use yiwang_domain::{ErrorCode, FieldErrors, Lang};

use crate::texts::*;
use yiwang_kit::i18n::Tr;

/// The `name=value` pairs of a post, in order (checkboxes repeat their name).
#[derive(Debug, Default, Clone)]
pub struct Posted(pub Vec<(String, String)>);

impl Posted {
    /// The first value of a name, as typed.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value of a name, trimmed ("" when absent).
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().trim().to_owned()
    }

    /// Every value of a name (ticked boxes).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Whether a checkbox was ticked.
    pub fn on(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| !v.is_empty())
    }

    /// The draft revision the page was drawn from (0 when missing: never current).
    pub fn revision(&self) -> i64 {
        self.text("revision").parse().unwrap_or(0)
    }

    /// The button pressed: `verb` or `verb:argument`.
    pub fn action(&self) -> (String, String) {
        let a = self.text("action");
        match a.split_once(':') {
            Some((verb, arg)) => (verb.to_owned(), arg.to_owned()),
            None => (a, String::new()),
        }
    }
}

/// A change the draft refused: every problem at its path in the bundle, or a conflict.
#[derive(Debug)]
pub struct Refused {
    /// Problems by path (`sections[0].fields[2].key`, `rules.rules[1].min`…).
    pub fields: FieldErrors,
    /// `ValidationFailed` or `Conflict`.
    pub code: ErrorCode,
}

/// An option of a select or a checkbox group.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One input of a builder page. `kind` is `line`, `area`, `check`, `select` or `checks`.
pub struct Input {
    pub name: String,
    pub id: String,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub kind: &'static str,
    pub options: Vec<Opt>,
    pub checked: bool,
}

impl Input {
    /// The same input with a hint under its label.
    pub fn hint(mut self, hint: impl Into<String>) -> Input {
        self.hint = hint.into();
        self
    }

    /// Whether anything describes the input (for `aria-describedby`).
    pub fn described(&self) -> bool {
        !self.hint.is_empty() || self.error.is_some()
    }
}

/// The element id of an input name: `steps[1].name.zh` → `f-steps-1-name-zh`.
pub fn dom_id(name: &str) -> String {
    let mut s = String::from("f-");
    for c in name.chars() {
        match c {
            '[' | '.' | ':' => s.push('-'),
            ']' => {}
            c => s.push(c),
        }
    }
    s
}

/// Fills inputs from the refused post (nothing typed is lost) or else from the saved draft,
/// with each input's problem.
pub struct Filler<'a> {
    pub posted: Option<&'a Posted>,
    pub problems: &'a Problems,
    /// Whether the post was the form holding the page's checkboxes (an unticked box is
    /// absent from a post, so boxes of another form keep their saved state).
    pub boxes: bool,
}

impl Filler<'_> {
    fn input(&self, name: &str, label: &str, kind: &'static str) -> Input {
        Input {
            name: name.to_owned(),
            id: dom_id(name),
            label: label.to_owned(),
            hint: String::new(),
            value: String::new(),
            error: self.problems.on(name),
            kind,
            options: Vec::new(),
            checked: false,
        }
    }

    fn value(&self, name: &str, saved: String) -> String {
        self.posted
            .and_then(|p| p.get(name))
            .map_or(saved, str::to_owned)
    }

    fn posted_boxes(&self) -> Option<&Posted> {
        self.posted.filter(|_| self.boxes)
    }

    /// A one-line text box.
    pub fn line(&self, name: &str, label: &str, saved: String) -> Input {
        Input {
            value: self.value(name, saved),
            ..self.input(name, label, "line")
        }
    }

    /// A text area (lists, one entry a line).
    pub fn area(&self, name: &str, label: &str, saved: String) -> Input {
        Input {
            value: self.value(name, saved),
            ..self.input(name, label, "area")
        }
    }

    /// A checkbox.
    pub fn check(&self, name: &str, label: &str, saved: bool) -> Input {
        Input {
            checked: match self.posted_boxes() {
                Some(p) => p.on(name),
                None => saved,
            },
            ..self.input(name, label, "check")
        }
    }

    /// A select of `(value, label)` options.
    pub fn select(
        &self,
        name: &str,
        label: &str,
        saved: &str,
        options: Vec<(String, String)>,
    ) -> Input {
        let value = self.value(name, saved.to_owned());
        Input {
            options: options
                .into_iter()
                .map(|(v, l)| Opt {
                    selected: v == value,
                    value: v,
                    label: l,
                })
                .collect(),
            value,
            ..self.input(name, label, "select")
        }
    }

    /// A group of checkboxes posting `name` once per ticked box.
    pub fn checks(
        &self,
        name: &str,
        label: &str,
        saved: &[String],
        options: Vec<(String, String)>,
    ) -> Input {
        let ticked = match self.posted_boxes() {
            Some(p) => p.all(name),
            None => saved.to_vec(),
        };
        Input {
            options: options
                .into_iter()
                .map(|(v, l)| Opt {
                    selected: ticked.contains(&v),
                    value: v,
                    label: l,
                })
                .collect(),
            ..self.input(name, label, "checks")
        }
    }
}

/// Problems of a refused change: on their inputs, and all of them in the summary.
#[derive(Default)]
pub struct Problems {
    on_input: Vec<(String, String)>,
    /// `(link, text)` for the error summary; the link is an input's `#id` or a page.
    pub summary: Vec<(String, String)>,
    /// A problem not tied to a place (someone else saved the draft first).
    pub general: Option<String>,
}

/// Where a refused change's problem shows on a page: the input's name, and for a list typed
/// one entry a line, the line.
pub type Place = Option<(String, Option<usize>)>;

/// How a page places the problems of a refused change on its inputs.
pub type InputOf = Box<dyn Fn(&str) -> Place + Send>;

impl Problems {
    /// Places the problems of `refused` (paths in `bundle`, the refused candidate) on the
    /// page's inputs with `input_of`; every problem is also listed in the summary, named by
    /// where it is.
    pub fn of(
        t: Tr,
        lang: Lang,
        item: ItemId,
        bundle: &ItemForm,
        refused: &Refused,
        input_of: impl Fn(&str) -> Place,
    ) -> Problems {
        let mut p = Problems::default();
        if refused.code == ErrorCode::Conflict {
            p.general = Some(t.fb_conflict().to_owned());
        }
        for e in refused.fields.iter() {
            let path = e.field.to_string();
            let mut message = t.field(e.code).to_owned();
            let place = input_of(&path);
            if let Some((_, Some(line))) = &place {
                message = format!("{}{message}", t.line_prefix(*line));
            } else if let Some(n) = e.line {
                message = format!("{}{message}", t.line_prefix(n));
            }
            let (what, page) = describe(t, lang, item, bundle, &path);
            let link = match &place {
                Some((name, _)) => format!("#{}", dom_id(name)),
                None => page,
            };
            p.summary
                .push((link, format!("{what}{}{message}", t.pick("：", "：", ": "))));
            if let Some((name, _)) = place {
                match p.on_input.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, m)) => {
                        m.push(' ');
                        m.push_str(&message);
                    }
                    None => p.on_input.push((name, message)),
                }
            }
        }
        p
    }

    /// A problem not tied to any input.
    pub fn general(message: &str) -> Problems {
        Problems {
            general: Some(message.to_owned()),
            ..Problems::default()
        }
    }

    /// The problem on one input.
    pub fn on(&self, name: &str) -> Option<String> {
        self.on_input
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m.clone())
    }

    /// Whether there is anything to show.
    pub fn any(&self) -> bool {
        !self.summary.is_empty() || self.general.is_some()
    }
}

/// `name[3]rest` → `(3, rest)`.
pub fn index(s: &str, name: &str) -> Option<(usize, String)> {
    let rest = s.strip_prefix(name)?.strip_prefix('[')?;
    let (n, rest) = rest.split_once(']')?;
    Some((n.parse().ok()?, rest.to_owned()))
}

/// The place a path names in words, and the builder page where it is edited.
fn describe(t: Tr, lang: Lang, item: ItemId, b: &ItemForm, path: &str) -> (String, String) {
    let base = format!("/console/items/{item}/form");
    if let Some((i, rest)) = index(path, "sections") {
        let Some(section) = b.form.sections.get(i) else {
            return (t.fb_sections().to_owned(), base);
        };
        let mut what = label(&section.title, lang);
        if let Some((j, rest)) = index(&rest, ".fields")
            && let Some(f) = section.fields.get(j)
        {
            what = format!("{what} › {}", label(&f.label, lang));
            let mut locator = f.key.clone();
            if let yiwang_domain::forms::FieldKind::Group { fields, .. } = &f.kind
                && let Some((k, _)) = index(&rest, ".kind.fields")
                && let Some(m) = fields.get(k)
            {
                what = format!("{what} › {}", label(&m.label, lang));
                locator = format!("{}.{}", f.key, m.key);
            }
            return (what, format!("{base}/fields/{locator}"));
        }
        return (what, format!("{base}#section-{i}"));
    }
    if path == "sections" {
        return (t.fb_sections().to_owned(), base);
    }
    if let Some(rest) = path.strip_prefix("workflow.") {
        let what = match index(rest, "steps") {
            Some((i, _)) => format!("{} {}", t.fb_step(), i + 1),
            None => t.fb_workflow().to_owned(),
        };
        return (what, format!("{base}/workflow"));
    }
    if let Some((i, _)) = index(path, "rules.rules") {
        let key = b
            .rules
            .as_ref()
            .and_then(|r| r.rules.get(i))
            .map(|r| r.key.clone())
            .unwrap_or_default();
        return (
            format!("{} {key}", t.fb_rule()),
            format!("{base}/rules/{key}"),
        );
    }
    if path.starts_with("rules") {
        return (t.fb_rules().to_owned(), format!("{base}/rules"));
    }
    if path.starts_with("certificate") {
        return (
            t.fb_certificate().to_owned(),
            format!("{base}/workflow#certificate"),
        );
    }
    if path.starts_with('_') {
        return (t.fb_sample_facts().to_owned(), format!("{base}/dry-run"));
    }
    (path.to_owned(), base)
}

/// A staff-written label in the reader's language.
pub fn label(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::En => {
            l.en.clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| l.zh.clone())
        }
        _ => yiwang_kit::zh::display(&l.zh, lang),
    }
}

/// A label from two inputs: Chinese as typed, English only when written.
pub fn label_from(p: &Posted, name: &str) -> Label {
    let en = p.text(&format!("{name}.en"));
    Label {
        zh: p.text(&format!("{name}.zh")),
        en: (!en.is_empty()).then_some(en),
    }
}

/// Maps a refused candidate's path under `prefix` to the page's input of the same name
/// (`prefix.` stripped), with the line for lists typed one entry a line (`lists`).
pub fn under(path: &str, prefix: &str, to: &str, lists: &[&str]) -> Place {
    let rest = if prefix.is_empty() {
        path
    } else {
        path.strip_prefix(prefix)?.strip_prefix('.')?
    };
    for list in lists {
        if let Some((n, _)) = index(rest, list) {
            return Some((format!("{to}{list}"), Some(n + 1)));
        }
    }
    Some((format!("{to}{rest}"), None))
}
