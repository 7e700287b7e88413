//! What platform admins curate around the catalogue: the search alias list and the life-event
//! checklists. Both are edited as text — one entry per line — so a long list is quick to
//! review and paste.

use crate::account::check_plain_text;
use crate::ids::ItemId;
use crate::{Error, FieldCode, FieldErrors};

/// The longest phrase of an alias, in characters.
pub const MAX_PHRASE: usize = 20;
/// The most words an alias expands to.
pub const MAX_EXPANSION_WORDS: usize = 8;
/// The most entries of a checklist.
pub const MAX_CHECKLIST: usize = 30;

/// One checked alias.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAlias {
    /// What people type.
    pub phrase: String,
    /// The words to search for instead, separated by single spaces.
    pub expansion: String,
}

fn split(line: &str) -> Option<(&str, &str)> {
    line.split_once(['\t', '=', '＝'])
        .or_else(|| line.split_once("→"))
}

/// Reads the alias list as an admin writes it: `phrase = word word …` (or a tab, or →) per
/// line; blank lines and lines starting with `#` are skipped. Every bad line is reported with
/// its number; a phrase given twice is an error.
pub fn parse_aliases(text: &str) -> Result<Vec<ValidAlias>, Error> {
    let mut e = FieldErrors::new();
    let mut out: Vec<ValidAlias> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        let Some((phrase, expansion)) = split(line) else {
            e.add_line("aliases", FieldCode::InvalidLine, n);
            continue;
        };
        let phrase = match check_plain_text(phrase, 1, MAX_PHRASE) {
            Ok(p) => p,
            Err(c) => {
                e.add_line("aliases", c, n);
                continue;
            }
        };
        let words: Vec<&str> = expansion.split_whitespace().collect();
        if words.len() > MAX_EXPANSION_WORDS
            || words.iter().any(|w| check_plain_text(w, 1, 40).is_err())
        {
            e.add_line("aliases", FieldCode::InvalidLine, n);
            continue;
        }
        if out.iter().any(|a| a.phrase == phrase) {
            e.add_line("aliases", FieldCode::CodeTaken, n);
            continue;
        }
        out.push(ValidAlias {
            phrase,
            expansion: words.join(" "),
        });
    }
    e.finish(|| Some(out))
}

/// Writes the alias list back in the form [`parse_aliases`] reads.
pub fn format_aliases(aliases: &[ValidAlias]) -> String {
    aliases
        .iter()
        .map(|a| format!("{} = {}\n", a.phrase, a.expansion))
        .collect()
}

/// One step of a checklist as entered: the item and a short note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistEntry {
    /// The item.
    pub item: ItemId,
    /// Why or when (≤ 60 characters).
    pub note: Option<String>,
}

/// Reads a checklist: one item per line, `item-id | note`, in order. Duplicates and bad ids
/// are reported with their line; whether the items exist is the store's check.
pub fn parse_checklist(text: &str) -> Result<Vec<ChecklistEntry>, Error> {
    let mut e = FieldErrors::new();
    let mut out: Vec<ChecklistEntry> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let n = i + 1;
        let (id, note) = match line.split_once(['|', '｜']) {
            Some((id, note)) => (id.trim(), note.trim()),
            None => (line, ""),
        };
        let Ok(item) = id.parse::<ItemId>() else {
            e.add_line("items", FieldCode::UnknownItem, n);
            continue;
        };
        let note = match note {
            "" => None,
            t => match check_plain_text(t, 1, 60) {
                Ok(t) => Some(t),
                Err(c) => {
                    e.add_line("items", c, n);
                    continue;
                }
            },
        };
        if out.iter().any(|x| x.item == item) {
            e.add_line("items", FieldCode::CodeTaken, n);
            continue;
        }
        out.push(ChecklistEntry { item, note });
    }
    if out.len() > MAX_CHECKLIST {
        e.add("items", FieldCode::TooLong);
    }
    e.finish(|| Some(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_read_in_every_separator_and_report_bad_lines() {
        let a = parse_aliases(
            "# 口语\n网吧 = 互联网上网服务营业场所\n社保\t社会保险  社保\n失业金→失业保险金\n",
        )
        .unwrap();
        assert_eq!(a.len(), 3);
        assert_eq!(a[1].expansion, "社会保险 社保");
        assert_eq!(parse_aliases(&format_aliases(&a)).unwrap(), a);
        let err = parse_aliases("网吧 = 上网\n没有分隔\n网吧 = 别的").unwrap_err();
        let f = &err.fields.iter().next().unwrap();
        assert_eq!((f.code, f.line), (FieldCode::InvalidLine, Some(2)));
    }

    #[test]
    fn an_empty_expansion_drops_the_phrase() {
        let a = parse_aliases("请帮我 =").unwrap();
        assert_eq!(a[0].expansion, "");
    }

    #[test]
    fn checklists_keep_order_and_refuse_duplicates() {
        let (a, b) = (ItemId::generate(), ItemId::generate());
        let c = parse_checklist(&format!("{a} | 先办这个\n\n{b}")).unwrap();
        assert_eq!(
            c,
            [
                ChecklistEntry {
                    item: a,
                    note: Some("先办这个".into())
                },
                ChecklistEntry {
                    item: b,
                    note: None
                }
            ]
        );
        let err = parse_checklist(&format!("{a}\nnot-an-id\n")).unwrap_err();
        assert_eq!(err.fields.iter().next().unwrap().line, Some(2));
        let err = parse_checklist(&format!("{a}\n{a}")).unwrap_err();
        assert_eq!(err.fields.get("items"), Some(FieldCode::CodeTaken));
    }
}
