//! The rules of open data: dataset names, the licences and topic groups a dataset may name,
//! update frequencies, and the check of a steward's input. Pure: no I/O.

use yiwang_domain::error::FieldErrors;
use yiwang_domain::{Error, FieldCode};
use yiwang_store::opendata::DatasetFields;

/// A licence a dataset may carry (CKAN's `license_list` entry).
pub struct Licence {
    /// Its id (`license_id`).
    pub id: &'static str,
    /// Its title.
    pub title: &'static str,
    /// Where its text is ("" for a licence the deployment states in its own terms of use).
    pub url: &'static str,
    /// Whether it is open (Open Definition).
    pub open: bool,
}

/// The licences: the two Creative Commons ones data portals use, and the deployment's
/// 政府数据开放 licence (free use with attribution, no endorsement implied), and CKAN's
/// "Other (Open)" for data under another open licence named in the description.
pub const LICENCES: &[Licence] = &[
    Licence {
        id: "cc-by-4.0",
        title: "Creative Commons Attribution 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
        open: true,
    },
    Licence {
        id: "cc-zero",
        title: "Creative Commons CCZero",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
        open: true,
    },
    Licence {
        id: "gov-open-data-1.0",
        title: "政府数据开放许可协议 1.0",
        url: "",
        open: true,
    },
    Licence {
        id: "other-open",
        title: "Other (Open)",
        url: "",
        open: true,
    },
];

/// A topic group (CKAN's group): code, then its name in three languages.
pub const GROUPS: &[(&str, &str, &str, &str)] = &[
    (
        "government-services",
        "政务服务",
        "政務服務",
        "Government services",
    ),
    ("economy", "经济建设", "經濟建設", "Economy"),
    ("society", "社会民生", "社會民生", "Society and welfare"),
    ("education", "教育科技", "教育科技", "Education and science"),
    ("health", "医疗卫生", "醫療衛生", "Health"),
    ("environment", "资源环境", "資源環境", "Environment"),
    ("transport", "交通运输", "交通運輸", "Transport"),
    ("geography", "地理空间", "地理空間", "Geography and regions"),
];

/// How often a dataset is updated: code, then the name in three languages.
pub const FREQUENCIES: &[(&str, &str, &str, &str)] = &[
    ("daily", "每日", "每日", "Daily"),
    ("monthly", "每月", "每月", "Monthly"),
    ("quarterly", "每季度", "每季度", "Quarterly"),
    ("annual", "每年", "每年", "Yearly"),
    ("irregular", "不定期", "不定期", "Irregularly"),
    ("never", "不再更新", "不再更新", "No longer updated"),
];

/// The licence with this id.
pub fn licence(id: &str) -> Option<&'static Licence> {
    LICENCES.iter().find(|l| l.id == id)
}

/// Whether a name is one CKAN accepts: 2–100 of `a-z`, `0-9`, `-`, `_`.
pub fn valid_name(name: &str) -> bool {
    (2..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The organisation name of a department: its id, which is already of CKAN's alphabet and
/// never changes when the department is renamed.
pub fn org_name(department: &yiwang_domain::ids::DepartmentId) -> String {
    department.to_string()
}

fn date_ok(s: &str) -> bool {
    crate::table::is_date(s)
}

/// Tidies a steward's input and checks it: every problem named on its field.
pub fn check(mut f: DatasetFields) -> Result<DatasetFields, Error> {
    let mut e = FieldErrors::new();
    f.name = f.name.trim().to_lowercase();
    f.title = f.title.trim().to_owned();
    f.notes = f.notes.trim().to_owned();
    f.contact = f.contact.trim().to_owned();
    f.version = f.version.trim().to_owned();
    f.tags = tidy(f.tags.iter().flat_map(|t| t.split([',', '，', '\n'])));
    f.groups = tidy(f.groups.iter().map(String::as_str));
    f.temporal_start = f
        .temporal_start
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    f.temporal_end = f
        .temporal_end
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    f.region = f
        .region
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    if f.name.is_empty() {
        e.add("name", FieldCode::Required);
    } else if !valid_name(&f.name) {
        e.add("name", FieldCode::InvalidCharacters);
    }
    if f.title.is_empty() {
        e.add("title", FieldCode::Required);
    } else if f.title.chars().count() > 200 {
        e.add("title", FieldCode::TooLong);
    }
    if f.notes.chars().count() > 10_000 {
        e.add("notes", FieldCode::TooLong);
    }
    if licence(&f.license_id).is_none() {
        e.add("license_id", FieldCode::InvalidChoice);
    }
    if !FREQUENCIES.iter().any(|(c, ..)| *c == f.frequency) {
        e.add("frequency", FieldCode::InvalidChoice);
    }
    if f.groups
        .iter()
        .any(|g| !GROUPS.iter().any(|(c, ..)| c == g))
    {
        e.add("groups", FieldCode::InvalidChoice);
    }
    if f.tags.len() > 30 || f.tags.iter().any(|t| t.chars().count() > 50) {
        e.add("tags", FieldCode::TooLong);
    }
    for (field, v) in [
        ("temporal_start", &f.temporal_start),
        ("temporal_end", &f.temporal_end),
    ] {
        if v.as_deref().is_some_and(|s| !date_ok(s)) {
            e.add(field, FieldCode::InvalidDate);
        }
    }
    if let (Some(a), Some(b)) = (&f.temporal_start, &f.temporal_end)
        && date_ok(a)
        && date_ok(b)
        && a > b
    {
        e.add("temporal_end", FieldCode::InvalidDate);
    }
    if f.contact.chars().count() > 200 || f.version.chars().count() > 50 {
        e.add("contact", FieldCode::TooLong);
    }
    if e.is_empty() {
        Ok(f)
    } else {
        Err(Error::invalid(e))
    }
}

fn tidy<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in items {
        let t = t.trim();
        if !t.is_empty() && !out.iter().any(|o| o == t) {
            out.push(t.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_ckans_alphabet() {
        assert!(valid_name("guang-an_2026"));
        assert!(!valid_name("a"));
        assert!(!valid_name("Guang"));
        assert!(!valid_name("广安"));
    }

    #[test]
    fn a_dataset_without_title_or_known_licence_is_refused_on_those_fields() {
        let e = check(DatasetFields {
            name: "ok-name".into(),
            frequency: "monthly".into(),
            license_id: "mine".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.fields.get("title").is_some() && e.fields.get("license_id").is_some());
    }
}
