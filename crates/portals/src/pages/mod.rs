//! Pages: the public portal and investment pages (`public.rs`), the investor's form, their
//! account pages and the office's queue (`investor.rs`), and the editors' console
//! (`console.rs`). Views shared by them live here.

pub mod console;
pub mod investor;
pub mod public;

use yiwang_kit::i18n::Tr;
use yiwang_store::portals::{IndicatorPoint, ProjectRow};

use crate::chart::{Bar, bars};
use crate::rules::{INDICATORS, SECTORS, STAGES, hundredths_text, m2_to_mu_x100};
use crate::texts::PortalTexts;

/// A choice in a list of options.
pub struct Choice {
    /// Its value.
    pub value: String,
    /// Its label.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// The choices of a code list in the reader's language.
pub fn choices(
    t: Tr,
    list: &[(&'static str, &'static str, &'static str, &'static str)],
    current: &str,
) -> Vec<Choice> {
    list.iter()
        .map(|(c, a, b, e)| Choice {
            value: (*c).to_owned(),
            label: t.pick(a, b, e).to_owned(),
            selected: *c == current,
        })
        .collect()
}

fn name_of(
    t: Tr,
    list: &[(&'static str, &'static str, &'static str, &'static str)],
    code: &str,
) -> String {
    list.iter()
        .find(|(c, ..)| *c == code)
        .map_or(code.to_owned(), |(_, a, b, e)| t.pick(a, b, e).to_owned())
}

/// An indicator's name and unit.
pub fn indicator_name(t: Tr, code: &str) -> (String, &'static str) {
    INDICATORS
        .iter()
        .find(|i| i.0 == code)
        .map_or((code.to_owned(), ""), |(_, unit, a, b, e)| {
            (t.pick(a, b, e).to_owned(), unit)
        })
}

/// The indicators as choices.
pub fn indicator_choices(t: Tr) -> Vec<Choice> {
    INDICATORS
        .iter()
        .map(|(c, unit, a, b, e)| Choice {
            value: (*c).to_owned(),
            label: format!("{}（{unit}）", t.pick(a, b, e)),
            selected: false,
        })
        .collect()
}

/// Plain text as paragraphs (a blank line separates them).
pub fn paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A project as pages show it.
pub struct ProjectView {
    /// Its id.
    pub id: String,
    /// Its page.
    pub href: String,
    /// Its name.
    pub title: String,
    /// Sector.
    pub sector: String,
    /// Where.
    pub location: String,
    /// Land in 亩 and m².
    pub land: String,
    /// Investment sought.
    pub investment: String,
    /// Stage.
    pub stage: String,
    /// Contact.
    pub contact: String,
    /// Description.
    pub summary: Vec<String>,
    /// Its document's address, if any.
    pub document: Option<String>,
    /// Whether readers see it.
    pub published: bool,
    /// Its region's code.
    pub region: String,
}

impl ProjectView {
    /// The view of a project.
    pub fn new(t: Tr, p: &ProjectRow) -> ProjectView {
        let f = &p.fields;
        let href = format!("/invest/projects/{}", p.id);
        ProjectView {
            id: p.id.to_string(),
            title: f.title.clone(),
            sector: name_of(t, SECTORS, &f.sector),
            location: f.location.clone(),
            land: if f.land_m2 == 0 {
                t.project_land_none().to_owned()
            } else {
                t.project_land_value()
                    .replacen("{}", &hundredths_text(m2_to_mu_x100(f.land_m2)), 1)
                    .replacen("{}", &f.land_m2.to_string(), 1)
            },
            investment: t.project_investment_value().replacen(
                "{}",
                &f.investment_wan.to_string(),
                1,
            ),
            stage: name_of(t, STAGES, &f.stage),
            contact: f.contact.clone(),
            summary: paragraphs(&f.summary),
            document: p.file_key.as_ref().map(|_| format!("{href}/document")),
            published: p.published,
            region: p.region.clone(),
            href,
        }
    }
}

/// An indicator's chart with the table of the same numbers.
pub struct ChartView {
    /// Its title.
    pub title: String,
    /// The value column's heading.
    pub value_heading: String,
    /// The SVG (built from escaped text by `chart::bars`).
    pub svg: String,
    /// (period, value) rows.
    pub rows: Vec<(String, String)>,
}

/// One chart per indicator that has points, in the list's order.
pub fn charts(t: Tr, points: &[IndicatorPoint]) -> Vec<ChartView> {
    INDICATORS
        .iter()
        .filter_map(|(code, ..)| {
            let series: Vec<&IndicatorPoint> =
                points.iter().filter(|p| p.indicator == *code).collect();
            if series.is_empty() {
                return None;
            }
            let (name, unit) = indicator_name(t, code);
            let title = format!("{name}（{unit}）");
            let data: Vec<Bar> = series
                .iter()
                .map(|p| Bar {
                    label: p.period.clone(),
                    value_x100: p.value_x100,
                })
                .collect();
            Some(ChartView {
                svg: bars(&format!("chart-{code}"), &title, &data),
                value_heading: t.invest_value().replacen("{}", unit, 1),
                rows: series
                    .iter()
                    .map(|p| (p.period.clone(), hundredths_text(p.value_x100)))
                    .collect(),
                title,
            })
        })
        .collect()
}
