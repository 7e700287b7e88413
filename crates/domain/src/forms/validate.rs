//! The submission check: which fields are shown, what each answer may be, and the clean
//! answers that are stored. The same walk gives a section's status on the task list.

use serde_json::Value;
use time::Date;

use super::check::MAX_ENTRIES;
use super::{Answers, Condition, Field, FieldKind, FileType, FormDef, values};
use crate::region::{RegionCode, RegionLevel};
use crate::{FieldCode, FieldErrors};

/// The region tree, as far as answers need it.
pub trait Regions {
    /// Whether the region is in the tree (and may be picked).
    fn exists(&self, code: &RegionCode) -> bool;
}

/// The applicant's uploads, as far as answers need them.
pub trait Files {
    /// The upload with this id, if it is one of the applicant's and still kept.
    fn get(&self, id: &str) -> Option<FileMeta>;
}

/// What the platform knows of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    /// The kind sniffed from its content ([`FileType::sniff`]); `None` when not recognised.
    pub file_type: Option<FileType>,
    /// Its size.
    pub bytes: u64,
}

/// What the answer checks need from outside the form.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// Today in China Standard Time, for date bounds and ID birth dates.
    pub today: Date,
    /// The region tree.
    pub regions: &'a dyn Regions,
    /// The applicant's uploads.
    pub files: &'a dyn Files,
}

crate::stable_names! {
    /// How far a section of the task list is filled in.
    pub enum SectionStatus {
        /// Nothing answered yet.
        NotStarted = "not_started",
        /// Something answered, but something is missing or wrong.
        InProgress = "in_progress",
        /// Every shown question is answered well enough to submit.
        Complete = "complete",
    }
}

impl FormDef {
    /// Checks a submission and returns the answers to store: only shown fields (conditions
    /// are judged on the clean answers before them, so hiding cascades), unknown keys dropped,
    /// every value in its normal form, and empty optional answers left out. All errors are
    /// reported, at paths such as `spouse_name`, `members[1].name` or `home.region`.
    pub fn validate(&self, answers: &Answers, ctx: &Ctx) -> Result<Answers, FieldErrors> {
        let mut clean = Answers::new();
        let mut errors = FieldErrors::new();
        for section in &self.sections {
            walk_form(&section.fields, answers, &mut clean, ctx, &mut errors);
        }
        if errors.is_empty() {
            Ok(clean)
        } else {
            Err(errors)
        }
    }

    /// The status of a section on the task list, or `None` if there is no such section. A
    /// section is not started while none of its shown questions has an answer, and complete
    /// when its shown questions pass the submission check. A section whose questions are all
    /// hidden (by answers in earlier sections) has nothing to ask and is complete.
    pub fn section_status(&self, key: &str, answers: &Answers, ctx: &Ctx) -> Option<SectionStatus> {
        let (seen, errors) = self.walk_section(key, answers, ctx)?;
        Some(if seen.shown == 0 {
            SectionStatus::Complete
        } else if seen.answered == 0 {
            SectionStatus::NotStarted
        } else if errors.is_empty() {
            SectionStatus::Complete
        } else {
            SectionStatus::InProgress
        })
    }

    /// The errors of one section's shown questions (none for an unknown section), for a
    /// section page saved with "continue".
    pub fn section_errors(&self, key: &str, answers: &Answers, ctx: &Ctx) -> FieldErrors {
        self.walk_section(key, answers, ctx)
            .map(|(_, errors)| errors)
            .unwrap_or_default()
    }

    fn walk_section(&self, key: &str, answers: &Answers, ctx: &Ctx) -> Option<(Seen, FieldErrors)> {
        let at = self.sections.iter().position(|s| s.key == key)?;
        // Earlier sections only decide what is shown here; their own errors are theirs.
        let mut clean = Answers::new();
        let mut ignored = FieldErrors::new();
        for section in &self.sections[..at] {
            walk_form(&section.fields, answers, &mut clean, ctx, &mut ignored);
        }
        let mut errors = FieldErrors::new();
        let fields = &self.sections[at].fields;
        let seen = walk_form(fields, answers, &mut clean, ctx, &mut errors);
        Some((seen, errors))
    }
}

/// How many of the walked fields were shown, and how many of those had an answer.
#[derive(Default)]
struct Seen {
    shown: usize,
    answered: usize,
}

/// [`walk`] for top-level fields.
fn walk_form(
    fields: &[Field],
    raw: &Answers,
    clean: &mut Answers,
    ctx: &Ctx,
    errors: &mut FieldErrors,
) -> Seen {
    walk(fields, raw, clean, None, "", ctx, errors)
}

/// Checks `fields` against `raw`, adding clean values to `clean`. For a group entry, `clean`
/// is the entry and `outer` the form's clean answers (which a member's condition may name);
/// `prefix` is put before each key in error paths.
fn walk(
    fields: &[Field],
    raw: &Answers,
    clean: &mut Answers,
    outer: Option<&Answers>,
    prefix: &str,
    ctx: &Ctx,
    errors: &mut FieldErrors,
) -> Seen {
    let mut seen = Seen::default();
    for (j, field) in fields.iter().enumerate() {
        if let Some(cond) = &field.visible_if {
            // The same lookup as the definition check: an earlier member of this entry first,
            // then the form.
            let source = match outer {
                Some(form) if !fields[..j].iter().any(|f| f.key == cond.field) => form,
                _ => &*clean,
            };
            if !holds(cond, source.get(&cond.field)) {
                continue;
            }
        }
        seen.shown += 1;
        let value = raw.get(&field.key);
        if values::is_blank(value) {
            if field.required {
                errors.add_path(format!("{prefix}{}", field.key), FieldCode::Required);
            }
            continue;
        }
        seen.answered += 1;
        let Some(value) = value else { continue };
        let path = format!("{prefix}{}", field.key);
        let form = outer.unwrap_or(&*clean);
        if let Some(v) = check_answer(field, value, &path, form, ctx, errors) {
            clean.insert(field.key.clone(), v);
        }
    }
    seen
}

/// Whether a condition holds on the clean answer it names (absent when that field was hidden,
/// empty or wrong, so hiding cascades).
fn holds(cond: &Condition, answer: Option<&Value>) -> bool {
    let is_listed = |v: &Value| cond.any_of.iter().any(|a| v.as_str() == Some(a));
    match answer {
        Some(Value::Array(picked)) => picked.iter().any(is_listed),
        Some(v) => is_listed(v),
        None => false,
    }
}

/// One non-blank answer's clean value, or `None` after recording why it is refused.
fn check_answer(
    field: &Field,
    value: &Value,
    path: &str,
    form: &Answers,
    ctx: &Ctx,
    errors: &mut FieldErrors,
) -> Option<Value> {
    let single = match &field.kind {
        FieldKind::Text { max_len, multiline } => values::text(value, *max_len, *multiline),
        FieldKind::Number {
            min, max, decimals, ..
        } => values::number(value, *min, *max, *decimals),
        FieldKind::Date {
            past_only,
            future_only,
        } => values::date(value, *past_only, *future_only, ctx.today),
        FieldKind::Choice { options } => values::choice(value, options),
        FieldKind::MultiChoice { options, min, max } => {
            values::multi_choice(value, options, *min, *max)
        }
        FieldKind::IdNumber => values::id_number(value, ctx.today),
        FieldKind::Phone => values::phone(value),
        FieldKind::CreditCode => values::credit_code(value),
        FieldKind::BankCard => values::bank_card(value),
        FieldKind::File {
            accept,
            max_bytes,
            max_files,
        } => files(value, accept, *max_bytes, *max_files, ctx),
        FieldKind::Address { level } => return address(value, *level, path, ctx, errors),
        FieldKind::Group { fields, min, max } => {
            let group = Group {
                fields,
                min: *min,
                max: *max,
            };
            return group.check(value, path, form, ctx, errors);
        }
    };
    match single {
        Ok(v) => Some(v),
        Err(code) => {
            errors.add_path(path.to_owned(), code);
            None
        }
    }
}

/// `{"region": code, "detail": text}`: a region of exactly the field's level from the tree,
/// and the rest of the address. Errors go to `path.region` and `path.detail`.
fn address(
    value: &Value,
    level: RegionLevel,
    path: &str,
    ctx: &Ctx,
    errors: &mut FieldErrors,
) -> Option<Value> {
    let Value::Object(parts) = value else {
        errors.add_path(path.to_owned(), FieldCode::InvalidChoice);
        return None;
    };
    let given = |part: &str| parts.get(part).filter(|v| !values::is_blank(Some(v)));
    let region = match given("region") {
        None => Err(FieldCode::Required),
        Some(Value::String(s)) => RegionCode::parse(s).and_then(|code| {
            if !ctx.regions.exists(&code) {
                Err(FieldCode::UnknownRegion)
            } else if code.level() != level {
                Err(FieldCode::WrongRegionLevel)
            } else {
                Ok(code)
            }
        }),
        Some(_) => Err(FieldCode::UnknownRegion),
    };
    let detail = match given("detail") {
        None => Err(FieldCode::Required),
        Some(Value::String(s)) => crate::account::check_plain_text(s, 1, 200),
        Some(_) => Err(FieldCode::InvalidCharacters),
    };
    match (region, detail) {
        (Ok(region), Ok(detail)) => {
            let mut clean = Answers::new();
            clean.insert("region".into(), Value::String(region.as_str().to_owned()));
            clean.insert("detail".into(), Value::String(detail));
            Some(Value::Object(clean))
        }
        (region, detail) => {
            if let Err(code) = region {
                errors.add_path(format!("{path}.region"), code);
            }
            if let Err(code) = detail {
                errors.add_path(format!("{path}.detail"), code);
            }
            None
        }
    }
}

/// File ids of the applicant's uploads, each of an accepted kind and size. A repeated id
/// counts once (a double-clicked checkbox is not two files). Errors go to the field's path.
fn files(
    value: &Value,
    accept: &[FileType],
    max_bytes: u64,
    max_files: u32,
    ctx: &Ctx,
) -> Result<Value, FieldCode> {
    let Value::Array(items) = value else {
        return Err(FieldCode::InvalidChoice);
    };
    let mut ids: Vec<&str> = Vec::new();
    for item in items {
        let id = item.as_str().ok_or(FieldCode::UnknownFile)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.len() > max_files as usize {
        return Err(FieldCode::TooMany);
    }
    for id in &ids {
        let meta = ctx.files.get(id).ok_or(FieldCode::UnknownFile)?;
        if !meta.file_type.is_some_and(|t| accept.contains(&t)) {
            return Err(FieldCode::FileType);
        }
        if meta.bytes > max_bytes {
            return Err(FieldCode::FileTooLarge);
        }
    }
    Ok(Value::Array(
        ids.into_iter()
            .map(|id| Value::String(id.to_owned()))
            .collect(),
    ))
}

/// A repeatable group's definition, for checking its answer.
struct Group<'d> {
    fields: &'d [Field],
    min: u32,
    max: u32,
}

impl Group<'_> {
    /// A list of entries, each checked with the group's fields at `path[i].`; the count
    /// errors go to `path`. Entries past the limit are not checked: the count error says it.
    fn check(
        &self,
        value: &Value,
        path: &str,
        form: &Answers,
        ctx: &Ctx,
        errors: &mut FieldErrors,
    ) -> Option<Value> {
        let Value::Array(entries) = value else {
            errors.add_path(path.to_owned(), FieldCode::InvalidChoice);
            return None;
        };
        let limit = self.max.min(MAX_ENTRIES) as usize;
        let mut ok = true;
        if entries.len() > limit {
            errors.add_path(path.to_owned(), FieldCode::TooMany);
            ok = false;
        } else if entries.len() < self.min as usize {
            errors.add_path(path.to_owned(), FieldCode::TooFew);
            ok = false;
        }
        let mut clean = Vec::new();
        for (i, entry) in entries.iter().take(limit).enumerate() {
            let at = format!("{path}[{i}]");
            let Value::Object(raw) = entry else {
                errors.add_path(at, FieldCode::InvalidChoice);
                ok = false;
                continue;
            };
            let before = errors.iter().count();
            let mut entry_clean = Answers::new();
            let prefix = format!("{at}.");
            walk(
                self.fields,
                raw,
                &mut entry_clean,
                Some(form),
                &prefix,
                ctx,
                errors,
            );
            ok &= errors.iter().count() == before;
            clean.push(Value::Object(entry_clean));
        }
        ok.then_some(Value::Array(clean))
    }
}
