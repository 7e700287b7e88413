//! Masking personal data for the public board (INQ-4): the people's names as 张**, phone
//! numbers, ID numbers and house numbers removed. A first pass by rule; the handler reads and
//! confirms the masked text before anything is published.

use crate::identity::name::mask_name;

/// What stands in for a removed number.
const REMOVED: &str = "***";

/// Characters that, after digits, make them a house, building, floor or room number.
const HOUSE_SUFFIXES: &[&str] = &[
    "号楼", "号院", "单元", "栋", "幢", "室", "户", "层", "楼", "号",
];

/// What may follow 号 without it being a house number (a metro line, a date, a road's lane).
const NOT_HOUSE_AFTER_HAO: &[char] = &['线', '文', '令'];

/// Masks `text` for the board: each of `names` (as given by the people on the case) becomes
/// its masked form, and so does a name introduced by 我叫 / 本人 / 姓名; runs of seven
/// or more digits (phone and ID numbers, with `-` or spaces inside and a final `X`) are
/// removed; digits before 号 / 栋 / 单元 / 室 … are starred.
pub fn mask(text: &str, names: &[&str]) -> String {
    let mut out = text.to_owned();
    let mut names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| n.chars().count() >= 2)
        .collect();
    // Longer names first, so 欧阳小明 is masked whole before 欧阳.
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    for n in names {
        out = out.replace(n, &mask_name(n));
    }
    let out = introduced_names(&out);
    let out = long_numbers(&out);
    house_numbers(&out)
}

/// A name after 我叫, 本人 or 姓名 (two or three Chinese characters) is masked.
fn introduced_names(text: &str) -> String {
    const CUES: &[&str] = &["我叫", "本人", "姓名：", "姓名:", "姓名"];
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let cue = CUES.iter().find(|c| {
            let c: Vec<char> = c.chars().collect();
            chars[i..].starts_with(&c)
        });
        if let Some(cue) = cue {
            let n = cue.chars().count();
            out.extend(&chars[i..i + n]);
            i += n;
            let start = i;
            while i < chars.len() && i - start < 3 && is_han(chars[i]) {
                i += 1;
            }
            let name: String = chars[start..i].iter().collect();
            if name.chars().count() >= 2 {
                out.push_str(&mask_name(&name));
            } else {
                out.push_str(&name);
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Runs of 7 or more digits (spaces and `-` inside, a final `X` or `x`) are removed.
fn long_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            let mut digits = 0;
            let mut end = i;
            while i < chars.len()
                && (chars[i].is_ascii_digit()
                    || (matches!(chars[i], '-' | ' ')
                        && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
            {
                if chars[i].is_ascii_digit() {
                    digits += 1;
                    end = i + 1;
                }
                i += 1;
            }
            if digits >= 7 {
                if chars.get(end).is_some_and(|c| matches!(c, 'X' | 'x')) {
                    end += 1;
                }
                out.push_str(REMOVED);
                i = end;
            } else {
                out.extend(&chars[start..end]);
                i = end;
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Digits (and letters like 3A) before a house suffix are starred: 5栋2单元301室 →
/// *栋*单元*室.
fn house_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '-') {
                i += 1;
            }
            let rest: String = chars[i..].iter().take(2).collect();
            let suffix = HOUSE_SUFFIXES.iter().find(|s| rest.starts_with(**s));
            let house = match suffix {
                Some(&"号") => !chars
                    .get(i + 1)
                    .is_some_and(|c| NOT_HOUSE_AFTER_HAO.contains(c)),
                Some(_) => true,
                None => false,
            };
            if house {
                out.push('*');
            } else {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_phones_ids_and_house_numbers_are_masked() {
        let text = "我叫王小明，住广安区建设路12号5栋2单元301室，电话13812345678，身份证511602199001010006，家里座机0826-2345678。王小明的邻居也反映过。";
        let m = mask(text, &["王小明"]);
        assert!(!m.contains("小明"), "{m}");
        assert!(m.contains("王**"), "{m}");
        for gone in [
            "13812345678",
            "511602199001010006",
            "2345678",
            "301",
            "12号",
        ] {
            assert!(!m.contains(gone), "{gone} in {m}");
        }
        assert!(m.contains("*栋*单元*室"), "{m}");
        assert!(m.contains("建设路*号"), "{m}");
    }

    #[test]
    fn ordinary_numbers_stay() {
        let text = "3号线地铁站外的路灯坏了3天，12345热线说2026年12月修。";
        assert_eq!(mask(text, &[]), text);
    }

    #[test]
    fn a_name_introduced_in_the_text_is_masked_even_when_not_given() {
        assert_eq!(mask("本人李四，反映问题", &[]), "本人李*，反映问题");
        assert_eq!(mask("姓名：欧阳明", &[]), "姓名：欧**");
    }

    #[test]
    fn masking_never_panics_and_never_grows_a_long_number_back() {
        // Every short mix of the tricky characters.
        let pieces = [
            "1", "2", "X", "-", " ", "号", "栋", "我叫", "王", "线", "。",
        ];
        let mut count = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        let s = format!("{a}{b}{c}{d}1234567{a}{b}");
                        let m = mask(&s, &["王"]);
                        assert!(!m.contains("1234567"), "{s} -> {m}");
                        count += 1;
                    }
                }
            }
        }
        assert!(count > 10_000);
    }
}
