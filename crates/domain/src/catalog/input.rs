//! An item as an editor writes it — in the console's form or the admin API — and its checks.
//! Lists are one entry per line; parts of a line are separated by `|` (full-width `｜` too):
//!
//! - materials: `名称 | 形式 | 份数 | 必需 | 来源`, e.g. `居民身份证 | 原件 | 1 | 必需 | 申请人`
//!   (形式, 份数, 必需 and 来源 may be left out: 原件, 1, 必需, 申请人);
//! - steps: one step per line;
//! - FAQ: `问题 | 回答`;
//! - policies: one title or link per line.

use serde::{Deserialize, Serialize};

use super::guide::{Channel, Faq, Guide, Material, MaterialSource, Step, Visits};
use super::{ItemType, Subject, Tag, Topic};
use crate::account::{check_optional_text, check_plain_text};
use crate::ids::{DepartmentId, ItemId};
use crate::region::RegionCode;
use crate::{Error, FieldCode, FieldErrors};

/// The longest text of a free-text guide field.
const LONG_TEXT: usize = 4000;
/// The most working days a time limit may have (ten years).
const MAX_DAYS: i64 = 3650;

/// An item as entered. Every field is text (or a list of names), so that a form can be shown
/// again exactly as typed when something is wrong.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ItemInput {
    /// 事项名称.
    pub name: String,
    /// 事项编码 (national code), optional.
    pub code: String,
    /// 事项类型 code ("1", "20"…).
    pub item_type: String,
    /// 实施部门 id.
    pub department: String,
    /// 实施区域 code.
    pub region: String,
    /// 主项 (parent item) id, optional.
    pub parent: String,
    /// Tags (stable names).
    pub tags: Vec<String>,
    /// Topics (stable names).
    pub topics: Vec<String>,
    /// Subjects: `person`, `legal`.
    pub subjects: Vec<String>,
    /// Where to apply online, if elsewhere (the provincial portal), optional.
    pub online_url: String,
    /// 申请条件.
    pub conditions: String,
    /// 申请材料, one per line.
    pub materials: String,
    /// 办理流程, one step per line.
    pub steps: String,
    /// 法定时限 (working days).
    pub statutory_days: String,
    /// 承诺时限 (working days).
    pub promised_days: String,
    /// 收费.
    pub fees: String,
    /// 设定依据.
    pub legal_basis: String,
    /// 办理地点.
    pub place: String,
    /// 办理时间.
    pub hours: String,
    /// 咨询电话.
    pub phone: String,
    /// 到现场次数: "", "0", "1", "2+".
    pub visits: String,
    /// 办理渠道 (stable names).
    pub channels: Vec<String>,
    /// 常见问题, `问题 | 回答` per line.
    pub faq: String,
    /// 相关政策, one per line.
    pub policies: String,
    /// 咨询方式.
    pub consult: String,
    /// 投诉方式.
    pub complaint: String,
    /// What this edit changes (kept in the version history).
    pub note: String,
}

/// A checked item. Whether the department, region and parent exist is checked by the store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidItem {
    /// Name.
    pub name: String,
    /// National code.
    pub code: Option<String>,
    /// Type.
    pub item_type: ItemType,
    /// Department.
    pub department: DepartmentId,
    /// Region.
    pub region: RegionCode,
    /// Parent item.
    pub parent: Option<ItemId>,
    /// Tags.
    pub tags: Vec<Tag>,
    /// Topics.
    pub topics: Vec<Topic>,
    /// Subjects.
    pub subjects: Vec<Subject>,
    /// External online-service address.
    pub online_url: Option<String>,
    /// The guide.
    pub guide: Guide,
    /// Version note.
    pub note: Option<String>,
}

fn split_line(line: &str) -> Vec<&str> {
    line.split(['|', '｜']).map(str::trim).collect()
}

fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
}

fn names<T>(
    e: &mut FieldErrors,
    field: &'static str,
    values: &[String],
    parse: impl Fn(&str) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match parse(v) {
            Some(x) => out.push(x),
            None => e.add(field, FieldCode::InvalidChoice),
        }
    }
    out
}

fn days(e: &mut FieldErrors, field: &'static str, text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=MAX_DAYS).contains(&n) => Some(n as u32),
        _ => {
            e.add(field, FieldCode::OutOfRange);
            None
        }
    }
}

fn text(e: &mut FieldErrors, field: &'static str, value: &str, max: usize) -> Option<String> {
    e.check(field, check_optional_text(value, max)).flatten()
}

fn material(line: &str) -> Option<Material> {
    let parts = split_line(line);
    let name = check_plain_text(parts.first()?, 1, 200).ok()?;
    let part = |i: usize| parts.get(i).copied().filter(|p| !p.is_empty());
    let form = match part(1) {
        Some(f) => Some(check_plain_text(f, 1, 20).ok()?),
        None => None,
    };
    let copies = match part(2) {
        Some(c) => Some(
            c.trim_end_matches('份')
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=99).contains(n))?,
        ),
        None => None,
    };
    let required = match part(3) {
        None | Some("必需" | "必须" | "必須" | "必要" | "是" | "required" | "yes") => true,
        Some(
            "非必需" | "非必须" | "非必須" | "否" | "容缺" | "可选" | "可選" | "optional" | "no",
        ) => false,
        Some(_) => return None,
    };
    let source = match part(4) {
        None | Some("申请人" | "申请人提供" | "申請人" | "申請人提供" | "applicant") => {
            MaterialSource::Applicant
        }
        Some("证照" | "电子证照" | "證照" | "電子證照" | "certificate") => {
            MaterialSource::Certificate
        }
        Some("政府" | "部门共享" | "部門共享" | "共享" | "government") => {
            MaterialSource::Government
        }
        Some(_) => return None,
    };
    Some(Material {
        name,
        form,
        copies,
        required,
        source,
    })
}

impl ItemInput {
    /// Checks every field and reports every problem at once (with line numbers for lists).
    pub fn validate(&self) -> Result<ValidItem, Error> {
        let mut e = FieldErrors::new();
        let name = e.check("name", check_plain_text(&self.name, 2, 200));
        let code = match self.code.trim() {
            "" => Some(None),
            c if c.len() <= 80 && c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
                Some(Some(c.to_owned()))
            }
            _ => {
                e.add("code", FieldCode::InvalidCharacters);
                None
            }
        };
        let item_type = match self.item_type.trim() {
            "" => {
                e.add("item_type", FieldCode::Required);
                None
            }
            t => e.check(
                "item_type",
                ItemType::parse(t).ok_or(FieldCode::InvalidChoice),
            ),
        };
        let department = match self.department.trim() {
            "" => {
                e.add("department", FieldCode::Required);
                None
            }
            d => e.check(
                "department",
                d.parse::<DepartmentId>()
                    .map_err(|_| FieldCode::UnknownDepartment),
            ),
        };
        let region = e.check("region", RegionCode::parse(&self.region));
        let parent = match self.parent.trim() {
            "" => Some(None),
            p => e.check(
                "parent",
                p.parse::<ItemId>()
                    .map(Some)
                    .map_err(|_| FieldCode::UnknownItem),
            ),
        };
        let tags = names(&mut e, "tags", &self.tags, Tag::parse);
        let topics = names(&mut e, "topics", &self.topics, Topic::parse);
        let subjects = names(&mut e, "subjects", &self.subjects, Subject::parse);
        let channels = names(&mut e, "channels", &self.channels, Channel::parse);
        let online_url = match self.online_url.trim() {
            "" => Some(None),
            u if (u.starts_with("https://") || u.starts_with("http://"))
                && u.len() <= 500
                && !u.contains(char::is_whitespace) =>
            {
                Some(Some(u.to_owned()))
            }
            _ => {
                e.add("online_url", FieldCode::InvalidUrl);
                None
            }
        };

        let mut materials = Vec::new();
        for (n, line) in lines(&self.materials) {
            match material(line) {
                Some(m) => materials.push(m),
                None => e.add_line("materials", FieldCode::InvalidLine, n),
            }
        }
        let mut steps = Vec::new();
        for (n, line) in lines(&self.steps) {
            match check_plain_text(line, 1, 500) {
                Ok(text) => steps.push(Step { text }),
                Err(c) => e.add_line("steps", c, n),
            }
        }
        let mut faq = Vec::new();
        for (n, line) in lines(&self.faq) {
            match split_line(line).as_slice() {
                [q, a] if !q.is_empty() && !a.is_empty() => faq.push(Faq {
                    question: (*q).to_owned(),
                    answer: (*a).to_owned(),
                }),
                _ => e.add_line("faq", FieldCode::InvalidLine, n),
            }
        }
        let mut policies = Vec::new();
        for (n, line) in lines(&self.policies) {
            match check_plain_text(line, 1, 300) {
                Ok(p) => policies.push(p),
                Err(c) => e.add_line("policies", c, n),
            }
        }
        let statutory_days = days(&mut e, "statutory_days", &self.statutory_days);
        let promised_days = days(&mut e, "promised_days", &self.promised_days);
        if let (Some(s), Some(p)) = (statutory_days, promised_days)
            && p > s
        {
            e.add("promised_days", FieldCode::PromisedOverStatutory);
        }
        let visits = match self.visits.trim() {
            "" => None,
            v => e.check("visits", Visits::parse(v).ok_or(FieldCode::InvalidChoice)),
        };
        let guide = Guide {
            conditions: text(&mut e, "conditions", &self.conditions, LONG_TEXT),
            materials: (!materials.is_empty()).then_some(materials),
            steps: (!steps.is_empty()).then_some(steps),
            statutory_days,
            promised_days,
            fees: text(&mut e, "fees", &self.fees, 1000),
            legal_basis: text(&mut e, "legal_basis", &self.legal_basis, LONG_TEXT),
            place: text(&mut e, "place", &self.place, 500),
            hours: text(&mut e, "hours", &self.hours, 500),
            phone: text(&mut e, "phone", &self.phone, 100),
            visits,
            channels: (!channels.is_empty()).then_some(channels),
            faq: (!faq.is_empty()).then_some(faq),
            policies: (!policies.is_empty()).then_some(policies),
            consult: text(&mut e, "consult", &self.consult, 500),
            complaint: text(&mut e, "complaint", &self.complaint, 500),
        };
        let note = text(&mut e, "note", &self.note, 200);
        e.finish(|| {
            Some(ValidItem {
                name: name?,
                code: code?,
                item_type: item_type?,
                department: department?,
                region: region?,
                parent: parent?,
                tags,
                topics,
                subjects,
                online_url: online_url?,
                guide,
                note,
            })
        })
    }

    /// The form of an existing item, for editing.
    pub fn from_item(v: &ValidItem) -> ItemInput {
        ItemInput {
            name: v.name.clone(),
            code: v.code.clone().unwrap_or_default(),
            item_type: v.item_type.as_str().to_owned(),
            department: v.department.to_string(),
            region: v.region.to_string(),
            parent: v.parent.map(|p| p.to_string()).unwrap_or_default(),
            tags: v.tags.iter().map(|t| t.as_str().to_owned()).collect(),
            topics: v.topics.iter().map(|t| t.as_str().to_owned()).collect(),
            subjects: v.subjects.iter().map(|t| t.as_str().to_owned()).collect(),
            online_url: v.online_url.clone().unwrap_or_default(),
            ..ItemInput::default()
        }
        .with_guide(&v.guide)
    }

    /// The form of a guide alone (the other fields empty).
    pub fn from_guide(g: &Guide) -> ItemInput {
        ItemInput::default().with_guide(g)
    }

    /// This form with its guide fields replaced by `g`'s.
    pub fn with_guide(self, g: &Guide) -> ItemInput {
        let join = |xs: Vec<String>| xs.join("\n");
        ItemInput {
            conditions: g.conditions.clone().unwrap_or_default(),
            materials: join(
                g.materials
                    .iter()
                    .flatten()
                    .map(|m| {
                        format!(
                            "{} | {} | {} | {} | {}",
                            m.name,
                            m.form.clone().unwrap_or_default(),
                            m.copies.map(|c| c.to_string()).unwrap_or_default(),
                            if m.required { "必需" } else { "非必需" },
                            match m.source {
                                MaterialSource::Applicant => "申请人",
                                MaterialSource::Certificate => "证照",
                                MaterialSource::Government => "部门共享",
                            }
                        )
                    })
                    .collect(),
            ),
            steps: join(g.steps.iter().flatten().map(|s| s.text.clone()).collect()),
            statutory_days: g.statutory_days.map(|d| d.to_string()).unwrap_or_default(),
            promised_days: g.promised_days.map(|d| d.to_string()).unwrap_or_default(),
            fees: g.fees.clone().unwrap_or_default(),
            legal_basis: g.legal_basis.clone().unwrap_or_default(),
            place: g.place.clone().unwrap_or_default(),
            hours: g.hours.clone().unwrap_or_default(),
            phone: g.phone.clone().unwrap_or_default(),
            visits: g.visits.map(|v| v.as_str().to_owned()).unwrap_or_default(),
            channels: g
                .channels
                .iter()
                .flatten()
                .map(|c| c.as_str().to_owned())
                .collect(),
            faq: join(
                g.faq
                    .iter()
                    .flatten()
                    .map(|f| format!("{} | {}", f.question, f.answer))
                    .collect(),
            ),
            policies: join(g.policies.clone().unwrap_or_default()),
            consult: g.consult.clone().unwrap_or_default(),
            complaint: g.complaint.clone().unwrap_or_default(),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> ItemInput {
        ItemInput {
            name: "失业保险金申领".into(),
            item_type: "5".into(),
            department: DepartmentId::generate().to_string(),
            region: "511602".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_item_is_valid_with_every_guide_field_unfilled() {
        let v = base().validate().unwrap();
        assert_eq!(v.item_type, ItemType::Benefit);
        assert_eq!(v.guide.filled(), 0);
    }

    #[test]
    fn lists_are_read_line_by_line_with_defaults() {
        let v = ItemInput {
            materials: "居民身份证 | 原件 | 1 | 必需 | 申请人\n\n失业证明\n社保卡｜复印件｜2份｜非必需｜部门共享".into(),
            steps: "提交申请\n窗口受理\n审核发放".into(),
            faq: "多久到账 | 审核通过后次月发放".into(),
            statutory_days: "20".into(),
            promised_days: "5".into(),
            visits: "0".into(),
            channels: vec!["online".into(), "window".into()],
            ..base()
        }
        .validate()
        .unwrap();
        let m = v.guide.materials.unwrap();
        assert_eq!(m.len(), 3);
        assert_eq!(m[1].name, "失业证明");
        assert!(m[1].required);
        assert_eq!(m[2].copies, Some(2));
        assert_eq!(m[2].source, MaterialSource::Government);
        assert!(!m[2].required);
        assert_eq!(v.guide.steps.unwrap().len(), 3);
        assert_eq!(v.guide.promised_days, Some(5));
        assert_eq!(v.guide.visits, Some(Visits::Zero));
    }

    #[test]
    fn bad_lines_negative_limits_and_unknown_names_are_reported_together() {
        let err = ItemInput {
            name: "".into(),
            item_type: "99".into(),
            department: "nope".into(),
            materials: "身份证\n身份证 | 原件 | 很多".into(),
            statutory_days: "-3".into(),
            tags: vec!["teleport".into()],
            online_url: "javascript:alert(1)".into(),
            ..base()
        }
        .validate()
        .unwrap_err();
        let f = &err.fields;
        assert_eq!(f.get("name"), Some(FieldCode::Required));
        assert_eq!(f.get("item_type"), Some(FieldCode::InvalidChoice));
        assert_eq!(f.get("department"), Some(FieldCode::UnknownDepartment));
        assert_eq!(f.get("statutory_days"), Some(FieldCode::OutOfRange));
        assert_eq!(f.get("tags"), Some(FieldCode::InvalidChoice));
        assert_eq!(f.get("online_url"), Some(FieldCode::InvalidUrl));
        let line = f.iter().find(|e| e.field == "materials").unwrap();
        assert_eq!((line.code, line.line), (FieldCode::InvalidLine, Some(2)));
    }

    #[test]
    fn a_promise_longer_than_the_law_allows_is_refused() {
        let err = ItemInput {
            statutory_days: "10".into(),
            promised_days: "12".into(),
            ..base()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            err.fields.get("promised_days"),
            Some(FieldCode::PromisedOverStatutory)
        );
    }

    #[test]
    fn an_item_round_trips_through_its_form() {
        let v = ItemInput {
            materials: "居民身份证 | 原件 | 1 | 必需 | 申请人\n戶口簿 | 原件 | 1 | 必須 | 證照"
                .into(),
            faq: "问 | 答".into(),
            tags: vec!["one_visit".into()],
            ..base()
        }
        .validate()
        .unwrap();
        let again = ItemInput::from_item(&v).validate().unwrap();
        assert_eq!(again, v);
    }
}
