//! The no-result search counter (DATA-3): a search use case counts a query that found nothing
//! here, in memory, by normalised term and Beijing day; the open-data capability's periodic job
//! takes the counts and adds them to the `search_misses` table. Nothing but the term is kept
//! (no session, address or account), a term with a run of 6 or more digits is never counted
//! (`domain::open_stats::normalise_search`), and the counts of one flush interval are lost if
//! the instance crashes — these are statistics.

use std::collections::HashMap;
use std::sync::Mutex;

use time::Date;
use yiwang_domain::Timestamp;
use yiwang_domain::open_stats::normalise_search;

/// The most distinct terms held between flushes: a flood of random queries cannot grow the
/// map without bound (later new terms are dropped until the next flush).
pub const MAX_TERMS: usize = 10_000;

/// Counts of searches that found nothing, by (term, day).
#[derive(Debug, Default)]
pub struct SearchMisses {
    counts: Mutex<HashMap<(String, Date), i64>>,
}

impl SearchMisses {
    /// Counts one search for `q` that found nothing (ignored when the term may not be kept).
    pub fn record(&self, q: &str, at: Timestamp) {
        let Some(term) = normalise_search(q) else {
            return;
        };
        let Ok(mut m) = self.counts.lock() else {
            return;
        };
        let key = (term, at.beijing_date());
        if let Some(n) = m.get_mut(&key) {
            *n += 1;
        } else if m.len() < MAX_TERMS {
            m.insert(key, 1);
        }
    }

    /// Takes every count held, leaving none.
    pub fn take(&self) -> Vec<(String, Date, i64)> {
        let Ok(mut m) = self.counts.lock() else {
            return Vec::new();
        };
        std::mem::take(&mut *m)
            .into_iter()
            .map(|((t, d), n)| (t, d, n))
            .collect()
    }

    /// Puts counts back (a flush that could not be written), adding to what came meanwhile.
    pub fn restore(&self, counts: Vec<(String, Date, i64)>) {
        let Ok(mut m) = self.counts.lock() else {
            return;
        };
        for (t, d, n) in counts {
            *m.entry((t, d)).or_default() += n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_counted_by_normal_form_and_phone_numbers_not_at_all() {
        let m = SearchMisses::default();
        let at = Timestamp(1_780_000_000_000);
        m.record("护照 加急", at);
        m.record(" 护照  加急 ", at);
        m.record("13800000000", at);
        let got = m.take();
        assert_eq!(got, vec![("护照 加急".to_owned(), at.beijing_date(), 2)]);
        assert!(m.take().is_empty());
        m.restore(got);
        assert_eq!(m.take().len(), 1);
    }
}
