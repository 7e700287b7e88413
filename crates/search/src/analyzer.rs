//! The two analysers the index uses, as tantivy tokenizers. Both normalise first (see
//! [`crate::text::normalize`]), so Traditional and Simplified text index the same way.
//!
//! - `zh_words`: jieba segmentation in search mode (a long word also yields the shorter words
//!   inside it: 社会保障卡 → 社会, 保障, 社会保障, 卡 …), for precise, ranked matching.
//! - `zh_grams`: every CJK character and adjacent pair, for names segmented differently from
//!   the query and for a wrong or missing character.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::text::{grams, is_cjk, normalize};

/// The segmenter with its embedded dictionary, built once (about 0.2 s) on first use.
pub(crate) static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Builds the segmenter now rather than on the first query.
pub fn warm_up() {
    let _ = JIEBA.cut("广安", false);
}

/// The name the word analyser is registered under.
pub const WORDS: &str = "zh_words";
/// The name the gram analyser is registered under.
pub const GRAMS: &str = "zh_grams";

/// Whether a segment is worth a term: it has a letter, digit or ideograph.
fn meaningful(w: &str) -> bool {
    w.chars().any(|c| c.is_alphanumeric() || is_cjk(c))
}

/// The words of a normalised text, in search mode.
pub fn words(normalized: &str) -> Vec<String> {
    JIEBA
        .cut_for_search(normalized, true)
        .into_iter()
        .map(|t| t.word.trim())
        .filter(|w| meaningful(w))
        .map(str::to_owned)
        .collect()
}

/// A stream over tokens computed up front.
pub struct VecStream {
    tokens: Vec<Token>,
    at: usize,
}

impl VecStream {
    fn new(texts: Vec<String>) -> VecStream {
        let tokens = texts
            .into_iter()
            .enumerate()
            .map(|(position, text)| Token {
                offset_from: 0,
                offset_to: 0,
                position,
                text,
                position_length: 1,
            })
            .collect();
        VecStream { tokens, at: 0 }
    }
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        if self.at < self.tokens.len() {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self
            .at
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1))]
    }

    fn token_mut(&mut self) -> &mut Token {
        let i = self
            .at
            .saturating_sub(1)
            .min(self.tokens.len().saturating_sub(1));
        &mut self.tokens[i]
    }
}

/// The `zh_words` analyser.
#[derive(Clone, Default)]
pub struct WordTokenizer;

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream::new(words(&normalize(text)))
    }
}

/// The `zh_grams` analyser.
#[derive(Clone, Default)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let mut out = Vec::new();
        grams(&normalize(text), |g| out.push(g.to_owned()));
        VecStream::new(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(mut t: impl Tokenizer, s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = t.token_stream(s);
        while let Some(tok) = stream.next() {
            out.push(tok.text.clone());
        }
        out
    }

    #[test]
    fn words_are_segmented_after_folding_to_simplified() {
        let w = run(WordTokenizer, "失業保險金申領");
        assert!(w.contains(&"失业".to_owned()), "{w:?}");
        assert!(w.contains(&"保险".to_owned()), "{w:?}");
        assert!(!w.iter().any(|t| t.contains('業')));
        assert!(run(WordTokenizer, "，。！ ").is_empty());
    }

    #[test]
    fn grams_cover_characters_and_pairs() {
        assert_eq!(run(GramTokenizer, "護照"), ["护", "照", "护照"]);
        assert!(run(GramTokenizer, "").is_empty());
    }
}
