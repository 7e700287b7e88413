//! The service catalogue (PRODUCT.md CAT-1…4): service items with the national guide fields,
//! their classifications, and the life events that order them.

pub mod curation;
pub mod guide;
pub mod input;
pub mod life;

pub use guide::{Channel, Faq, Guide, Material, MaterialSource, Step, Visits};
pub use input::{ItemInput, ValidItem};
pub use life::{Audience, LifeStage};

crate::stable_names! {
    /// The kind of power or service an item is, by the national item-type codes (国家政务服务
    /// 事项类型); the number is stored, the name shown.
    pub enum ItemType {
        /// 1 行政许可.
        Licence = "1",
        /// 2 行政处罚.
        Penalty = "2",
        /// 3 行政强制.
        Enforcement = "3",
        /// 4 行政征收.
        Levy = "4",
        /// 5 行政给付.
        Benefit = "5",
        /// 6 行政检查.
        Inspection = "6",
        /// 7 行政确认.
        Confirmation = "7",
        /// 8 行政奖励.
        Award = "8",
        /// 9 行政裁决.
        Adjudication = "9",
        /// 10 其他行政权力.
        OtherPower = "10",
        /// 20 公共服务.
        PublicService = "20",
    }
}

crate::stable_names! {
    /// Service labels admins set per item (CAT-2).
    pub enum Tag {
        /// 零跑动: no visit at all.
        NoVisit = "no_visit",
        /// 最多跑一次: at most one visit.
        OneVisit = "one_visit",
        /// 秒批: decided instantly by rules.
        Instant = "instant",
        /// 全程网办: handled online end to end.
        FullyOnline = "fully_online",
        /// 快递送达: results delivered by post.
        ByPost = "by_post",
        /// 跨区通办: can be handled in another district.
        CrossRegion = "cross_region",
    }
}

crate::stable_names! {
    /// Who an item is for.
    pub enum Subject {
        /// 自然人 (个人).
        Person = "person",
        /// 法人 (企业和组织).
        Legal = "legal",
    }
}

crate::stable_names! {
    /// Topics for browsing (主题分类), after the national service portal's personal and
    /// enterprise topic lists, merged to the ones a county catalogue uses.
    pub enum Topic {
        /// 生育收养.
        Birth = "birth",
        /// 户籍证件.
        Household = "household",
        /// 教育.
        Education = "education",
        /// 就业创业.
        Employment = "employment",
        /// 社会保障.
        SocialSecurity = "social_security",
        /// 医疗卫生.
        Health = "health",
        /// 婚姻家庭.
        Marriage = "marriage",
        /// 住房不动产.
        Housing = "housing",
        /// 交通出行.
        Transport = "transport",
        /// 民政救助与优待抚恤.
        Welfare = "welfare",
        /// 企业开办与变更注销.
        Business = "business",
        /// 准营许可与资质.
        Permits = "permits",
        /// 税务.
        Tax = "tax",
        /// 规划建设.
        Construction = "construction",
        /// 农林水利.
        Agriculture = "agriculture",
        /// 环境与安全.
        Environment = "environment",
        /// 文化旅游体育.
        Culture = "culture",
        /// 公证司法.
        Justice = "justice",
        /// 退休养老.
        Retirement = "retirement",
        /// 殡葬.
        Funeral = "funeral",
        /// 其他.
        Other = "other",
    }
}

crate::stable_names! {
    /// Whether an item is in force.
    pub enum ItemStatus {
        /// Listed and searchable.
        Active = "active",
        /// No longer offered; its page says so and points to the replacement.
        Withdrawn = "withdrawn",
    }
}

/// Parses a comma-separated list of stable names, ignoring blanks; `None` if any is unknown.
pub fn parse_list<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    s.split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(parse)
        .collect()
}

/// Writes a list of stable names as `,a,b,` — with the leading and trailing commas, so
/// `LIKE '%,a,%'` matches whole names only.
pub fn join_names<T: Copy>(items: &[T], name: impl Fn(T) -> &'static str) -> String {
    if items.is_empty() {
        return String::new();
    }
    let mut s = String::from(",");
    for i in items {
        s.push_str(name(*i));
        s.push(',');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_codes_are_the_national_numbers() {
        assert_eq!(ItemType::parse("1"), Some(ItemType::Licence));
        assert_eq!(ItemType::parse("20"), Some(ItemType::PublicService));
        assert_eq!(ItemType::parse("11"), None);
        assert_eq!(ItemType::ALL.len(), 11);
    }

    #[test]
    fn name_lists_round_trip_with_delimiting_commas() {
        let tags = [Tag::OneVisit, Tag::ByPost];
        let s = join_names(&tags, Tag::as_str);
        assert_eq!(s, ",one_visit,by_post,");
        assert_eq!(parse_list(&s, Tag::parse).unwrap(), tags);
        assert_eq!(parse_list("", Tag::parse).unwrap(), Vec::<Tag>::new());
        assert!(parse_list("one_visit,teleport", Tag::parse).is_none());
    }
}
