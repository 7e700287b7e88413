//! Re-ranking the candidates the index returns, with what BM25 does not know: how much of the
//! query the title itself says, whether the item is the main one or a rare variant, whether it
//! belongs to the citizen's own region, and how often people open it. Also highlights.

use crate::plan::{Concept, Plan};
use crate::text::bigrams;

/// How well one alternative matches a text: 1 when the text contains it, otherwise the share
/// of its character pairs the text contains (a wrong character in a four-character word still
/// leaves a match of 1/3); with `fuzzy`, single characters count half.
pub fn match_score(text: &str, alt: &str, fuzzy: bool) -> f32 {
    if alt.is_empty() {
        return 0.0;
    }
    if text.contains(alt) {
        return 1.0;
    }
    // Character pairs are slices of `alt`: no allocation on this hot path (it runs for every
    // candidate, concept and alternative).
    let mut n = 0usize;
    let (mut pairs_all, mut pairs_found) = (0usize, 0usize);
    let mut prev: Option<usize> = None;
    for (i, c) in alt.char_indices() {
        n += 1;
        if let Some(p) = prev {
            pairs_all += 1;
            if text.contains(&alt[p..i + c.len_utf8()]) {
                pairs_found += 1;
            }
        }
        prev = Some(i);
    }
    let pairs = if pairs_all > 0 {
        pairs_found as f32 / pairs_all as f32
    } else {
        0.0
    };
    if !fuzzy {
        return pairs;
    }
    let singles = alt.chars().filter(|c| text.contains(*c)).count() as f32 / n as f32;
    pairs.max(singles * 0.5)
}

/// How well `texts` express a concept: its best alternative, plus a little for every other
/// alternative they also contain (饭店 → 食品 经营许可: an item saying both is the closer one).
fn concept_score(texts: &[&str], c: &Concept, fuzzy: bool) -> f32 {
    let mut best = 0.0f32;
    let mut whole = 0;
    for a in &c.alternatives {
        let s = texts
            .iter()
            .map(|t| match_score(t, a, fuzzy))
            .fold(0.0, f32::max);
        best = best.max(s);
        if s >= 1.0 {
            whole += 1;
        }
    }
    if whole > 1 { best + 0.1 } else { best }
}

/// The share of the query's concepts that `texts` express, each concept counting by its
/// `weights` entry.
pub fn coverage(plan: &Plan, weights: &[f32], texts: &[&str], fuzzy: bool) -> f32 {
    coverage_with(plan, weights, |c| concept_score(texts, c, fuzzy))
}

/// Coverage of the title, where a concept the provider's name expresses counts for most of a
/// match (医保参保: 城乡居民参保登记 of 区医疗保障局 says 医保 through its department).
pub fn title_coverage(plan: &Plan, weights: &[f32], title: &str, org: &str, fuzzy: bool) -> f32 {
    coverage_with(plan, weights, |c| {
        concept_score(&[title], c, fuzzy).max(0.8 * concept_score(&[org], c, fuzzy))
    })
}

/// Both coverages at once — of the title (the department's name counting 0.8) and of title,
/// department and body together — matching each alternative against each text only once.
/// Equal to `(title_coverage(..), coverage(.., &[title, org, body], ..))`.
pub fn coverages(
    plan: &Plan,
    weights: &[f32],
    title: &str,
    org: &str,
    body: &str,
    fuzzy: bool,
) -> (f32, f32) {
    let total: f32 = weights.iter().sum();
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let (mut in_title, mut anywhere) = (0.0f32, 0.0f32);
    for (c, w) in plan.concepts.iter().zip(weights) {
        let (mut best_t, mut best_o, mut best_a) = (0.0f32, 0.0f32, 0.0f32);
        let (mut whole_t, mut whole_o, mut whole_a) = (0, 0, 0);
        for a in &c.alternatives {
            let st = match_score(title, a, fuzzy);
            let so = match_score(org, a, fuzzy);
            let sa = if st >= 1.0 || so >= 1.0 {
                st.max(so)
            } else {
                st.max(so).max(match_score(body, a, fuzzy))
            };
            best_t = best_t.max(st);
            best_o = best_o.max(so);
            best_a = best_a.max(sa);
            whole_t += usize::from(st >= 1.0);
            whole_o += usize::from(so >= 1.0);
            whole_a += usize::from(sa >= 1.0);
        }
        let bonus = |best: f32, whole: usize| if whole > 1 { best + 0.1 } else { best };
        in_title += w * bonus(best_t, whole_t).max(0.8 * bonus(best_o, whole_o));
        anywhere += w * bonus(best_a, whole_a);
    }
    (in_title / total, anywhere / total)
}

fn coverage_with(plan: &Plan, weights: &[f32], score: impl Fn(&Concept) -> f32) -> f32 {
    let total: f32 = weights.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    plan.concepts
        .iter()
        .zip(weights)
        .map(|(c, w)| w * score(c))
        .sum::<f32>()
        / total
}

/// Words that say what to do rather than what about (申请, 办理, 换发 …). The thing a query
/// names — 护照 in 护照过期换发 — matters more than the action, so actions count less.
const ACTIONS: [&str; 30] = [
    "申请", "申领", "申报", "办理", "登记", "审批", "核发", "备案", "查询", "打印", "认定", "领取",
    "换证", "换发", "延续", "到期", "补办", "补领", "注销", "变更", "新办", "首次", "许可", "证明",
    "开具", "报告", "签发", "办证", "确认", "审核",
];

/// Whether a concept is only an action word.
fn is_action(c: &Concept) -> bool {
    c.alternatives.iter().all(|a| ACTIONS.contains(&a.as_str()))
}

/// The share of a title the query's words cover: a short title saying just what was asked is
/// a closer match than a long one that also says it.
pub fn focus(title: &str, plan: &Plan) -> f32 {
    let n = title.chars().count();
    if n == 0 {
        return 0.0;
    }
    // The same cover as `marks`, in bytes and without building ranges: this runs for every
    // candidate of every query.
    let mut covered = vec![false; title.len()];
    let mut mark = |needle: &str| {
        if needle.is_empty() {
            return;
        }
        for (i, _) in title.match_indices(needle) {
            covered[i..i + needle.len()].fill(true);
        }
    };
    for c in &plan.concepts {
        for a in &c.alternatives {
            mark(a);
            if a.chars().count() > 2 {
                let mut prev: Option<usize> = None;
                for (i, ch) in a.char_indices() {
                    if let Some(p) = prev {
                        mark(&a[p..i + ch.len_utf8()]);
                    }
                    prev = Some(i);
                }
            }
        }
    }
    title.char_indices().filter(|(i, _)| covered[*i]).count() as f32 / n as f32
}

/// How much a concept matters, from how many of `docs` documents contain it (`df`): rare words
/// say more than common ones (申请 is in half the titles, 最低生活保障 in one). A concept no
/// document contains cannot tell documents apart and counts for nothing. Longer words count a
/// little more.
pub fn importance(concept: &Concept, df: u64, docs: u64) -> f32 {
    if df == 0 || docs == 0 {
        return 0.0;
    }
    let n = docs as f32;
    let idf = (1.0 + n / (1.0 + df as f32)).ln() / (1.0 + n).ln();
    let length = if concept.weight < 2.0 {
        0.5
    } else {
        1.0 + 0.15 * (concept.weight - 2.0).min(4.0)
    };
    let action = if is_action(concept) { 0.4 } else { 1.0 };
    idf * length * action
}

/// Character ranges of `text` where the query's words (or, for longer words, their pairs)
/// occur, merged and sorted.
pub fn marks(text: &str, plan: &Plan) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut find = |needle: &str| {
        let n: Vec<char> = needle.chars().collect();
        if n.is_empty() || n.len() > chars.len() {
            return;
        }
        for i in 0..=chars.len() - n.len() {
            if chars[i..i + n.len()] == n[..] {
                ranges.push((i, i + n.len()));
            }
        }
    };
    for c in &plan.concepts {
        for a in &c.alternatives {
            find(a);
            if a.chars().count() > 2 {
                for g in bigrams(a) {
                    find(&g);
                }
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.0 <= last.1 => last.1 = last.1.max(r.1),
            _ => merged.push(r),
        }
    }
    merged
}

/// The length of a snippet, in characters.
pub const SNIPPET_CHARS: usize = 60;

/// A window of `body` around its first match, with the marks inside it (relative to it).
pub fn snippet(body: &str, plan: &Plan) -> (String, Vec<(usize, usize)>) {
    let all = marks(body, plan);
    let len = body.chars().count();
    let start = match all.first() {
        Some((s, _)) if len > SNIPPET_CHARS => (*s).saturating_sub(12).min(len - SNIPPET_CHARS),
        _ => 0,
    };
    let end = (start + SNIPPET_CHARS).min(len);
    let mut text: String = body.chars().skip(start).take(end - start).collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if end < len {
        text.push('…');
    }
    let shift = usize::from(start > 0);
    let inside = all
        .into_iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| (s - start + shift, e - start + shift))
        .collect();
    (text, inside)
}

/// Words that mark a rare variant of an item (注销, 补办, 变更 …): most people asking about a
/// licence want to get one, not to cancel or replace it.
const RARE: [&str; 32] = [
    "注销", "补办", "补领", "补发", "补证", "换发", "换证", "遗失", "挂失", "歇业", "延续", "变更",
    "撤销", "撤回", "终止", "更正", "迁出", "暂停", "恢复", "减少", "退出", "吊销", "复核", "复查",
    "删除", "降级", "缩减", "提前", "重核", "重新", "异地", "续期",
];

/// How much a title's rare-variant words count against it for this query: a title with such
/// a word the query does not ask for ranks below the main item.
pub fn variant_factor(title: &str, plan: &Plan) -> f32 {
    let asked = |w: &str| {
        plan.text.contains(w)
            || plan
                .concepts
                .iter()
                .any(|c| c.alternatives.iter().any(|a| a.contains(w)))
    };
    if RARE.iter().any(|w| title.contains(w) && !asked(w)) {
        0.85
    } else {
        1.0
    }
}

/// How a citizen's region bears on an item: their own region's items first, items of a region
/// above them as they are, items of another town or street last.
pub fn region_factor(doc_region: Option<&str>, home_path: &[String]) -> f32 {
    match (doc_region, home_path.last()) {
        (Some(d), Some(home)) if d == home => 1.15,
        (Some(d), Some(_)) if home_path.iter().any(|p| p == d) => 1.0,
        (Some(_), Some(_)) => 0.85,
        _ => 1.0,
    }
}

/// How often an item is opened, as a gentle lift (doubling views adds about 1.4 %).
pub fn popularity_factor(views: u64) -> f32 {
    1.0 + 0.02 * ((1 + views) as f32).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aliases::Aliases;

    #[test]
    fn whole_words_pairs_and_single_characters_score_in_that_order() {
        assert_eq!(match_score("社会保障卡密码重置", "密码", false), 1.0);
        assert!((match_score("营业执照", "营业执招", false) - 2.0 / 3.0).abs() < 1e-6);
        assert_eq!(match_score("社会保障卡密码重置", "密马", false), 0.0);
        assert_eq!(match_score("社会保障卡密码重置", "密马", true), 0.25);
    }

    #[test]
    fn coverage_weights_concepts_by_length() {
        let plan = Plan::new("护士 注册", &Aliases::default());
        assert_eq!(coverage(&plan, &[1.0, 1.0], &["护士执业注册"], false), 1.0);
        assert_eq!(coverage(&plan, &[1.0, 1.0], &["执业注册"], false), 0.5);
        assert_eq!(coverage(&plan, &[3.0, 1.0], &["执业注册"], false), 0.25);
        let rare = importance(&plan.concepts[0], 1, 1000);
        let common = importance(&plan.concepts[0], 500, 1000);
        assert!(rare > 2.0 * common, "{rare} {common}");
        assert_eq!(importance(&plan.concepts[0], 0, 1000), 0.0);
    }

    #[test]
    fn marks_merge_and_snippets_window_around_the_first_match() {
        let plan = Plan::new("失业保险金", &Aliases::default());
        assert_eq!(marks("失业保险金申领", &plan), [(0, 5)]);
        let body = format!("{}失业保险金{}", "甲".repeat(80), "乙".repeat(80));
        let (text, m) = snippet(&body, &plan);
        assert_eq!(text.chars().count(), SNIPPET_CHARS + 2);
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = m[0];
        assert_eq!(chars[s..e].iter().collect::<String>(), "失业保险金");
    }

    #[test]
    fn rare_variants_rank_lower_unless_asked_for() {
        let a = Aliases::new([("到期".to_owned(), "延续 到期".to_owned())]);
        assert!(variant_factor("食品经营许可注销", &Plan::new("食品经营许可", &a)) < 1.0);
        assert_eq!(
            variant_factor("食品经营许可注销", &Plan::new("食品经营许可注销", &a)),
            1.0
        );
        assert_eq!(
            variant_factor("食品经营许可核发", &Plan::new("食品经营许可", &a)),
            1.0
        );
        assert_eq!(
            variant_factor("食品经营许可延续", &Plan::new("食品许可到期", &a)),
            1.0
        );
    }

    #[test]
    fn own_region_first_and_other_towns_last() {
        let home = vec![
            "510000000000".to_owned(),
            "511600000000".to_owned(),
            "511602000000".to_owned(),
            "511602001000".to_owned(),
        ];
        assert!(
            region_factor(Some("511602001000"), &home) > region_factor(Some("511602000000"), &home)
        );
        assert!(
            region_factor(Some("511602000000"), &home) > region_factor(Some("511602002000"), &home)
        );
        assert_eq!(region_factor(Some("511602000000"), &[]), 1.0);
    }
}

#[cfg(test)]
mod coverage_tests {
    use super::*;
    use crate::Aliases;

    #[test]
    fn both_coverages_at_once_equal_the_two_computed_apart() {
        let aliases = Aliases::new([("开饭店".to_owned(), "食品 经营许可 饭店".to_owned())]);
        for q in [
            "我要开饭店",
            "失业金怎么领",
            "医保 参保",
            "护照过期换发",
            "失叶金",
        ] {
            let plan = Plan::new(q, &aliases);
            let weights: Vec<f32> = plan.concepts.iter().map(|_| 1.0).collect();
            for (title, org, body) in [
                ("食品经营许可证核发", "区市场监管局", ""),
                ("失业保险金申领", "区人社局", "失业保险金申领。失业金"),
                ("城乡居民参保登记", "区医疗保障局", "医保"),
                ("", "", ""),
            ] {
                for fuzzy in [false, true] {
                    let apart = (
                        title_coverage(&plan, &weights, title, org, fuzzy),
                        coverage(&plan, &weights, &[title, org, body], fuzzy),
                    );
                    let together = coverages(&plan, &weights, title, org, body, fuzzy);
                    assert!(
                        (apart.0 - together.0).abs() < 1e-6 && (apart.1 - together.1).abs() < 1e-6,
                        "{q} / {title}: {apart:?} vs {together:?}"
                    );
                }
            }
        }
    }
}
