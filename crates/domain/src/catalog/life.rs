//! Life events (CAT-3): a person's life and an enterprise's life in stages, each an ordered
//! checklist of items curated by admins.

crate::stable_names! {
    /// Whose life.
    pub enum Audience {
        /// 个人.
        Person = "person",
        /// 企业.
        Enterprise = "enterprise",
    }
}

crate::stable_names! {
    /// A stage of a life.
    pub enum LifeStage {
        /// 出生.
        Birth = "birth",
        /// 上学.
        School = "school",
        /// 就业.
        Work = "work",
        /// 婚育.
        Family = "family",
        /// 置业.
        Home = "home",
        /// 出行.
        Travel = "travel",
        /// 退休.
        Retirement = "retirement",
        /// 养老.
        OldAge = "old_age",
        /// 身后.
        Death = "death",
        /// 开办.
        Start = "start",
        /// 经营.
        Operate = "operate",
        /// 变更.
        Change = "change",
        /// 注销.
        Close = "close",
    }
}

impl LifeStage {
    /// Whose life the stage belongs to.
    pub fn audience(self) -> Audience {
        match self {
            LifeStage::Start | LifeStage::Operate | LifeStage::Change | LifeStage::Close => {
                Audience::Enterprise
            }
            _ => Audience::Person,
        }
    }

    /// The stages of one audience, in life order.
    pub fn of(audience: Audience) -> Vec<LifeStage> {
        LifeStage::ALL
            .into_iter()
            .filter(|s| s.audience() == audience)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nine_stages_of_a_person_and_four_of_an_enterprise() {
        assert_eq!(LifeStage::of(Audience::Person).len(), 9);
        assert_eq!(
            LifeStage::of(Audience::Enterprise),
            [
                LifeStage::Start,
                LifeStage::Operate,
                LifeStage::Change,
                LifeStage::Close
            ]
        );
    }
}
