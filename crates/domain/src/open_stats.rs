//! The disclosure rule of the platform's own open statistics (DATA-3): nothing published
//! about the platform can identify a person. Pure: the statistics job applies it, tests prove
//! it.
//!
//! The rule, in full:
//! 1. Every published cell is computed from at least [`K`] = 5 cases, ratings or inquiries.
//!    A row (an item, a department, a region, a month, a category) with fewer than `K` cases
//!    is not shown on its own: it is merged into one row 其他 ("other"). When 其他 itself has
//!    fewer than `K`, its counts read `<5` and its rates are left empty.
//! 2. Inside a row, a count between 1 and `K - 1` reads `<5`, and any figure derived from it
//!    (time taken, on-time rate from completed cases; satisfaction from ratings) is left
//!    empty: no time taken is published from fewer than 5 cases.
//! 3. A search term with no results is published only when it was searched at least `K`
//!    times in all (days × count) and holds no run of 6 or more digits (a phone number, an ID
//!    number or a case receipt typed into the box). Such a term is not even counted: see
//!    [`normalise_search`]. No session, address or account is ever kept with a term.

/// The smallest number of people a published figure may rest on (k-anonymity's k).
pub const K: i64 = 5;

/// What a suppressed count reads.
pub const FEW: &str = "<5";

/// The longest run of ASCII digits in `s`.
pub fn longest_digit_run(s: &str) -> usize {
    let (mut best, mut run) = (0, 0);
    for c in s.chars() {
        if c.is_ascii_digit() {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// The most characters of a counted search term: a longer query is a pasted text, not a
/// term, and may hold anything.
pub const MAX_TERM_CHARS: usize = 40;

/// A query as the no-result counter keeps it: full-width letters and digits folded to ASCII,
/// lower case, whitespace collapsed. `None` for a query that must not be kept at all: empty,
/// longer than [`MAX_TERM_CHARS`], or holding a run of 6 or more digits (personal numbers).
pub fn normalise_search(q: &str) -> Option<String> {
    let folded: String = q
        .chars()
        .map(|c| match c {
            // Full-width ASCII (U+FF01…U+FF5E) and the ideographic space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let term = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    if term.is_empty()
        || term.chars().count() > MAX_TERM_CHARS
        || term.chars().any(char::is_control)
        || longest_digit_run(&term) >= 6
    {
        return None;
    }
    Some(term)
}

/// Whether a no-result search term may be published: searched at least [`K`] times in all,
/// and no digit run of 6 or more.
pub fn term_publishable(term: &str, searches: i64) -> bool {
    searches >= K && longest_digit_run(term) < 6 && normalise_search(term).as_deref() == Some(term)
}

/// A count as published: `<5` for 1…4, the number otherwise (0 identifies no one).
pub fn count_cell(n: i64) -> String {
    if (1..K).contains(&n) {
        FEW.to_owned()
    } else {
        n.to_string()
    }
}

/// A figure derived from `base` cases: shown only when `base` ≥ [`K`].
pub fn derived_cell(base: i64, value: Option<f64>, decimals: usize) -> String {
    match value {
        Some(v) if base >= K && v.is_finite() => format!("{v:.decimals$}"),
        _ => String::new(),
    }
}

/// One group's raw figures before the rule is applied.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Group {
    /// What identifies the group (an item code, a region code, a month): the row's key.
    pub key: String,
    /// Its name as shown.
    pub label: String,
    /// How many it rests on (cases received, inquiries received): the row's base.
    pub base: i64,
    /// The other counts and sums, in the table's column order (the caller's meaning).
    pub figures: Vec<Figure>,
}

/// A count, or a sum with the number of values it sums (for means and rates).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figure {
    /// How many values (the base of a rate or a mean).
    pub n: i64,
    /// Their sum (for a count, equal to `n`).
    pub sum: f64,
}

impl Figure {
    /// Adds one value.
    pub fn add(&mut self, v: f64) {
        self.n += 1;
        self.sum += v;
    }

    /// Merges another figure of the same meaning.
    pub fn merge(&mut self, o: Figure) {
        self.n += o.n;
        self.sum += o.sum;
    }

    /// The mean, when there is a value.
    pub fn mean(self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }
}

/// The key of the row rare groups are merged into.
pub const OTHER_KEY: &str = "other";

/// Applies rule 1: groups with a base under [`K`] are merged into one group keyed
/// [`OTHER_KEY`] and labelled `other_label`, placed last; the others keep their order. The
/// caller applies rule 2 cell by cell with [`count_cell`] and [`derived_cell`] (the merged
/// group's base may still be under `K`).
pub fn merge_rare(groups: Vec<Group>, other_label: &str) -> Vec<Group> {
    let mut kept = Vec::new();
    let mut other: Option<Group> = None;
    for g in groups {
        if g.base >= K {
            kept.push(g);
            continue;
        }
        let o = other.get_or_insert_with(|| Group {
            key: OTHER_KEY.into(),
            label: other_label.into(),
            base: 0,
            figures: vec![Figure::default(); g.figures.len()],
        });
        o.base += g.base;
        if o.figures.len() < g.figures.len() {
            o.figures.resize(g.figures.len(), Figure::default());
        }
        for (a, b) in o.figures.iter_mut().zip(g.figures) {
            a.merge(b);
        }
    }
    kept.extend(other.filter(|o| o.base > 0));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(key: &str, base: i64) -> Group {
        Group {
            key: key.into(),
            label: key.into(),
            base,
            figures: vec![Figure {
                n: base,
                sum: base as f64 * 3.0,
            }],
        }
    }

    #[test]
    fn a_lone_case_is_merged_into_other_and_other_under_five_reads_few() {
        let out = merge_rare(vec![group("a", 7), group("b", 1), group("c", 2)], "其他");
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].key, "a");
        assert_eq!((out[1].key.as_str(), out[1].base), (OTHER_KEY, 3));
        assert_eq!(count_cell(out[1].base), FEW);
        assert_eq!(derived_cell(out[1].base, out[1].figures[0].mean(), 1), "");
        assert_eq!(derived_cell(7, Some(3.0), 1), "3.0");
    }

    #[test]
    fn counts_under_five_read_few_and_zero_stays() {
        assert_eq!(count_cell(0), "0");
        for n in 1..5 {
            assert_eq!(count_cell(n), "<5");
        }
        assert_eq!(count_cell(5), "5");
    }

    #[test]
    fn phone_and_id_numbers_are_never_kept_as_search_terms() {
        assert_eq!(normalise_search("13800000000"), None);
        assert_eq!(normalise_search("我的电话１３８００００００００"), None);
        assert_eq!(normalise_search("51160219900101123X"), None);
        assert_eq!(normalise_search("GA2026-123456"), None);
        assert_eq!(
            normalise_search("  Ｐassport   办理 "),
            Some("passport 办理".into())
        );
        assert_eq!(normalise_search("2026年社保"), Some("2026年社保".into()));
        assert_eq!(normalise_search("   "), None);
        assert_eq!(normalise_search(&"长".repeat(41)), None);
    }

    #[test]
    fn a_term_is_published_from_five_searches_without_digit_runs() {
        assert!(term_publishable("护照", 5));
        assert!(!term_publishable("护照", 4));
        assert!(!term_publishable("13800000000", 500));
        assert!(!term_publishable("tel 123456", 9));
        assert!(term_publishable("12345", 9));
    }

    /// A small deterministic generator (xorshift), so the property tests need no crate.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn property_no_published_row_rests_on_fewer_than_five_unless_it_reads_few() {
        let mut g = Gen(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let n = g.below(12) as usize;
            let groups: Vec<Group> = (0..n)
                .map(|i| group(&format!("g{i}"), g.below(9) as i64))
                .collect();
            let total: i64 = groups.iter().map(|x| x.base).sum();
            let out = merge_rare(groups.clone(), "其他");
            // Nothing is lost or invented.
            assert_eq!(out.iter().map(|x| x.base).sum::<i64>(), total);
            for row in &out {
                if row.key == OTHER_KEY {
                    assert_eq!(out.last(), Some(row), "其他 comes last");
                    if row.base < K {
                        assert_eq!(count_cell(row.base), FEW);
                        assert_eq!(derived_cell(row.base, row.figures[0].mean(), 2), "");
                    }
                } else {
                    // A group shown on its own rests on at least K.
                    assert!(row.base >= K);
                    assert!(
                        groups
                            .iter()
                            .any(|x| x.key == row.key && x.base == row.base)
                    );
                }
            }
        }
    }

    #[test]
    fn property_no_kept_term_holds_six_digits() {
        let mut g = Gen(0xD1B5_4A32_D192_ED03);
        let alphabet: Vec<char> = "0123456789０１２３４５６７８９ 社保护照abc-"
            .chars()
            .collect();
        for _ in 0..5000 {
            let len = g.below(24) as usize;
            let q: String = (0..len)
                .map(|_| alphabet[g.below(alphabet.len() as u64) as usize])
                .collect();
            if let Some(t) = normalise_search(&q) {
                assert!(longest_digit_run(&t) < 6, "{q:?} kept as {t:?}");
                // Normalising is idempotent: the flushed term is its own normal form.
                assert_eq!(normalise_search(&t).as_deref(), Some(t.as_str()));
            }
            let ascii: String = q
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                    c => c,
                })
                .collect();
            if longest_digit_run(&ascii) >= 6 {
                assert_eq!(normalise_search(&q), None, "{q:?}");
            }
        }
    }
}
