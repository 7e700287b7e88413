//! The demo deployment's portals (called from `yiwang/src/serve.rs` with `--demo`): the
//! districts and counties of 广安市 get an introduction, leaders, contacts, a project or two
//! seeking investment and a few years of indicators — invented text, marked 演示, written
//! once through the store (no caller: the demo is the deployment's own act). 广安区's
//! investment office is its 区商务局 when the demo has it.

use yiwang_domain::region::RegionCode;
use yiwang_store::Store;
use yiwang_store::portals::{ContactLine, Leader, PortalContent, ProjectFields};

use crate::rules::mu_to_m2;

type BoxError = Box<dyn std::error::Error>;

/// (code, intro, leaders, duty phone, projects: (title, sector, location, 亩×100, 万元,
/// stage, summary), GDP by year in 亿元×100 for 2021–2025).
type County = (
    &'static str,
    &'static str,
    [(&'static str, &'static str); 2],
    &'static str,
    &'static [(
        &'static str,
        &'static str,
        &'static str,
        i64,
        i64,
        &'static str,
        &'static str,
    )],
    [i64; 5],
);

const COUNTIES: &[County] = &[
    (
        "511602",
        "（演示内容）广安区是广安市的中心城区，位于四川东部、嘉陵江和渠江之间，是川渝合作的前沿。\n\n全区以政务服务“一网通办”为抓手，办事群众可以在网上查询办事指南、预约窗口、反映诉求。",
        [("王演示", "区委书记（演示）"), ("李演示", "区长（演示）")],
        "0826-2300000",
        &[
            (
                "广安食品产业园标准厂房（演示）",
                "manufacturing",
                "广安经济技术开发区",
                15_000,
                50_000,
                "land_ready",
                "（演示内容）园区已完成道路和供水供电，提供标准厂房约5万平方米，适合食品精深加工企业入驻。",
            ),
            (
                "渠江沿岸文旅综合体（演示）",
                "tourism",
                "浓洄街道",
                8_000,
                30_000,
                "planning",
                "（演示内容）依托渠江岸线，建设休闲步道、民宿和文创街区。",
            ),
        ],
        [95_000, 101_200, 106_800, 112_300, 118_900],
    ),
    (
        "511603",
        "（演示内容）前锋区地处广安东部，以能源化工和装备制造为主导产业，交通便利。",
        [("赵演示", "区委书记（演示）"), ("钱演示", "区长（演示）")],
        "0826-2400000",
        &[(
            "前锋绿色建材产业园（演示）",
            "manufacturing",
            "前锋工业园区",
            20_000,
            80_000,
            "approved",
            "（演示内容）规划建设装配式建筑构件和新型墙体材料生产线。",
        )],
        [42_000, 45_500, 48_100, 51_200, 54_600],
    ),
    (
        "511621",
        "（演示内容）岳池县是农业大县，以米粉、稻渔综合种养闻名，正在建设现代农业园区。",
        [("孙演示", "县委书记（演示）"), ("周演示", "县长（演示）")],
        "0826-5200000",
        &[(
            "岳池米粉产业融合项目（演示）",
            "agriculture",
            "岳池县九龙街道",
            5_000,
            12_000,
            "land_ready",
            "（演示内容）建设米粉生产、冷链和电商物流中心。",
        )],
        [28_500, 30_100, 31_900, 33_400, 35_200],
    ),
    (
        "511622",
        "（演示内容）武胜县位于嘉陵江畔，以晚熟柑橘和生态旅游为特色。",
        [("吴演示", "县委书记（演示）"), ("郑演示", "县长（演示）")],
        "0826-6300000",
        &[(
            "嘉陵江生态康养基地（演示）",
            "health",
            "武胜县沿口镇",
            12_000,
            25_000,
            "planning",
            "（演示内容）结合江岸风光建设康养社区和医养结合机构。",
        )],
        [25_800, 27_300, 28_900, 30_600, 32_100],
    ),
    (
        "511623",
        "（演示内容）邻水县紧邻重庆，是川渝高竹新区所在地，承接产业转移。",
        [("冯演示", "县委书记（演示）"), ("陈演示", "县长（演示）")],
        "0826-3200000",
        &[(
            "高竹新区汽车零部件配套园（演示）",
            "manufacturing",
            "川渝高竹新区",
            30_000,
            120_000,
            "under_construction",
            "（演示内容）为重庆整车企业配套，已建成一期标准厂房。",
        )],
        [33_200, 35_600, 38_000, 40_700, 43_500],
    ),
    (
        "511681",
        "（演示内容）华蓥市因华蓥山得名，红色旅游资源丰富，电子信息产业快速发展。",
        [("褚演示", "市委书记（演示）"), ("卫演示", "市长（演示）")],
        "0826-4800000",
        &[(
            "华蓥山红色旅游服务区（演示）",
            "tourism",
            "华蓥山景区",
            6_000,
            18_000,
            "approved",
            "（演示内容）建设游客服务中心、研学基地和停车场。",
        )],
        [22_100, 23_900, 25_400, 27_000, 28_800],
    ),
];

/// Writes the demo portals once (nothing when 广安区's page exists).
pub async fn ensure(store: &Store) -> Result<(), BoxError> {
    if store.portal_page("511602").await?.is_some() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    for (code, intro, leaders, phone, projects, gdp) in COUNTIES {
        let region = RegionCode::parse(code).map_err(|c| c.as_str())?;
        if !store.region_exists(&region).await? {
            continue;
        }
        let office = store
            .departments_under(&region)
            .await?
            .into_iter()
            .find(|d| d.region == region && d.name == "区商务局")
            .map(|d| d.id);
        let content = PortalContent {
            intro: (*intro).to_owned(),
            leaders: leaders
                .iter()
                .map(|(name, title)| Leader {
                    name: (*name).to_owned(),
                    title: (*title).to_owned(),
                })
                .collect(),
            contacts: vec![
                ContactLine {
                    label: "值班电话".into(),
                    value: (*phone).to_owned(),
                },
                ContactLine {
                    label: "政务服务热线".into(),
                    value: "12345".into(),
                },
            ],
            invest_office: office,
        };
        store
            .save_portal_page(&mut tx, code, &content, 0, None)
            .await?;
        for (title, sector, location, mu_x100, wan, stage, summary) in projects.iter() {
            let f = ProjectFields {
                title: (*title).to_owned(),
                sector: (*sector).to_owned(),
                location: (*location).to_owned(),
                land_m2: mu_to_m2(*mu_x100),
                investment_wan: *wan,
                stage: (*stage).to_owned(),
                contact: format!("投资促进中心 {phone}"),
                summary: (*summary).to_owned(),
            };
            let id = store.insert_project(&mut tx, code, &f).await?;
            store.update_project(&mut tx, id, 1, &f, true).await?;
        }
        for (i, v) in gdp.iter().enumerate() {
            let year = (2021 + i).to_string();
            store
                .put_indicator(&mut tx, code, "gdp", &year, Some(*v))
                .await?;
            store
                .put_indicator(&mut tx, code, "fixed_investment", &year, Some(v * 45 / 100))
                .await?;
        }
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}
