//! Chinese in the reader's script. Text is stored in Simplified Chinese, as the source data
//! has it (names, the catalogue, staff-written labels); readers of Traditional Chinese see it
//! converted **by phrase**, not by character: 失业保险金发到哪里 is 失業保險金發到哪裡, not
//! 失業保險金髮到哪里.
//!
//! The converter is zhconv's zh-TW: MediaWiki's conversion tables (those of Chinese Wikipedia:
//! characters, then thousands of phrases, matched longest first) with Taiwan's usual words
//! (帳戶, 列印, 網際網路) — the usage the hand-written Traditional texts follow (裡, 帳號,
//! 資訊, 簡訊, 預設). On top of them, [`PHRASES`]: phrases of government-service text those
//! tables get wrong. zhconv's optional OpenCC tables were tried on the demo catalogue and made
//! it worse (換髮, 髮卡, 撫卹), so they stay off.
//!
//! [`wrong_in_traditional`] names sequences that must never appear in Traditional text; the
//! texts' checker and the tests over the demo catalogue use it.

use std::sync::LazyLock;

use zhconv::{Variant, ZhConverter, ZhConverterBuilder, get_builtin_tables};

use crate::Lang;

/// Simplified → Traditional phrases that override zhconv's tables (the longest match wins).
/// Add one when a page shows a wrong phrase; the tests over the demo catalogue find most.
pub const PHRASES: &[(&str, &str)] = &[
    // 发 after 金 is "pay out" (资金发放, 保险金发到, 基金发展); the tables' 金髮 is "blond",
    // which service text never says.
    ("金发", "金發"),
    // 里 "inside": the tables keep 里 (the unit, 公里) unless the phrase is listed.
    ("省里", "省裡"),
    ("市里", "市裡"),
    ("区里", "區裡"),
    ("村里", "村裡"),
    ("社区里", "社區裡"),
    ("街道里", "街道裡"),
    ("单位里", "單位裡"),
    ("学校里", "學校裡"),
    ("大厅里", "大廳裡"),
    ("家庭里", "家庭裡"),
    ("基金里", "基金裡"),
    ("档案里", "檔案裡"),
    ("卡里", "卡裡"),
    ("账户里", "帳戶裡"),
    ("账号里", "帳號裡"),
    ("钱包里", "錢包裡"),
    ("短信里", "簡訊裡"),
    ("链接里", "連結裡"),
    ("证照里", "證照裡"),
    ("材料里", "材料裡"),
    ("表格里", "表格裡"),
    ("合同里", "合同裡"),
    ("户口簿里", "戶口簿裡"),
    ("说明里", "說明裡"),
    ("通知里", "通知裡"),
    ("记录里", "記錄裡"),
    ("平台里", "平台裡"),
    // 修复方案: 复方 (a compound medicine) matched first.
    ("修复", "修復"),
    // 证书签发: 书签 (a bookmark) matched first.
    ("书签发", "書簽發"),
    // Mainland words that Traditional readers say otherwise.
    ("信息", "資訊"),
    ("短信", "簡訊"),
    ("默认", "預設"),
    ("网络", "網路"),
    ("登录", "登入"),
];

/// Sequences that are wrong in Traditional text on this platform, with what to write instead:
/// a wrong character for the phrase (髮 "hair" for 發 "issue", 里 "mile" for 裡 "inside"), or
/// a mainland word where the platform writes the Traditional readers' one.
pub const WRONG_IN_TRADITIONAL: &[(&str, &str)] = &[
    ("髮到", "發到"),
    ("髮放", "發放"),
    ("髮給", "發給"),
    ("髮展", "發展"),
    ("髮生", "發生"),
    ("換髮", "換發"),
    ("補髮", "補發"),
    ("髮卡", "發卡"),
    ("省里", "省裡"),
    ("基金里", "基金裡"),
    ("檔案里", "檔案裡"),
    ("家庭里", "家庭裡"),
    ("卡里", "卡裡"),
    ("修複", "修復"),
    ("書籤發", "書簽發"),
    ("默認", "預設"),
    ("信息", "資訊 or 訊息"),
    ("短信", "簡訊"),
    ("短訊", "簡訊"),
    ("登錄", "登入"),
    ("網絡", "網路"),
    ("軟件", "軟體"),
    ("賬號", "帳號"),
    ("賬戶", "帳戶"),
];

/// Words in which 里 stays 里 in Traditional text: the unit of length and the neighbourhood.
/// Anywhere else it means "inside" and is written 裡.
const LI_WORDS: &[&str] = &[
    "公里", "英里", "海里", "里程", "千里", "萬里", "鄰里", "鄉里", "故里", "里長",
];

/// Words in which 髮 ("hair") is right; anywhere else it is 發 ("issue, send").
const HAIR_WORDS: &[&str] = &["頭髮", "理髮", "美髮", "假髮", "毛髮", "髮型"];

/// What is wrong in a Traditional text, as (what was found, what to write instead): the
/// sequences of [`WRONG_IN_TRADITIONAL`], and 里 or 髮 outside the words where they belong
/// (found with the characters around them).
pub fn wrong_in_traditional(text: &str) -> Vec<(String, &'static str)> {
    let mut found: Vec<(String, &'static str)> = WRONG_IN_TRADITIONAL
        .iter()
        .filter(|(wrong, _)| text.contains(wrong))
        .map(|(wrong, instead)| ((*wrong).to_owned(), *instead))
        .collect();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let (words, instead) = match c {
            '里' => (LI_WORDS, "裡 (里 only in 公里, 鄰里 …)"),
            '髮' => (HAIR_WORDS, "發 (髮 only for hair)"),
            _ => continue,
        };
        let around: String = chars[i.saturating_sub(3)..(i + 4).min(chars.len())]
            .iter()
            .collect();
        let belongs = words.iter().any(|w| {
            let w: Vec<char> = w.chars().collect();
            w.iter().enumerate().any(|(k, wc)| {
                wc == c && i >= k && chars.get(i - k..i - k + w.len()) == Some(&w[..])
            })
        });
        if !belongs {
            found.push((around, instead));
        }
    }
    found
}

static TO_TRADITIONAL: LazyLock<ZhConverter> = LazyLock::new(|| {
    ZhConverterBuilder::new()
        .target(Variant::ZhTW)
        .tables(get_builtin_tables(Variant::ZhTW))
        .conv_pairs(PHRASES.iter().copied())
        .build()
});

/// Simplified Chinese text in Traditional Chinese, phrase by phrase.
pub fn to_traditional(s: &str) -> String {
    TO_TRADITIONAL.convert(s)
}

/// Dynamic Chinese text (names and text from the database) for a reader of `lang`: converted
/// for Traditional readers, as it is otherwise. English readers see the Chinese: names are
/// proper names, and text staff did not translate is better shown than guessed.
pub fn display(s: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhHant => to_traditional(s),
        Lang::ZhHans | Lang::En => s.to_owned(),
    }
}

/// Builds the converter now rather than on the first Traditional page view.
pub fn warm_up() {
    let _ = to_traditional("广安");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_is_converted_by_phrase() {
        let cases = [
            ("失业保险金发到哪里", "失業保險金發到哪裡"),
            ("省里和基金里的钱", "省裡和基金裡的錢"),
            ("资金发放", "資金發放"),
            ("基金发展", "基金發展"),
            ("理发店", "理髮店"),
            ("申领信息", "申領資訊"),
            ("默认字号", "預設字號"),
            ("短信通知", "簡訊通知"),
            (
                "建设用地土壤污染修复方案备案",
                "建設用地土壤污染修復方案備案",
            ),
            ("教师资格证书补发、换发", "教師資格證書補發、換發"),
            ("证书签发", "證書簽發"),
            ("城市道路10公里", "城市道路10公里"),
            ("区人社局", "區人社局"),
        ];
        for (hans, hant) in cases {
            assert_eq!(to_traditional(hans), hant, "{hans}");
        }
    }

    #[test]
    fn the_project_phrases_convert_without_a_wrong_sequence() {
        for (hans, hant) in PHRASES {
            assert_eq!(&to_traditional(hans), hant, "{hans}");
            assert!(wrong_in_traditional(hant).is_empty(), "{hant}");
        }
    }

    #[test]
    fn wrong_sequences_are_found() {
        let found: Vec<String> = wrong_in_traditional("失業保險金髮到哪里，默認")
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(found, ["髮到", "默認", "保險金髮到哪里", "髮到哪里，默認"]);
        assert!(wrong_in_traditional("失業保險金發到哪裡").is_empty());
        assert!(wrong_in_traditional("距離10公里，鄰里之間；理髮、頭髮").is_empty());
    }
}
