//! Daily reconciliation (对账): the provider's statement of a day against our ledger's
//! payments and refunds of that day, matched by our reference (the attempt or refund id we
//! gave the provider). Every line is a match, missing on one side, or an amount difference;
//! a day balances when every line matches.
//!
//! The sandbox's statement file is CSV with a header line:
//! `trade_no,merchant_ref,kind,amount_fen,time_ms` — the provider's trade (or refund) number,
//! our reference, `pay` or `refund`, whole fen, and milliseconds since the epoch.

use std::collections::BTreeMap;

use super::Fen;
use crate::FieldCode;

crate::stable_names! {
    /// A movement of money.
    pub enum EntryKind {
        /// A payment received.
        Pay = "pay",
        /// A refund sent back.
        Refund = "refund",
    }
}

/// One movement, on either side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Our reference (attempt or refund id).
    pub reference: String,
    /// Payment or refund.
    pub kind: EntryKind,
    /// How much.
    pub amount: Fen,
    /// The provider's number for it.
    pub trade_no: String,
}

crate::stable_names! {
    /// What a line of the report found.
    pub enum Finding {
        /// Both sides agree.
        Matched = "matched",
        /// The provider has it, our ledger does not (a payment we never recorded).
        OnlyProvider = "only_provider",
        /// Our ledger has it, the provider does not.
        OnlyOurs = "only_ours",
        /// Both have it with different amounts.
        AmountDiffers = "amount_differs",
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Our reference.
    pub reference: String,
    /// Payment or refund.
    pub kind: EntryKind,
    /// Our amount.
    pub ours: Option<Fen>,
    /// The provider's amount.
    pub theirs: Option<Fen>,
    /// The provider's number.
    pub trade_no: String,
    /// What was found.
    pub finding: Finding,
}

/// The report of a day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    /// Every line, differences first, then by reference.
    pub lines: Vec<Line>,
}

impl Report {
    /// Whether every line matches.
    pub fn balanced(&self) -> bool {
        self.lines.iter().all(|l| l.finding == Finding::Matched)
    }

    /// How many lines found `f`.
    pub fn count(&self, f: Finding) -> usize {
        self.lines.iter().filter(|l| l.finding == f).count()
    }
}

/// Matches the two sides. Several entries of one side with the same reference and kind are
/// summed (a reference appears once on a sound statement).
pub fn reconcile(ours: &[Entry], theirs: &[Entry]) -> Report {
    type Key = (EntryKind, String);
    let mut map: BTreeMap<Key, (Option<Fen>, Option<Fen>, String)> = BTreeMap::new();
    for e in ours {
        let slot =
            map.entry((e.kind, e.reference.clone()))
                .or_insert((None, None, e.trade_no.clone()));
        slot.0 = Some(slot.0.unwrap_or(Fen::ZERO).plus(e.amount));
    }
    for e in theirs {
        let slot =
            map.entry((e.kind, e.reference.clone()))
                .or_insert((None, None, e.trade_no.clone()));
        slot.1 = Some(slot.1.unwrap_or(Fen::ZERO).plus(e.amount));
        slot.2 = e.trade_no.clone();
    }
    let mut lines: Vec<Line> = map
        .into_iter()
        .map(|((kind, reference), (ours, theirs, trade_no))| {
            let finding = match (ours, theirs) {
                (Some(a), Some(b)) if a == b => Finding::Matched,
                (Some(_), Some(_)) => Finding::AmountDiffers,
                (Some(_), None) => Finding::OnlyOurs,
                _ => Finding::OnlyProvider,
            };
            Line {
                reference,
                kind,
                ours,
                theirs,
                trade_no,
                finding,
            }
        })
        .collect();
    lines.sort_by_key(|l| (l.finding == Finding::Matched, l.reference.clone()));
    Report { lines }
}

/// Reads the sandbox's statement file (see the module's documentation). Errors name the line
/// (1-based, the header is line 1).
pub fn parse_statement(text: &str) -> Result<Vec<Entry>, (usize, FieldCode)> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, h)) if h.trim() == "trade_no,merchant_ref,kind,amount_fen,time_ms" => {}
        _ => return Err((1, FieldCode::InvalidLine)),
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        let [trade, reference, kind, amount, time] = cols[..] else {
            return Err((i + 1, FieldCode::InvalidLine));
        };
        let kind = EntryKind::parse(kind).ok_or((i + 1, FieldCode::InvalidLine))?;
        let amount = Fen::from_fen_text(amount).map_err(|c| (i + 1, c))?;
        if trade.is_empty() || reference.is_empty() || time.parse::<i64>().is_err() {
            return Err((i + 1, FieldCode::InvalidLine));
        }
        out.push(Entry {
            reference: reference.to_owned(),
            kind,
            amount,
            trade_no: trade.to_owned(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(r: &str, k: EntryKind, a: i64) -> Entry {
        Entry {
            reference: r.into(),
            kind: k,
            amount: Fen(a),
            trade_no: format!("T{r}"),
        }
    }

    #[test]
    fn a_day_where_both_sides_agree_balances() {
        let ours = [e("a", EntryKind::Pay, 100), e("r", EntryKind::Refund, 40)];
        let r = reconcile(&ours, &ours);
        assert!(r.balanced());
        assert_eq!(r.count(Finding::Matched), 2);
    }

    #[test]
    fn each_kind_of_difference_is_listed_first() {
        let ours = [
            e("a", EntryKind::Pay, 100),
            e("b", EntryKind::Pay, 200),
            e("c", EntryKind::Pay, 300),
        ];
        let theirs = [
            e("a", EntryKind::Pay, 100),
            e("b", EntryKind::Pay, 250),
            e("d", EntryKind::Pay, 400),
        ];
        let r = reconcile(&ours, &theirs);
        assert!(!r.balanced());
        assert_eq!(r.count(Finding::AmountDiffers), 1);
        assert_eq!(r.count(Finding::OnlyOurs), 1);
        assert_eq!(r.count(Finding::OnlyProvider), 1);
        assert_eq!(r.lines.last().unwrap().finding, Finding::Matched);
        let d = r.lines.iter().find(|l| l.reference == "d").unwrap();
        assert_eq!((d.ours, d.theirs), (None, Some(Fen(400))));
    }

    #[test]
    fn a_payment_and_a_refund_of_one_reference_are_different_lines() {
        let ours = [e("a", EntryKind::Pay, 100)];
        let theirs = [e("a", EntryKind::Pay, 100), e("a", EntryKind::Refund, 100)];
        let r = reconcile(&ours, &theirs);
        assert_eq!(r.count(Finding::OnlyProvider), 1);
    }

    #[test]
    fn the_statement_file_is_read_and_bad_lines_are_named() {
        let ok =
            "trade_no,merchant_ref,kind,amount_fen,time_ms\nS1,a,pay,100,1\nS2,a,refund,40,2\n";
        assert_eq!(parse_statement(ok).unwrap().len(), 2);
        assert_eq!(parse_statement("x\n").unwrap_err().0, 1);
        let bad = "trade_no,merchant_ref,kind,amount_fen,time_ms\nS1,a,pay,100,1\nS2,a,pay,1.5,2\n";
        assert_eq!(
            parse_statement(bad).unwrap_err(),
            (3, FieldCode::AmountNotWholeFen)
        );
        let bad = "trade_no,merchant_ref,kind,amount_fen,time_ms\nS1,a,gift,100,1\n";
        assert_eq!(
            parse_statement(bad).unwrap_err(),
            (2, FieldCode::InvalidLine)
        );
    }
}
