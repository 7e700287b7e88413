//! Typo correction by sound and order. Most mistakes typed with a pinyin keyboard are
//! homophones (护找 for 护照, 社保卡密马 for 密码, 公司住销 for 注销) or swapped characters
//! (营业照执). The lexicon holds the words the index knows — the words of every title and
//! the phrases of the alias list — keyed by their toneless pinyin, and replaces a run of
//! unknown characters with the most common known word that sounds the same, is the same
//! characters in another order, or is the run with one character more (居民身证 → 居民身份证).
//! A run that is a word of the segmenter's general dictionary (孩子, 老板) is not a typo, even
//! if no title uses it.

use std::collections::{HashMap, HashSet};

use pinyin::ToPinyin;

use crate::analyzer::JIEBA;
use crate::text::{bigrams, is_cjk};

/// The longest word the lexicon corrects.
const MAX_WORD: usize = 6;

/// The known words, their sounds and their one-character-short forms.
#[derive(Debug, Default)]
pub struct Lexicon {
    known: HashSet<String>,
    by_sound: HashMap<String, (String, u64)>,
    by_deletion: HashMap<String, (String, u64)>,
}

/// The toneless pinyin of `word` by each character's most common reading (`None` if a
/// character has none). Rare readings are left out on purpose: with them, 子要 would sound
/// like 自由 (由 has a rare reading yāo).
pub fn sound_key(word: &str) -> Option<String> {
    let mut key = String::new();
    for c in word.chars() {
        let p = c.to_pinyin()?;
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(p.plain());
    }
    Some(key)
}

fn keep_best(map: &mut HashMap<String, (String, u64)>, key: String, word: &str, df: u64) {
    let slot = map.entry(key).or_insert_with(|| (word.to_owned(), df));
    if df > slot.1 || (df == slot.1 && word < slot.0.as_str()) {
        *slot = (word.to_owned(), df);
    }
}

impl Lexicon {
    /// Builds the lexicon from words with their document frequencies.
    pub fn new(words: impl IntoIterator<Item = (String, u64)>) -> Lexicon {
        let mut lex = Lexicon::default();
        for (word, df) in words {
            let n = word.chars().count();
            if !(2..=MAX_WORD).contains(&n) || !word.chars().all(is_cjk) {
                continue;
            }
            if let Some(key) = sound_key(&word) {
                keep_best(&mut lex.by_sound, key, &word, df);
            }
            if n >= 3 {
                let chars: Vec<char> = word.chars().collect();
                for skip in 0..n {
                    let short: String = chars
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != skip)
                        .map(|(_, c)| *c)
                        .collect();
                    keep_best(&mut lex.by_deletion, short, &word, df);
                }
            }
            lex.known.insert(word);
        }
        lex
    }

    /// How many words it knows.
    pub fn len(&self) -> usize {
        self.known.len()
    }

    /// Whether it knows none.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// Whether `w` is a known word.
    pub fn knows(&self, w: &str) -> bool {
        self.known.contains(w)
    }

    fn fix(&self, w: &str) -> Option<String> {
        if let Some(key) = sound_key(w)
            && let Some((word, _)) = self.by_sound.get(&key)
            && word != w
        {
            return Some(word.clone());
        }
        if let Some((word, _)) = self.by_deletion.get(w) {
            return Some(word.clone());
        }
        let chars: Vec<char> = w.chars().collect();
        for i in 0..chars.len().saturating_sub(1) {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            let s: String = swapped.into_iter().collect();
            if self.known.contains(&s) {
                return Some(s);
            }
        }
        None
    }

    /// The text with misspelt words replaced, if any were. `present` says whether a pair of
    /// characters occurs in the indexed titles: a run whose every pair does is taken as
    /// written (开无欠税证明 is not a typo of 个税证明).
    pub fn correct(&self, text: &str, present: impl Fn(&str) -> bool) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        let mut i = 0;
        'outer: while i < chars.len() {
            for len in (2..=MAX_WORD.min(chars.len() - i)).rev() {
                let window = &chars[i..i + len];
                if !window.iter().all(|c| is_cjk(*c)) {
                    continue;
                }
                let w: String = window.iter().collect();
                if self.known.contains(&w)
                    || bigrams(&w).iter().all(|b| present(b))
                    || JIEBA.has_word(&w)
                {
                    out.push_str(&w);
                    i += len;
                    continue 'outer;
                }
                if let Some(fixed) = self.fix(&w) {
                    out.push_str(&fixed);
                    changed = true;
                    i += len;
                    continue 'outer;
                }
            }
            out.push(chars[i]);
            i += 1;
        }
        changed.then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> Lexicon {
        Lexicon::new(
            [
                ("护照", 1),
                ("护士", 9),
                ("密码", 2),
                ("注销", 40),
                ("营业执照", 0),
                ("申请", 300),
                ("公租房", 2),
            ]
            .into_iter()
            .map(|(w, n)| (w.to_owned(), n)),
        )
    }

    #[test]
    fn homophones_and_swaps_are_corrected() {
        let none = |_: &str| false;
        assert_eq!(lex().correct("护找", none).as_deref(), Some("护照"));
        assert_eq!(
            lex().correct("社保卡密马", none).as_deref(),
            Some("社保卡密码")
        );
        assert_eq!(lex().correct("公司住销", none).as_deref(), Some("公司注销"));
        assert_eq!(lex().correct("营业照执", none).as_deref(), Some("营业执照"));
        assert_eq!(
            lex().correct("公租房深请", none).as_deref(),
            Some("公租房申请")
        );
    }

    #[test]
    fn known_words_and_present_text_stay_as_typed() {
        assert_eq!(lex().correct("护士", |_| false), None);
        assert_eq!(lex().correct("老板", |_| false), None);
        assert_eq!(lex().correct("户找", |w| w == "户找"), None);
        assert_eq!(lex().correct("abc 123", |_| false), None);
    }

    #[test]
    fn a_missing_character_is_restored_and_common_words_are_left_alone() {
        let lex = Lexicon::new([("居民身份证".to_owned(), 3), ("自由".to_owned(), 1)]);
        assert_eq!(
            lex.correct("居民身证", |_| false).as_deref(),
            Some("居民身份证")
        );
        assert_eq!(lex.correct("孩子要", |_| false), None);
        assert_eq!(sound_key("护照").as_deref(), Some("hu zhao"));
        assert_eq!(sound_key("a"), None);
    }
}
