//! Text normalisation shared by indexing and querying, so both sides meet on the same form:
//! Simplified Chinese, half-width letters and digits, lower case, no control characters.

/// The longest query the engine looks at, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 100;

/// Whether `c` is a CJK ideograph (the basic block and extension A, where every character of
/// the national standard GB 18030's common set lives).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Folds full-width ASCII forms (Ａ, １, ＃) to ASCII and the ideographic space to a space.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// The normal form: control characters dropped, full-width folded, lower case, and
/// Traditional text converted to mainland Simplified (zhconv's zh-CN: MediaWiki's tables with
/// the mainland's words), so a query in either script finds text in either — also with the
/// Taiwan words Traditional pages show (帳戶 → 账户, 網際網路 → 互联网, 軟體 → 软件).
pub fn normalize(s: &str) -> String {
    let folded: String = s
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .map(half_width)
        .flat_map(char::to_lowercase)
        .collect();
    if folded.chars().any(is_cjk) {
        zhconv::zhconv(&folded, zhconv::Variant::ZhCN)
    } else {
        folded
    }
}

/// A query as the engine reads it: at most [`MAX_QUERY_CHARS`] characters, normalised, with
/// runs of spaces and punctuation collapsed to one space.
pub fn clean_query(q: &str) -> String {
    let cut: String = q.chars().take(MAX_QUERY_CHARS).collect();
    let n = normalize(&cut);
    let mut out = String::with_capacity(n.len());
    let mut space = true;
    for c in n.chars() {
        if c.is_alphanumeric() || is_cjk(c) {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// Character grams of a normalised text for typo- and segmentation-tolerant matching: every
/// CJK character and every pair of adjacent CJK characters; Latin letters and digits as
/// whole words.
pub fn grams(text: &str, mut emit: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut prev: Option<char> = None;
    let mut word = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                emit(&word);
                word.clear();
            }
            buf.clear();
            buf.push(c);
            emit(&buf);
            if let Some(p) = prev {
                buf.clear();
                buf.push(p);
                buf.push(c);
                emit(&buf);
            }
            prev = Some(c);
        } else {
            prev = None;
            if c.is_alphanumeric() {
                word.push(c);
            } else if !word.is_empty() {
                emit(&word);
                word.clear();
            }
        }
    }
    if !word.is_empty() {
        emit(&word);
    }
}

/// The bigrams of a word (its single character if it has only one).
pub fn bigrams(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 2 {
        return vec![word.to_owned()];
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// Words that say how someone asks, not what they ask for. They are dropped from queries
/// (never from the index) once aliases have had their chance to use them (怎么领 → 申领).
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "怎么"
            | "怎样"
            | "怎么样"
            | "如何"
            | "哪里"
            | "哪儿"
            | "在哪"
            | "在哪里"
            | "哪个"
            | "什么"
            | "啥"
            | "怎么办"
            | "咋办"
            | "咋"
            | "怎么弄"
            | "弄"
            | "搞"
            | "办"
            | "办理"
            | "要"
            | "想"
            | "我"
            | "我要"
            | "我想"
            | "我们"
            | "你"
            | "您"
            | "请问"
            | "请"
            | "问"
            | "一下"
            | "个"
            | "一个"
            | "了"
            | "的"
            | "地"
            | "得"
            | "吗"
            | "呢"
            | "吧"
            | "啊"
            | "呀"
            | "去"
            | "能"
            | "能不能"
            | "可以"
            | "可不可以"
            | "需要"
            | "要求"
            | "有"
            | "有没有"
            | "没有"
            | "谁"
            | "多久"
            | "多少"
            | "几天"
            | "时候"
            | "给"
            | "帮"
            | "帮忙"
            | "和"
            | "与"
            | "及"
            | "或"
            | "在"
            | "是"
            | "把"
            | "被"
            | "就"
            | "都"
            | "还"
            | "又"
            | "也"
            | "该"
            | "应该"
            | "手续"
            | "流程"
            | "材料"
            | "相关"
            | "事情"
            | "事"
            | "东西"
            | "现在"
            | "哪些"
            | "怎么去"
            | "到"
            | "上"
            | "下"
            | "条件"
            | "申请条件"
            | "什么样"
            | "时间"
            | "地点"
            | "地址"
            | "电话"
            | "需要什么"
            | "要带"
            | "带什么"
            | "多长时间"
            | "几个"
            | "找谁"
            | "啥时候"
            | "什么时候"
            | "吗？"
            | "么"
            | "嘛"
            | "哦"
            | "诶"
            | "那个"
            | "这个"
            | "那"
            | "这"
            | "些"
            | "刚"
            | "刚刚"
            | "已经"
            | "每个月"
            | "自己"
            | "一起"
            | "拿去"
            | "接着"
            | "想要"
            | "打算"
            | "准备"
            | "咱们"
            | "他"
            | "她"
            | "他们"
            | "们"
            | "了吗"
            | "没"
            | "不"
            | "会"
            | "能够"
            | "怎么样才能"
            | "才能"
            | "之后"
            | "以后"
            | "的话"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_full_width_and_case_fold_to_one_form() {
        assert_eq!(normalize("失業金"), "失业金");
        assert_eq!(normalize("護士執業註冊"), "护士执业注册");
        assert_eq!(normalize("ＡＢＣ１２３　Taxi"), "abc123 taxi");
        assert_eq!(normalize("a\u{0}b\u{7}"), "ab");
    }

    #[test]
    fn the_words_traditional_pages_show_find_the_simplified_text() {
        for (shown, stored) in [
            ("個人帳戶", "个人账户"),
            ("網際網路上網服務", "互联网上网服务"),
            ("財務會計核算軟體", "财务会计核算软件"),
            ("參保證明查詢列印", "参保证明查询打印"),
            ("个人账户", "个人账户"),
        ] {
            assert_eq!(normalize(shown), stored);
        }
    }

    #[test]
    fn queries_are_cut_cleaned_and_collapsed() {
        assert_eq!(clean_query("  失业金？？怎么领!!  "), "失业金 怎么领");
        assert_eq!(clean_query("'; DROP TABLE items;--"), "drop table items");
        assert_eq!(
            clean_query("<script>alert(1)</script>"),
            "script alert 1 script"
        );
        assert_eq!(clean_query("🙂🙂"), "");
        assert_eq!(
            clean_query(&"长".repeat(500)).chars().count(),
            MAX_QUERY_CHARS
        );
    }

    #[test]
    fn grams_are_characters_pairs_and_latin_words() {
        let mut out = Vec::new();
        grams("护照a1 办理", |g| out.push(g.to_owned()));
        assert_eq!(out, ["护", "照", "护照", "a1", "办", "理", "办理"]);
        assert_eq!(bigrams("营业执照"), ["营业", "业执", "执照"]);
        assert_eq!(bigrams("证"), ["证"]);
    }
}
