//! The league table (INQ-4): per department or per county over a chosen period — received,
//! 响应率, 按时办结率, 满意率, reopen rate, average working days to reply, overdue now — for
//! everyone, and as CSV. It sums the day-by-department counters kept with each event, so a
//! table reads a few rows per day and department, never the inquiries themselves.

use std::collections::HashMap;

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::{Date, Duration};
use yiwang_domain::inquiry::league::{Counts, percent};

use crate::texts::*;
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::Query;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};

/// The period and the grouping.
#[derive(Debug, Default, Deserialize)]
pub struct LeagueQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    /// `department` (default) or `region`.
    #[serde(default)]
    by: String,
}

/// One row of the table.
pub struct Row {
    name: String,
    received: i64,
    response: String,
    on_time: String,
    satisfaction: String,
    reopen: String,
    days: String,
    overdue: i64,
}

fn row(name: String, c: &Counts, overdue: i64) -> Row {
    Row {
        name,
        received: c.received,
        response: percent(c.response_rate()),
        on_time: percent(c.on_time_rate()),
        satisfaction: percent(c.satisfaction_rate()),
        reopen: percent(c.reopen_rate()),
        days: c
            .average_reply_days()
            .map(|d| format!("{d:.1}"))
            .unwrap_or_else(|| "—".to_owned()),
        overdue,
    }
}

fn parse_day(s: &str) -> Option<Date> {
    yiwang_domain::deadline::parse_date(s.trim())
}

/// The period asked for (the last 30 days by default), or the field that is wrong.
fn period(q: &LeagueQuery) -> Result<(Date, Date), &'static str> {
    let today = yiwang_domain::Timestamp::now().beijing_date();
    let to = match q.to.trim() {
        "" => today,
        s => parse_day(s).ok_or("to")?,
    };
    let from = match q.from.trim() {
        "" => to - Duration::days(29),
        s => parse_day(s).ok_or("from")?,
    };
    if from > to || to - from > Duration::days(3660) {
        return Err("from");
    }
    Ok((from, to))
}

async fn rows(app: &AppState, by_region: bool, from: Date, to: Date) -> Result<Vec<Row>, Error> {
    let today = yiwang_domain::Timestamp::now().beijing_date();
    if by_region {
        let root = app.config.root_region.as_str();
        let names: HashMap<String, String> = app
            .store
            .regions_under(&app.config.root_region)
            .await?
            .into_iter()
            .map(|r| (r.code.as_str().to_owned(), r.name))
            .collect();
        return Ok(app
            .store
            .inquiry_league_by_region(from, to, 6, root)
            .await?
            .into_iter()
            .map(|(code, c)| {
                let name = names.get(&code).cloned().unwrap_or(code);
                row(name, &c, 0)
            })
            .collect());
    }
    let overdue: HashMap<_, _> = app
        .store
        .inquiries_overdue_now(today)
        .await?
        .into_iter()
        .collect();
    Ok(app
        .store
        .inquiry_league_by_department(from, to)
        .await?
        .into_iter()
        .map(|(d, name, c)| row(name, &c, overdue.get(&d).copied().unwrap_or(0)))
        .collect())
}

#[derive(Template)]
#[template(path = "inquiries/league.html")]
struct LeaguePage {
    l: Layout,
    rows: Vec<Row>,
    from: String,
    to: String,
    by_region: bool,
    errors: FormErrors,
    csv: String,
}

/// `GET /inquiries/league`.
pub async fn page(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LeagueQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let by_region = q.by == "region";
    let l = Layout::new(&app, &ctx, t.inq_league(), Section::Services).await;
    match period(&q) {
        Ok((from, to)) => html(&LeaguePage {
            l,
            rows: rows(&app, by_region, from, to).await?,
            csv: format!(
                "/inquiries/league.csv?from={from}&to={to}&by={}",
                if by_region { "region" } else { "department" }
            ),
            from: from.to_string(),
            to: to.to_string(),
            by_region,
            errors: FormErrors::default(),
        }),
        Err(field) => {
            let e = yiwang_domain::Error::field(field, yiwang_domain::FieldCode::InvalidDate);
            html_invalid(&LeaguePage {
                l,
                rows: Vec::new(),
                csv: String::new(),
                from: q.from,
                to: q.to,
                by_region,
                errors: FormErrors::from_error(&e, t),
            })
        }
    }
}

fn csv_cell(s: &str) -> String {
    // Quoted always; a leading formula character is neutralised for spreadsheets.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `GET /inquiries/league.csv`: the same table, UTF-8 with a byte-order mark for Excel.
pub async fn csv(
    State(app): State<AppState>,
    ctx: Ctx,
    Query(q): Query<LeagueQuery>,
) -> Result<Response, Error> {
    let t = ctx.t();
    let (from, to) = period(&q).map_err(|f| {
        Error::from(yiwang_domain::Error::field(
            f,
            yiwang_domain::FieldCode::InvalidDate,
        ))
    })?;
    let by_region = q.by == "region";
    let mut out = String::from("\u{feff}");
    let head = [
        if by_region {
            t.inq_region()
        } else {
            t.inq_department()
        },
        t.inq_league_received(),
        t.inq_league_response(),
        t.inq_league_on_time(),
        t.inq_league_satisfaction(),
        t.inq_league_reopen(),
        t.inq_league_days(),
        t.inq_league_overdue(),
    ];
    out.push_str(
        &head
            .iter()
            .map(|h| csv_cell(h))
            .collect::<Vec<_>>()
            .join(","),
    );
    out.push_str("\r\n");
    for r in rows(&app, by_region, from, to).await? {
        let cells = [
            csv_cell(&r.name),
            r.received.to_string(),
            r.response,
            r.on_time,
            r.satisfaction,
            r.reopen,
            r.days,
            r.overdue.to_string(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    let name = format!("attachment; filename=\"league-{from}-{to}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        out,
    )
        .into_response())
}
