//! Property tests over many generated inputs. The workspace has no property-testing crate, so
//! a small deterministic generator (SplitMix64) drives them: every run checks the same
//! 20 000 cases, and a failure names its seed.

use super::code::{BillCode, LEN};
use super::reconcile::{Entry, EntryKind, Finding, reconcile};
use super::refund::check_refund;
use super::{Fen, LateFeeRule};
use crate::FieldCode;

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn body(&mut self) -> [u8; LEN - 1] {
        let mut b = [0u8; LEN - 1];
        for d in &mut b {
            *d = self.below(10) as u8;
        }
        b
    }
}

const CASES: u64 = 20_000;

#[test]
fn every_generated_code_reads_back_and_every_single_typo_is_caught() {
    let mut g = Gen(1);
    for seed in 0..CASES {
        let code = BillCode::from_body(g.body());
        assert_eq!(
            BillCode::parse(code.as_str()).as_ref(),
            Ok(&code),
            "seed {seed}"
        );
        assert_eq!(
            BillCode::parse(&code.grouped()).as_ref(),
            Ok(&code),
            "seed {seed}"
        );
        // One digit changed.
        let mut d: Vec<u8> = code.as_str().bytes().collect();
        let i = g.below(LEN as u64) as usize;
        let old = d[i];
        d[i] = b'0' + ((old - b'0' + 1 + g.below(9) as u8) % 10);
        let typo = String::from_utf8(d).unwrap();
        assert_eq!(
            BillCode::parse(&typo),
            Err(FieldCode::BillCodeChecksum),
            "seed {seed}: {code} → {typo}"
        );
        // Two different neighbours swapped.
        let mut d: Vec<u8> = code.as_str().bytes().collect();
        let i = g.below(LEN as u64 - 1) as usize;
        if d[i] != d[i + 1] {
            d.swap(i, i + 1);
            let swapped = String::from_utf8(d).unwrap();
            assert_eq!(
                BillCode::parse(&swapped),
                Err(FieldCode::BillCodeChecksum),
                "seed {seed}: {code} → {swapped}"
            );
        }
    }
}

#[test]
fn any_text_is_read_or_refused_without_panicking() {
    let mut g = Gen(2);
    let alphabet: Vec<char> = "0123456789 -.a,¥０９".chars().collect();
    for _ in 0..CASES {
        let len = g.below(26) as usize;
        let s: String = (0..len)
            .map(|_| alphabet[g.below(alphabet.len() as u64) as usize])
            .collect();
        if let Ok(c) = BillCode::parse(&s) {
            assert_eq!(c.as_str().len(), LEN);
        }
        if let Ok(f) = Fen::parse_yuan(&s) {
            assert!(f.get() > 0);
        }
        let _ = Fen::from_fen_text(&s);
    }
}

#[test]
fn amounts_shown_in_yuan_read_back_to_the_same_fen() {
    let mut g = Gen(3);
    for seed in 0..CASES {
        let f = Fen(1 + g.below(super::money::MAX as u64) as i64);
        assert_eq!(Fen::parse_yuan(&f.yuan()), Ok(f), "seed {seed}");
        assert_eq!(Fen::parse_yuan(&f.to_string()), Ok(f), "seed {seed}");
        assert_eq!(
            Fen::from_fen_text(&f.get().to_string()),
            Ok(f),
            "seed {seed}"
        );
    }
}

#[test]
fn late_fees_grow_with_the_days_and_stop_at_the_amount() {
    let mut g = Gen(4);
    let due = time::macros::date!(2026 - 01 - 01);
    for seed in 0..CASES {
        let principal = Fen(1 + g.below(10_000_000) as i64);
        let rule = LateFeeRule::new(g.below(101) as u32).unwrap();
        let a = g.below(2000) as i64;
        let b = a + g.below(2000) as i64;
        let fa = rule.fee(principal, due, due + time::Duration::days(a));
        let fb = rule.fee(principal, due, due + time::Duration::days(b));
        assert!(fa <= fb && fb <= principal && fa.get() >= 0, "seed {seed}");
    }
}

#[test]
fn refunds_accepted_one_by_one_never_exceed_the_payment() {
    let mut g = Gen(5);
    for seed in 0..CASES / 10 {
        let paid = Fen(1 + g.below(100_000) as i64);
        let mut refunded = Fen::ZERO;
        for _ in 0..8 {
            let ask = Fen(g.below(paid.get() as u64 + 10) as i64);
            if check_refund(paid, refunded, ask).is_ok() {
                refunded = refunded.plus(ask);
            }
            assert!(refunded <= paid, "seed {seed}");
        }
    }
}

#[test]
fn reconciling_a_ledger_with_itself_balances_and_each_removal_is_found() {
    let mut g = Gen(6);
    for seed in 0..CASES / 20 {
        let n = 1 + g.below(30) as usize;
        let ours: Vec<Entry> = (0..n)
            .map(|i| Entry {
                reference: format!("r{i}"),
                kind: if g.below(4) == 0 {
                    EntryKind::Refund
                } else {
                    EntryKind::Pay
                },
                amount: Fen(1 + g.below(100_000) as i64),
                trade_no: format!("t{i}"),
            })
            .collect();
        assert!(reconcile(&ours, &ours).balanced(), "seed {seed}");
        let gone = g.below(n as u64) as usize;
        let mut theirs = ours.clone();
        theirs.remove(gone);
        let r = reconcile(&ours, &theirs);
        assert_eq!(r.count(Finding::OnlyOurs), 1, "seed {seed}");
        assert_eq!(r.count(Finding::Matched), n - 1, "seed {seed}");
        let r = reconcile(&theirs, &ours);
        assert_eq!(r.count(Finding::OnlyProvider), 1, "seed {seed}");
    }
}
