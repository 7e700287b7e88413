//! Names of the catalogue's classifications in the three languages: item types (the national
//! codes), labels, subjects, topics, life stages and guide values. Exhaustive `match`es, so a
//! new variant cannot appear on a page without its words.

use yiwang_domain::catalog::{
    Audience, Channel, ItemStatus, ItemType, LifeStage, MaterialSource, Subject, Tag, Topic, Visits,
};

use super::Tr;

/// A value or a reference to one (templates pass loop variables by reference).
pub trait Of<T: Copy> {
    /// The value.
    fn get(&self) -> T;
}

impl<T: Copy> Of<T> for T {
    fn get(&self) -> T {
        *self
    }
}

impl<T: Copy> Of<T> for &T {
    fn get(&self) -> T {
        **self
    }
}

impl<T: Copy> Of<T> for &&T {
    fn get(&self) -> T {
        ***self
    }
}

impl Tr {
    /// An item type's name.
    pub fn item_type(self, t: impl Of<ItemType>) -> &'static str {
        match t.get() {
            ItemType::Licence => self.pick("行政许可", "行政許可", "Administrative licence"),
            ItemType::Penalty => self.pick("行政处罚", "行政處罰", "Administrative penalty"),
            ItemType::Enforcement => self.pick("行政强制", "行政強制", "Administrative coercion"),
            ItemType::Levy => self.pick("行政征收", "行政徵收", "Administrative levy"),
            ItemType::Benefit => self.pick("行政给付", "行政給付", "Administrative benefit"),
            ItemType::Inspection => self.pick("行政检查", "行政檢查", "Administrative inspection"),
            ItemType::Confirmation => {
                self.pick("行政确认", "行政確認", "Administrative confirmation")
            }
            ItemType::Award => self.pick("行政奖励", "行政獎勵", "Administrative award"),
            ItemType::Adjudication => self.pick("行政裁决", "行政裁決", "Administrative ruling"),
            ItemType::OtherPower => {
                self.pick("其他行政权力", "其他行政權力", "Other administrative power")
            }
            ItemType::PublicService => self.pick("公共服务", "公共服務", "Public service"),
        }
    }

    /// A service label's name.
    pub fn tag(self, t: impl Of<Tag>) -> &'static str {
        match t.get() {
            Tag::NoVisit => self.pick("零跑动", "零跑動", "No visit needed"),
            Tag::OneVisit => self.pick("最多跑一次", "最多跑一次", "One visit at most"),
            Tag::Instant => self.pick("秒批", "秒批", "Instant decision"),
            Tag::FullyOnline => self.pick("全程网办", "全程網辦", "Fully online"),
            Tag::ByPost => self.pick("快递送达", "快遞送達", "Result by post"),
            Tag::CrossRegion => self.pick("跨区通办", "跨區通辦", "Any district"),
        }
    }

    /// Who an item is for.
    pub fn subject(self, s: impl Of<Subject>) -> &'static str {
        match s.get() {
            Subject::Person => self.pick("个人", "個人", "Individuals"),
            Subject::Legal => self.pick("法人", "法人", "Businesses and organisations"),
        }
    }

    /// A topic's name.
    pub fn topic(self, t: impl Of<Topic>) -> &'static str {
        match t.get() {
            Topic::Birth => self.pick("生育收养", "生育收養", "Births and adoption"),
            Topic::Household => self.pick("户籍证件", "戶籍證件", "Household registration and ID"),
            Topic::Education => self.pick("教育", "教育", "Education"),
            Topic::Employment => self.pick("就业创业", "就業創業", "Jobs and starting out"),
            Topic::SocialSecurity => self.pick("社会保障", "社會保障", "Social insurance"),
            Topic::Health => self.pick("医疗卫生", "醫療衛生", "Health"),
            Topic::Marriage => self.pick("婚姻家庭", "婚姻家庭", "Marriage and family"),
            Topic::Housing => self.pick("住房", "住房", "Housing"),
            Topic::Transport => self.pick("交通出行", "交通出行", "Transport"),
            Topic::Welfare => self.pick("民政救助", "民政救助", "Welfare and veterans"),
            Topic::Business => self.pick(
                "企业开办与变更",
                "企業開辦與變更",
                "Starting and changing a business",
            ),
            Topic::Permits => self.pick("准营许可", "准營許可", "Business permits"),
            Topic::Tax => self.pick("税务", "稅務", "Tax"),
            Topic::Construction => self.pick("规划建设", "規劃建設", "Planning and building"),
            Topic::Agriculture => self.pick("农林水利", "農林水利", "Farming, forests and water"),
            Topic::Environment => self.pick("环境与安全", "環境與安全", "Environment and safety"),
            Topic::Culture => {
                self.pick("文化旅游体育", "文化旅遊體育", "Culture, tourism and sport")
            }
            Topic::Justice => self.pick("公证司法", "公證司法", "Notaries and justice"),
            Topic::Retirement => self.pick("退休养老", "退休養老", "Retirement and old age"),
            Topic::Funeral => self.pick("殡葬", "殯葬", "Funerals"),
            Topic::Other => self.pick("其他", "其他", "Other"),
        }
    }

    /// A life stage's name.
    pub fn life_stage(self, s: impl Of<LifeStage>) -> &'static str {
        match s.get() {
            LifeStage::Birth => self.pick("出生", "出生", "Having a baby"),
            LifeStage::School => self.pick("上学", "上學", "Going to school"),
            LifeStage::Work => self.pick("就业", "就業", "Working"),
            LifeStage::Family => self.pick("婚育", "婚育", "Marriage and children"),
            LifeStage::Home => self.pick("置业", "置業", "Buying a home"),
            LifeStage::Travel => self.pick("出行", "出行", "Travel and driving"),
            LifeStage::Retirement => self.pick("退休", "退休", "Retiring"),
            LifeStage::OldAge => self.pick("养老", "養老", "Old age"),
            LifeStage::Death => self.pick("身后", "身後", "After a death"),
            LifeStage::Start => self.pick("开办", "開辦", "Starting a business"),
            LifeStage::Operate => self.pick("经营", "經營", "Running a business"),
            LifeStage::Change => self.pick("变更", "變更", "Changing a business"),
            LifeStage::Close => self.pick("注销", "註銷", "Closing a business"),
        }
    }

    /// A life stage's one-line description.
    pub fn life_stage_desc(self, s: impl Of<LifeStage>) -> &'static str {
        match s.get() {
            LifeStage::Birth => self.pick(
                "出生证明、上户口、医保",
                "出生證明、上戶口、醫保",
                "Birth certificate, household registration, insurance",
            ),
            LifeStage::School => self.pick(
                "入学、资助、学历",
                "入學、資助、學歷",
                "Enrolment, grants, qualifications",
            ),
            LifeStage::Work => self.pick(
                "就业登记、社保、失业金",
                "就業登記、社保、失業金",
                "Registration, social insurance, unemployment benefit",
            ),
            LifeStage::Family => self.pick(
                "结婚登记、生育、收养",
                "結婚登記、生育、收養",
                "Marriage, children, adoption",
            ),
            LifeStage::Home => self.pick(
                "买房、建房、租房",
                "買房、建房、租房",
                "Buying, building, renting",
            ),
            LifeStage::Travel => self.pick(
                "车辆、驾驶、出行",
                "車輛、駕駛、出行",
                "Vehicles, driving, travel",
            ),
            LifeStage::Retirement => {
                self.pick("退休手续、养老金", "退休手續、養老金", "Retiring, pensions")
            }
            LifeStage::OldAge => self.pick(
                "高龄补贴、养老服务",
                "高齡補貼、養老服務",
                "Allowances, care",
            ),
            LifeStage::Death => self.pick(
                "死亡登记、丧葬、抚恤",
                "死亡登記、喪葬、撫卹",
                "Registration, funeral, survivors' benefits",
            ),
            LifeStage::Start => self.pick(
                "营业执照、许可、刻章",
                "營業執照、許可、刻章",
                "Licence, permits, seals",
            ),
            LifeStage::Operate => self.pick(
                "许可延续、用工、税务",
                "許可延續、用工、稅務",
                "Renewals, staff, tax",
            ),
            LifeStage::Change => self.pick(
                "变更登记和许可",
                "變更登記和許可",
                "Registration and permit changes",
            ),
            LifeStage::Close => self.pick(
                "注销登记和许可",
                "註銷登記和許可",
                "Closing registrations and permits",
            ),
        }
    }

    /// An audience's name.
    pub fn audience(self, a: impl Of<Audience>) -> &'static str {
        match a.get() {
            Audience::Person => self.pick("个人办事", "個人辦事", "For individuals"),
            Audience::Enterprise => self.pick("企业办事", "企業辦事", "For businesses"),
        }
    }

    /// How many visits, as a phrase.
    pub fn visits(self, v: impl Of<Visits>) -> &'static str {
        match v.get() {
            Visits::Zero => self.pick(
                "不用去现场（零跑动）",
                "不用去現場（零跑動）",
                "No visit needed",
            ),
            Visits::One => self.pick("最多去一次", "最多去一次", "One visit at most"),
            Visits::More => self.pick("需要去两次或以上", "需要去兩次或以上", "Two visits or more"),
        }
    }

    /// A channel's name.
    pub fn channel(self, c: impl Of<Channel>) -> &'static str {
        match c.get() {
            Channel::Online => self.pick("全程网上办", "全程網上辦", "Online from start to finish"),
            Channel::Post => self.pick("结果快递送达", "結果快遞送達", "Result sent by post"),
            Channel::Window => self.pick("窗口办理", "窗口辦理", "At the service counter"),
        }
    }

    /// Where a document comes from.
    pub fn material_source(self, s: impl Of<MaterialSource>) -> &'static str {
        match s.get() {
            MaterialSource::Applicant => self.pick("申请人提供", "申請人提供", "You provide it"),
            MaterialSource::Certificate => self.pick(
                "用已有电子证照，无需再交",
                "用已有電子證照，無需再交",
                "Taken from your e-certificates",
            ),
            MaterialSource::Government => self.pick(
                "政府部门自行调取，无需提供",
                "政府部門自行調取，無需提供",
                "The government fetches it; nothing to bring",
            ),
        }
    }

    /// The English of a common value of a guide's free-text fields — a material's form
    /// (原件, 复印件, 电子件), the fee (不收费) — when the reader reads English and the value is
    /// one of them; other values are the department's words, shown as written.
    pub fn common_value(self, s: &str) -> Option<&'static str> {
        if self.0 != yiwang_domain::Lang::En {
            return None;
        }
        Some(match s.trim() {
            "原件" => "Original",
            "复印件" => "Photocopy",
            "电子件" => "Electronic copy",
            "原件和复印件" | "原件及复印件" => "Original and a photocopy",
            "原件或复印件" => "Original or a photocopy",
            "纸质件" | "纸质" => "Paper copy",
            "不收费" | "免费" | "免收费用" => "Free of charge",
            _ => return None,
        })
    }

    /// An item's status.
    pub fn item_status(self, s: impl Of<ItemStatus>) -> &'static str {
        match s.get() {
            ItemStatus::Active => self.pick("在办", "在辦", "Active"),
            ItemStatus::Withdrawn => self.pick("已停办", "已停辦", "Withdrawn"),
        }
    }

    /// "N working days".
    pub fn working_days(self, n: impl Of<u32>) -> String {
        let n = n.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("{n} 个工作日"),
            yiwang_domain::Lang::ZhHant => format!("{n} 個工作日"),
            yiwang_domain::Lang::En if n == 1 => "1 working day".to_owned(),
            yiwang_domain::Lang::En => format!("{n} working days"),
        }
    }

    /// "N copies".
    pub fn copies(self, n: impl Of<u32>) -> String {
        let n = n.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("{n} 份"),
            yiwang_domain::Lang::ZhHant => format!("{n} 份"),
            yiwang_domain::Lang::En => format!("{n} cop{}", if n == 1 { "y" } else { "ies" }),
        }
    }

    /// "All N services".
    pub fn services_all(self, n: impl Of<usize>) -> String {
        let n = n.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("全部 {n} 个事项"),
            yiwang_domain::Lang::ZhHant => format!("全部 {n} 個事項"),
            yiwang_domain::Lang::En => format!("All {n} services"),
        }
    }

    /// "N services found".
    pub fn items_count(self, n: impl Of<usize>) -> String {
        let n = n.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("共 {n} 个事项"),
            yiwang_domain::Lang::ZhHant => format!("共 {n} 個事項"),
            yiwang_domain::Lang::En => format!("{n} services"),
        }
    }

    /// "N steps".
    pub fn life_event_steps(self, n: impl Of<usize>) -> String {
        let n = n.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("{n} 件事"),
            yiwang_domain::Lang::ZhHant => format!("{n} 件事"),
            yiwang_domain::Lang::En => format!("{n} steps"),
        }
    }

    /// The "guide is incomplete" notice.
    pub fn guide_incomplete(self, filled: impl Of<usize>, all: impl Of<usize>) -> String {
        let (f, a) = (filled.get(), all.get());
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!(
                "这份指南部门只填写了 {f}/{a} 项，下面标着“部门暂未填写”的内容请出发前打电话确认。"
            ),
            yiwang_domain::Lang::ZhHant => format!(
                "這份指南部門只填寫了 {f}/{a} 項，下面標著「部門暫未填寫」的內容請出發前打電話確認。"
            ),
            yiwang_domain::Lang::En => format!(
                "The department has filled in {f} of {a} parts of this guide. Call before you go to check anything marked as not yet provided."
            ),
        }
    }

    /// "Updated … (version N)".
    pub fn guide_updated(self, when: impl std::fmt::Display, version: impl Of<i64>) -> String {
        let v = version.get();
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("更新于 {when}（第 {v} 版）"),
            yiwang_domain::Lang::ZhHant => format!("更新於 {when}（第 {v} 版）"),
            yiwang_domain::Lang::En => format!("Updated {when} (version {v})"),
        }
    }

    /// "Line N: ", before a field error on a list field.
    pub fn line_prefix(self, n: usize) -> String {
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("第 {n} 行："),
            yiwang_domain::Lang::ZhHant => format!("第 {n} 行："),
            yiwang_domain::Lang::En => format!("Line {n}: "),
        }
    }

    /// How many rated a service and how many of them were satisfied (好差评 on a guide).
    pub fn guide_ratings_summary(
        self,
        count: impl Of<u64>,
        satisfied_percent: impl Of<u32>,
    ) -> String {
        let (n, p) = (count.get(), satisfied_percent.get());
        match self.0 {
            yiwang_domain::Lang::ZhHans => format!("共 {n} 条评价，满意率 {p}%。"),
            yiwang_domain::Lang::ZhHant => format!("共 {n} 條評價，滿意率 {p}%。"),
            yiwang_domain::Lang::En => format!("{n} ratings, {p}% satisfied."),
        }
    }
}
