//! Colloquial phrases and the catalogue's words for them (网吧 → 互联网上网服务营业场所).
//! Admins edit the list; the platform ships a starter set (`seed/search/aliases.tsv`).
//! In a query, each phrase found is replaced by its expansion, every word of which is an
//! alternative: `社保 → 社会保险 社保` finds items that say either.

use std::collections::HashMap;

use crate::text::normalize;

/// One alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// What people type (normalised).
    pub phrase: String,
    /// The words to search for instead (normalised); none means the phrase is dropped.
    pub expansion: Vec<String>,
}

/// A piece of a query after aliases were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text no alias matched, to be segmented.
    Text(String),
    /// A phrase an alias matched, with its alternatives.
    Alias {
        /// The phrase as typed (normalised).
        phrase: String,
        /// Its alternatives.
        alternatives: Vec<String>,
    },
}

/// The alias list, indexed by first character for longest-match scanning.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    by_first: HashMap<char, Vec<Alias>>,
    len: usize,
}

impl Aliases {
    /// Builds the list; phrases and words are normalised, duplicates keep the last entry,
    /// and blank phrases are ignored.
    pub fn new(entries: impl IntoIterator<Item = (String, String)>) -> Aliases {
        let mut map: HashMap<String, Vec<String>> = HashMap::new();
        for (phrase, expansion) in entries {
            let phrase = normalize(phrase.trim());
            if phrase.is_empty() {
                continue;
            }
            let words = normalize(&expansion)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            map.insert(phrase, words);
        }
        let len = map.len();
        let mut by_first: HashMap<char, Vec<Alias>> = HashMap::new();
        for (phrase, expansion) in map {
            if let Some(c) = phrase.chars().next() {
                by_first
                    .entry(c)
                    .or_default()
                    .push(Alias { phrase, expansion });
            }
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| {
                b.phrase
                    .len()
                    .cmp(&a.phrase.len())
                    .then(a.phrase.cmp(&b.phrase))
            });
        }
        Aliases { by_first, len }
    }

    /// How many aliases there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every phrase.
    pub fn phrases(&self) -> impl Iterator<Item = &str> {
        self.by_first.values().flatten().map(|a| a.phrase.as_str())
    }

    /// Splits a normalised query into pieces, taking the longest alias at each position,
    /// left to right.
    pub fn apply(&self, q: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut text = String::new();
        let mut i = 0;
        while i < q.len() {
            let rest = &q[i..];
            let Some(c) = rest.chars().next() else { break };
            let found = self
                .by_first
                .get(&c)
                .and_then(|list| list.iter().find(|a| rest.starts_with(&a.phrase)));
            match found {
                Some(a) => {
                    if !text.is_empty() {
                        out.push(Piece::Text(std::mem::take(&mut text)));
                    }
                    out.push(Piece::Alias {
                        phrase: a.phrase.clone(),
                        alternatives: a.expansion.clone(),
                    });
                    i += a.phrase.len();
                }
                None => {
                    text.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if !text.is_empty() {
            out.push(Piece::Text(text));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aliases() -> Aliases {
        Aliases::new([
            ("社保".to_owned(), "社会保险 社保".to_owned()),
            ("社保卡".to_owned(), "社会保障卡".to_owned()),
            ("怎么领".to_owned(), "申领".to_owned()),
            ("失業金".to_owned(), "失业保险金".to_owned()),
            ("  ".to_owned(), "x".to_owned()),
        ])
    }

    #[test]
    fn the_longest_phrase_wins_and_text_between_is_kept() {
        let p = aliases().apply("社保卡密码怎么领");
        assert_eq!(
            p,
            [
                Piece::Alias {
                    phrase: "社保卡".into(),
                    alternatives: vec!["社会保障卡".into()]
                },
                Piece::Text("密码".into()),
                Piece::Alias {
                    phrase: "怎么领".into(),
                    alternatives: vec!["申领".into()]
                },
            ]
        );
        assert_eq!(aliases().len(), 4);
    }

    #[test]
    fn phrases_are_normalised_so_traditional_entries_still_match() {
        let p = aliases().apply("失业金");
        assert_eq!(
            p,
            [Piece::Alias {
                phrase: "失业金".into(),
                alternatives: vec!["失业保险金".into()]
            }]
        );
    }
}
