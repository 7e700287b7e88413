//! What a query asks for: its concepts, each a set of alternative words. `失业金怎么领` with
//! the starter aliases becomes `[失业保险金 | 失业金] [申领]`.

use crate::aliases::{Aliases, Piece};
use crate::analyzer::JIEBA;
use crate::text::{clean_query, is_cjk, is_stopword};

/// One thing the query asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Words any of which expresses it (normalised).
    pub alternatives: Vec<String>,
    /// How much of the query it is (its length in characters as typed).
    pub weight: f32,
}

/// A query taken apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    /// The cleaned query text.
    pub text: String,
    /// Its concepts, in query order.
    pub concepts: Vec<Concept>,
    /// Whether misspelt words were corrected.
    pub corrected: bool,
}

/// Corrects misspelt words in a run of text, if it finds any.
pub type Corrector<'a> = &'a dyn Fn(&str) -> Option<String>;

fn chars(s: &str) -> f32 {
    s.chars().count() as f32
}

/// A word and the shorter form catalogue names often use: a certificate is named by what it
/// permits (许可证 → 许可, 驾驶证 → 驾驶, 执业证书 → 执业).
fn forms(w: &str) -> Vec<String> {
    let mut out = vec![w.to_owned()];
    for suffix in ["证书", "证"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && stem.chars().count() >= 2
        {
            out.push(stem.to_owned());
            break;
        }
    }
    out
}

fn meaningful(w: &str) -> bool {
    w.chars().any(|c| c.is_alphanumeric() || is_cjk(c))
}

impl Plan {
    /// Reads a raw query.
    pub fn new(raw: &str, aliases: &Aliases) -> Plan {
        Plan::with_corrections(raw, aliases, None)
    }

    /// Reads a raw query, letting `correct` fix words no alias matched (the corrected text
    /// gets a second chance at the aliases: 营业执招 → 营业执照 → 设立登记).
    pub fn with_corrections(raw: &str, aliases: &Aliases, correct: Option<Corrector<'_>>) -> Plan {
        let text = clean_query(raw);
        let mut concepts: Vec<Concept> = Vec::new();
        let mut dropped: Vec<String> = Vec::new();
        let mut corrected = false;
        for chunk in text.split(' ') {
            let mut pieces = Vec::new();
            for piece in aliases.apply(chunk) {
                match (&piece, correct) {
                    (Piece::Text(t), Some(fix)) => match fix(t) {
                        Some(better) => {
                            corrected = true;
                            pieces.extend(aliases.apply(&better));
                        }
                        None => pieces.push(piece),
                    },
                    _ => pieces.push(piece),
                }
            }
            for piece in pieces {
                match piece {
                    Piece::Alias {
                        phrase,
                        alternatives,
                    } => {
                        if !alternatives.is_empty() {
                            concepts.push(Concept {
                                weight: chars(&phrase),
                                alternatives,
                            });
                        }
                    }
                    Piece::Text(t) => {
                        for tok in JIEBA.cut(&t, true) {
                            let w = tok.word.trim();
                            if !meaningful(w) {
                                continue;
                            }
                            if is_stopword(w) {
                                dropped.push(w.to_owned());
                            } else {
                                concepts.push(Concept {
                                    weight: chars(w),
                                    alternatives: forms(w),
                                });
                            }
                        }
                    }
                }
            }
        }
        // A query of nothing but "how" words still means something: search them.
        if concepts.is_empty() {
            concepts = dropped
                .into_iter()
                .map(|w| Concept {
                    weight: chars(&w),
                    alternatives: vec![w],
                })
                .collect();
        }
        let mut unique: Vec<Concept> = Vec::with_capacity(concepts.len());
        for c in concepts {
            match unique.iter_mut().find(|u| u.alternatives == c.alternatives) {
                Some(u) => u.weight = u.weight.max(c.weight),
                None => unique.push(c),
            }
        }
        Plan {
            text,
            concepts: unique,
            corrected,
        }
    }

    /// Whether there is nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The words searched, for showing "searched for: …".
    pub fn describe(&self) -> String {
        self.concepts
            .iter()
            .map(|c| c.alternatives.join("/"))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_replace_phrases_and_how_words_are_dropped() {
        let a = Aliases::new([
            ("失业金".to_owned(), "失业保险金 失业金".to_owned()),
            ("怎么领".to_owned(), "申领".to_owned()),
        ]);
        let p = Plan::new("失業金怎么领？", &a);
        assert_eq!(p.describe(), "失业保险金/失业金 申领");
        let p = Plan::new("我想办理护照", &Aliases::default());
        assert_eq!(p.describe(), "护照");
        let p = Plan::new("卫生许可证", &Aliases::default());
        assert_eq!(p.describe(), "卫生 许可证/许可");
    }

    #[test]
    fn only_how_words_are_searched_as_they_are() {
        let p = Plan::new("办理", &Aliases::default());
        assert_eq!(p.describe(), "办理");
        assert!(Plan::new("  ？！ ", &Aliases::default()).is_empty());
    }
}
