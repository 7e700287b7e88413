//! Measuring search quality: a TSV file of queries and the items a good answer puts first
//! (`query<TAB>name|name…`, `#` comments, one header line), scored as hit@3 — the share of
//! queries with a relevant result in the top three — and MRR@10.

use crate::index::{Error, Request, SearchIndex};

/// One evaluation case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Line in the file.
    pub line: usize,
    /// The query.
    pub query: String,
    /// Titles any of which is a good answer.
    pub relevant: Vec<String>,
}

/// Reads cases; a line without a tab or without relevant names is an error naming its line.
pub fn parse_cases(tsv: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        let n = i + 1;
        let line = line.trim_end_matches('\r');
        if n == 1 || line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((query, names)) = line.split_once('\t') else {
            return Err(format!("line {n}: expected query<TAB>names"));
        };
        let relevant: Vec<String> = names
            .split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        if query.trim().is_empty() || relevant.is_empty() {
            return Err(format!("line {n}: empty query or no relevant names"));
        }
        out.push(Case {
            line: n,
            query: query.trim().to_owned(),
            relevant,
        });
    }
    Ok(out)
}

/// How one case went.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The case.
    pub case: Case,
    /// 1-based rank of the first relevant result in the top ten.
    pub rank: Option<usize>,
    /// The top three titles.
    pub top: Vec<String>,
}

/// The scores of a file.
#[derive(Debug, Clone)]
pub struct Report {
    /// Cases evaluated.
    pub cases: usize,
    /// Share with a relevant result in the top three.
    pub hit_at_3: f64,
    /// Mean reciprocal rank over the top ten.
    pub mrr: f64,
    /// Every outcome, in file order.
    pub outcomes: Vec<Outcome>,
}

/// Runs every case against `index`, among documents of `kind`, as a searcher of `home`.
pub fn evaluate(
    index: &SearchIndex,
    cases: &[Case],
    kind: &str,
    home: &[String],
) -> Result<Report, Error> {
    let kinds = [kind];
    let mut outcomes = Vec::with_capacity(cases.len());
    for case in cases {
        let r = index.search(&Request {
            text: &case.query,
            kinds: &kinds,
            home,
            limit: 10,
            ..Request::default()
        })?;
        let rank = r
            .hits
            .iter()
            .position(|h| case.relevant.contains(&h.title))
            .map(|p| p + 1);
        let top = r.hits.iter().take(3).map(|h| h.title.clone()).collect();
        outcomes.push(Outcome {
            case: case.clone(),
            rank,
            top,
        });
    }
    let n = outcomes.len().max(1) as f64;
    let hit_at_3 = outcomes
        .iter()
        .filter(|o| o.rank.is_some_and(|r| r <= 3))
        .count() as f64
        / n;
    let mrr = outcomes
        .iter()
        .map(|o| o.rank.map_or(0.0, |r| 1.0 / r as f64))
        .sum::<f64>()
        / n;
    Ok(Report {
        cases: outcomes.len(),
        hit_at_3,
        mrr,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_read_with_comments_and_bad_lines_named() {
        let c = parse_cases("query\trelevant\n# spoken\n失业金怎么领\t失业保险金申领| 其他 \n\n")
            .unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].relevant, ["失业保险金申领", "其他"]);
        assert_eq!(c[0].line, 3);
        assert_eq!(
            parse_cases("h\nno tab here").unwrap_err(),
            "line 2: expected query<TAB>names"
        );
    }
}
