//! The rules of portal content: lengths and characters of what editors write, the leaders
//! and contacts as lines of text, sectors and stages of projects, land in 亩 and m², the
//! indicators and their periods, amounts in hundredths. Pure: no I/O.

use yiwang_domain::account::check_plain_text;
use yiwang_domain::{Error as DomainError, FieldCode, FieldErrors};
use yiwang_store::portals::{ContactLine, Leader, ProjectFields};

/// Longest introduction, in characters.
pub const INTRO_MAX: usize = 2000;
/// Most leaders or contact lines on a page.
pub const LINES_MAX: usize = 20;
/// Most preferential policies a region names.
pub const POLICIES_MAX: usize = 20;
/// Longest question or answer of an investment inquiry.
pub const INQUIRY_MAX: usize = 2000;
/// Working days the investment office has to answer.
pub const ANSWER_DAYS: u32 = 5;
/// Largest project document (a PDF), in bytes.
pub const DOCUMENT_MAX: usize = 10 * 1024 * 1024;

/// Sectors of projects: code, Simplified, Traditional, English.
pub const SECTORS: &[(&str, &str, &str, &str)] = &[
    ("manufacturing", "先进制造", "先進製造", "Manufacturing"),
    ("agriculture", "现代农业", "現代農業", "Agriculture"),
    ("tourism", "文化旅游", "文化旅遊", "Culture and tourism"),
    ("logistics", "商贸物流", "商貿物流", "Trade and logistics"),
    ("energy", "清洁能源", "清潔能源", "Clean energy"),
    ("digital", "数字经济", "數位經濟", "Digital economy"),
    ("health", "康养医疗", "康養醫療", "Health and care"),
    ("infrastructure", "基础设施", "基礎設施", "Infrastructure"),
];

/// Stages of projects, in order.
pub const STAGES: &[(&str, &str, &str, &str)] = &[
    ("planning", "策划中", "策劃中", "Being planned"),
    ("approved", "已立项", "已立項", "Approved"),
    ("land_ready", "土地已具备", "土地已具備", "Land ready"),
    (
        "under_construction",
        "建设中",
        "建設中",
        "Under construction",
    ),
];

/// Economic indicators: code, unit, Simplified, Traditional, English.
pub const INDICATORS: &[(&str, &str, &str, &str, &str)] = &[
    ("gdp", "亿元", "地区生产总值", "地區生產總值", "GDP"),
    (
        "fixed_investment",
        "亿元",
        "固定资产投资",
        "固定資產投資",
        "Fixed-asset investment",
    ),
    (
        "retail_sales",
        "亿元",
        "社会消费品零售总额",
        "社會消費品零售總額",
        "Retail sales",
    ),
    (
        "population",
        "万人",
        "常住人口",
        "常住人口",
        "Resident population",
    ),
];

/// Square metres in one 亩 (1 亩 = 2000/3 m², the statutory conversion).
pub fn mu_to_m2(mu_x100: i64) -> i64 {
    (mu_x100 * 2000 + 150) / 300
}

/// 亩 in hundredths from square metres, rounded.
pub fn m2_to_mu_x100(m2: i64) -> i64 {
    (m2 * 300 + 1000) / 2000
}

/// Parses a non-negative decimal with at most two places into hundredths (`"12.5"` → 1250).
pub fn parse_hundredths(input: &str) -> Option<i64> {
    let s = input.trim();
    if s.is_empty() || s.len() > 16 {
        return None;
    }
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 2
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let w: i64 = whole.parse().ok()?;
    let f: i64 = format!("{frac:0<2}").parse().ok()?;
    w.checked_mul(100)?.checked_add(f)
}

/// Hundredths as people write them: `1250` → `12.5`, `1200` → `12`.
pub fn hundredths_text(v: i64) -> String {
    let (w, f) = (v / 100, (v % 100).abs());
    match f {
        0 => w.to_string(),
        f if f % 10 == 0 => format!("{w}.{}", f / 10),
        f => format!("{w}.{f:02}"),
    }
}

/// A period of an indicator: a year (`2025`) or a quarter (`2025Q3`), 1949–2100.
pub fn check_period(input: &str) -> Result<String, FieldCode> {
    let s = input.trim().to_ascii_uppercase();
    let (year, quarter) = match s.split_once('Q') {
        Some((y, q)) => (y, Some(q)),
        None => (s.as_str(), None),
    };
    let year_ok = year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && year
            .parse::<i32>()
            .is_ok_and(|y| (1949..=2100).contains(&y));
    let quarter_ok = quarter.is_none_or(|q| matches!(q, "1" | "2" | "3" | "4"));
    if s.is_empty() {
        Err(FieldCode::Required)
    } else if year_ok && quarter_ok {
        Ok(s)
    } else {
        Err(FieldCode::InvalidDate)
    }
}

/// Multi-line plain text: trimmed, at most `max` characters, no control characters but line
/// breaks, no direction overrides.
pub fn check_text(input: &str, min: usize, max: usize) -> Result<String, FieldCode> {
    let s = input.trim().replace("\r\n", "\n");
    let n = s.chars().count();
    if n == 0 && min > 0 {
        return Err(FieldCode::Required);
    }
    if n < min {
        return Err(FieldCode::TooShort);
    }
    if n > max {
        return Err(FieldCode::TooLong);
    }
    if s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        return Err(FieldCode::InvalidCharacters);
    }
    Ok(s)
}

/// Splits a line into two parts at the first `|`, `｜` or tab.
fn two_parts(line: &str) -> Option<(&str, &str)> {
    let i = line.find(['|', '｜', '\t'])?;
    let sep = line[i..].chars().next()?.len_utf8();
    Some((line[..i].trim(), line[i + sep..].trim()))
}

/// Parses lines of `first｜second`, each part checked as plain text of at most `max`
/// characters; blank lines skipped; at most [`LINES_MAX`] lines.
fn pairs(input: &str, max: (usize, usize)) -> Result<Vec<(String, String)>, FieldCode> {
    let mut out = Vec::new();
    for line in input.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (a, b) = two_parts(line).ok_or(FieldCode::InvalidLine)?;
        out.push((
            check_plain_text(a, 1, max.0)?,
            check_plain_text(b, 1, max.1)?,
        ));
    }
    if out.len() > LINES_MAX {
        return Err(FieldCode::TooLong);
    }
    Ok(out)
}

/// Leaders from lines of `姓名｜职务`.
pub fn parse_leaders(input: &str) -> Result<Vec<Leader>, FieldCode> {
    Ok(pairs(input, (20, 40))?
        .into_iter()
        .map(|(name, title)| Leader { name, title })
        .collect())
}

/// Contacts from lines of `名称｜号码或地址`.
pub fn parse_contacts(input: &str) -> Result<Vec<ContactLine>, FieldCode> {
    Ok(pairs(input, (20, 80))?
        .into_iter()
        .map(|(label, value)| ContactLine { label, value })
        .collect())
}

/// Leaders as lines again (for the form).
pub fn leader_lines(l: &[Leader]) -> String {
    l.iter()
        .map(|x| format!("{}｜{}", x.name, x.title))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Contacts as lines again (for the form).
pub fn contact_lines(c: &[ContactLine]) -> String {
    c.iter()
        .map(|x| format!("{}｜{}", x.label, x.value))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A project's form as typed.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput {
    /// Name.
    pub title: String,
    /// Sector code.
    pub sector: String,
    /// Location.
    pub location: String,
    /// Land in 亩 as typed (may be empty: no land).
    pub land_mu: String,
    /// Investment in 万元 as typed.
    pub investment_wan: String,
    /// Stage code.
    pub stage: String,
    /// Contact.
    pub contact: String,
    /// Description.
    pub summary: String,
}

impl ProjectInput {
    /// Checks every field; all problems at once.
    pub fn check(&self) -> Result<ProjectFields, DomainError> {
        let mut e = FieldErrors::new();
        let title = e.check("title", check_plain_text(&self.title, 2, 60));
        if !SECTORS.iter().any(|s| s.0 == self.sector) {
            e.add("sector", FieldCode::UnknownChoice);
        }
        if !STAGES.iter().any(|s| s.0 == self.stage) {
            e.add("stage", FieldCode::UnknownChoice);
        }
        let location = e.check("location", check_plain_text(&self.location, 2, 60));
        let land = if self.land_mu.trim().is_empty() {
            Some(0)
        } else {
            match parse_hundredths(&self.land_mu) {
                Some(v) if v <= 100_000_000 => Some(mu_to_m2(v)),
                _ => {
                    e.add("land_mu", FieldCode::InvalidNumber);
                    None
                }
            }
        };
        let wan = match self.investment_wan.trim().parse::<i64>() {
            Ok(v) if (1..=100_000_000).contains(&v) => Some(v),
            _ => {
                e.add("investment_wan", FieldCode::InvalidNumber);
                None
            }
        };
        let contact = e.check("contact", check_plain_text(&self.contact, 2, 80));
        let summary = e.check("summary", check_text(&self.summary, 0, INTRO_MAX));
        match (title, location, land, wan, contact, summary) {
            (
                Some(title),
                Some(location),
                Some(land_m2),
                Some(investment_wan),
                Some(c),
                Some(s),
            ) if e.is_empty() => Ok(ProjectFields {
                title,
                sector: self.sector.clone(),
                location,
                land_m2,
                investment_wan,
                stage: self.stage.clone(),
                contact: c,
                summary: s,
            }),
            _ => Err(DomainError::invalid(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn land_converts_between_mu_and_square_metres() {
        assert_eq!(mu_to_m2(100), 667);
        assert_eq!(mu_to_m2(15_000), 100_000);
        assert_eq!(m2_to_mu_x100(100_000), 15_000);
        assert_eq!(m2_to_mu_x100(mu_to_m2(12_050)), 12_050);
    }

    #[test]
    fn amounts_take_two_places_at_most() {
        assert_eq!(parse_hundredths("12.5"), Some(1250));
        assert_eq!(parse_hundredths("1456.27"), Some(145_627));
        assert_eq!(parse_hundredths("7"), Some(700));
        for bad in ["", "-1", "1.234", "a", ".5", "1e3", "99999999999999999"] {
            assert_eq!(parse_hundredths(bad), None, "{bad}");
        }
        assert_eq!(hundredths_text(1250), "12.5");
        assert_eq!(hundredths_text(145_627), "1456.27");
        assert_eq!(hundredths_text(700), "7");
    }

    #[test]
    fn periods_are_years_or_quarters() {
        assert_eq!(check_period("2025").as_deref(), Ok("2025"));
        assert_eq!(check_period("2025q3").as_deref(), Ok("2025Q3"));
        assert_eq!(check_period(""), Err(FieldCode::Required));
        for bad in ["25", "2025Q5", "1800", "2025-01", "二〇二五"] {
            assert_eq!(check_period(bad), Err(FieldCode::InvalidDate), "{bad}");
        }
    }

    #[test]
    fn leaders_are_lines_of_name_and_office() {
        let l = parse_leaders("张明｜区委书记\n\n李华|区长\n").unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].title, "区长");
        assert_eq!(parse_leaders("张明 区委书记"), Err(FieldCode::InvalidLine));
        let many = "甲｜乙\n".repeat(LINES_MAX + 1);
        assert_eq!(parse_leaders(&many), Err(FieldCode::TooLong));
        assert_eq!(parse_leaders(&leader_lines(&l)).unwrap(), l);
    }

    #[test]
    fn text_keeps_line_breaks_but_no_other_control_characters() {
        assert_eq!(check_text(" a\r\nb ", 1, 10).as_deref(), Ok("a\nb"));
        assert_eq!(
            check_text("a\u{7}b", 0, 10),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(
            check_text("a\u{202E}b", 0, 10),
            Err(FieldCode::InvalidCharacters)
        );
        assert_eq!(check_text(&"字".repeat(11), 0, 10), Err(FieldCode::TooLong));
    }

    #[test]
    fn a_project_needs_known_sector_and_stage_and_a_whole_investment() {
        let ok = ProjectInput {
            title: "食品产业园".into(),
            sector: "manufacturing".into(),
            location: "广安经开区".into(),
            land_mu: "150".into(),
            investment_wan: "50000".into(),
            stage: "land_ready".into(),
            contact: "区投资促进局 0826-2345678".into(),
            summary: "标准厂房".into(),
        };
        assert_eq!(ok.check().unwrap().land_m2, 100_000);
        let bad = ProjectInput {
            sector: "weapons".into(),
            stage: "done".into(),
            investment_wan: "12.5".into(),
            ..ok
        };
        let e = bad.check().unwrap_err();
        let fields: Vec<_> = e.fields.iter().map(|f| f.field.to_string()).collect();
        assert!(fields.contains(&"sector".to_string()));
        assert!(fields.contains(&"stage".to_string()));
        assert!(fields.contains(&"investment_wan".to_string()));
    }
}
