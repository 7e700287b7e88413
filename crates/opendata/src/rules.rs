//! The rules of open data: dataset names, the licences and topic groups a dataset may name,
//! update frequencies, and the check of a steward's input. Pure: no I/O.

use yiwang_domain::error::FieldErrors;
use yiwang_domain::{Error, FieldCode};
use yiwang_store::opendata::DatasetFields;

/// A licence a dataset may carry (CKAN's `license_list` entry).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// Its id (`license_id`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where its text is ("" for a licence the deployment states in its own terms of use).
    #[serde(default)]
    pub url: String,
    /// Whether it is open (Open Definition).
    #[serde(default = "yes")]
    pub open: bool,
}

fn yes() -> bool {
    true
}

fn licence(id: &str, title: &str, url: &str) -> Licence {
    Licence {
        id: id.into(),
        title: title.into(),
        url: url.into(),
        open: true,
    }
}

/// The licences every deployment offers: the two Creative Commons ones data portals use,
/// and CKAN's "Other (Open)" for data under another open licence named in the description.
pub fn built_in() -> Vec<Licence> {
    vec![
        licence(
            "cc-by-4.0",
            "Creative Commons Attribution 4.0",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        licence(
            "cc-zero",
            "Creative Commons CCZero",
            "https://creativecommons.org/publicdomain/zero/1.0/",
        ),
        licence("other-open", "Other (Open)", ""),
    ]
}

/// The licences of this deployment: the built-in ones, then those its configuration adds
/// (`[[open_data.licences]]`, e.g. a city's 政府数据开放许可协议). Installed in the state by
/// the binary; without it, the built-in ones.
#[derive(Debug, Clone)]
pub struct Licences(std::sync::Arc<Vec<Licence>>);

impl Default for Licences {
    fn default() -> Self {
        Licences(std::sync::Arc::new(built_in()))
    }
}

impl Licences {
    /// The built-in licences and the deployment's, each checked: an id of CKAN's alphabet
    /// (2–100 of `a-z 0-9 - _ .`) not used twice, a title of 1–200 characters, an address
    /// that is empty or `http(s)://`.
    pub fn with_deployment(extra: Vec<Licence>) -> Result<Licences, String> {
        let mut all = built_in();
        for l in extra {
            let l = Licence {
                id: l.id.trim().to_owned(),
                title: l.title.trim().to_owned(),
                url: l.url.trim().to_owned(),
                open: l.open,
            };
            let id_ok = (2..=100).contains(&l.id.len())
                && l.id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
            if !id_ok {
                return Err(format!(
                    "licence id {:?}: use 2 to 100 of a-z, 0-9, '-', '_', '.'",
                    l.id
                ));
            }
            if all.iter().any(|o| o.id == l.id) {
                return Err(format!(
                    "licence id {:?} is given twice (or is built in)",
                    l.id
                ));
            }
            if l.title.is_empty() || l.title.chars().count() > 200 {
                return Err(format!(
                    "licence {:?}: a title of 1 to 200 characters is needed",
                    l.id
                ));
            }
            if !(l.url.is_empty() || l.url.starts_with("https://") || l.url.starts_with("http://"))
            {
                return Err(format!(
                    "licence {:?}: the url must start with https:// or http://",
                    l.id
                ));
            }
            all.push(l);
        }
        Ok(Licences(std::sync::Arc::new(all)))
    }

    /// The licence with this id.
    pub fn get(&self, id: &str) -> Option<&Licence> {
        self.0.iter().find(|l| l.id == id)
    }

    /// Every licence, built-in ones first.
    pub fn all(&self) -> &[Licence] {
        &self.0
    }
}

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
pub fn check(mut f: DatasetFields, licences: &Licences) -> Result<DatasetFields, Error> {
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
    if licences.get(&f.license_id).is_none() {
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
        let e = check(
            DatasetFields {
                name: "ok-name".into(),
                frequency: "monthly".into(),
                license_id: "mine".into(),
                ..Default::default()
            },
            &Licences::default(),
        )
        .unwrap_err();
        assert!(e.fields.get("title").is_some() && e.fields.get("license_id").is_some());
    }

    #[test]
    fn a_deployment_adds_its_own_licences_and_a_bad_one_stops_the_start() {
        let gov = Licence {
            id: "gov-open-data-1.0".into(),
            title: "政府数据开放许可协议 1.0".into(),
            url: String::new(),
            open: true,
        };
        let l = Licences::with_deployment(vec![gov.clone()]).unwrap();
        assert_eq!(l.get("gov-open-data-1.0"), Some(&gov));
        assert!(l.get("cc-by-4.0").is_some() && l.get("cc-zero").is_some());
        let f = DatasetFields {
            name: "ok-name".into(),
            title: "标题".into(),
            frequency: "monthly".into(),
            license_id: "gov-open-data-1.0".into(),
            ..Default::default()
        };
        assert!(check(f.clone(), &l).is_ok());
        assert!(check(f, &Licences::default()).is_err());
        for bad in [
            Licence {
                id: "cc-by-4.0".into(),
                ..gov.clone()
            },
            Licence {
                id: "Bad Id".into(),
                ..gov.clone()
            },
            Licence {
                title: " ".into(),
                ..gov.clone()
            },
            Licence {
                url: "ftp://x".into(),
                ..gov.clone()
            },
        ] {
            assert!(Licences::with_deployment(vec![bad]).is_err());
        }
    }
}
