//! The demo deployment's local life (called from `yiwang/src/serve.rs` with `--demo`), once:
//! about thirty invented places of 广安市 (service halls, hospitals, schools, parks, libraries,
//! sports grounds) with real-looking addresses and coordinates inside its districts and
//! counties, ten events over the coming weeks, and eight merchants licensed by the district's
//! 公安分局 (locksmiths, 特种行业许可证) and 市监局 (housekeeping, repairs) — one of them with a
//! licence that ran out, so it is never listed, and two locksmiths open round the clock.
//! Every name, number and address is invented.

use time::Duration;
use yiwang_domain::local::{Category, Point, Situation, Vetting};
use yiwang_domain::region::RegionCode;
use yiwang_store::Store;
use yiwang_store::catalog::changes::ChangeKind;
use yiwang_store::local::{Licence, PlaceRecord};

use crate::services::today;

type BoxError = Box<dyn std::error::Error>;

/// (name, category, region, address, phone, hours, lat, lng, description).
type Row = (
    &'static str,
    Category,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
);

const PLACES: &[Row] = &[
    (
        "广安区政务服务中心",
        Category::Hall,
        "511602",
        "广安区金安大道二段88号",
        "0826-2330001",
        "1-5 09:00-17:00; 6 09:00-12:00",
        30.4741,
        106.6402,
        "婚姻登记、社保、不动产登记等事项集中办理。",
    ),
    (
        "前锋区政务服务中心",
        Category::Hall,
        "511603",
        "前锋区前锋大道16号",
        "0826-2450002",
        "1-5 09:00-17:00",
        30.4918,
        106.8921,
        "前锋区各部门窗口集中办理。",
    ),
    (
        "岳池县政务服务中心",
        Category::Hall,
        "511621",
        "岳池县九龙镇建设路21号",
        "0826-5220003",
        "1-5 09:00-17:00",
        30.5383,
        106.4405,
        "岳池县政务服务事项集中办理。",
    ),
    (
        "武胜县政务服务中心",
        Category::Hall,
        "511622",
        "武胜县沿口镇五排水路8号",
        "0826-6330004",
        "1-5 09:00-17:00",
        30.3492,
        106.2951,
        "武胜县政务服务事项集中办理。",
    ),
    (
        "邻水县政务服务中心",
        Category::Hall,
        "511623",
        "邻水县鼎屏镇东环路55号",
        "0826-3220005",
        "1-5 09:00-17:00",
        30.3346,
        106.9301,
        "邻水县政务服务事项集中办理。",
    ),
    (
        "华蓥市政务服务中心",
        Category::Hall,
        "511681",
        "华蓥市双河街道华龙路30号",
        "0826-4820006",
        "1-5 09:00-17:00",
        30.3902,
        106.7843,
        "华蓥市政务服务事项集中办理。",
    ),
    (
        "广安市人民医院",
        Category::Hospital,
        "511602",
        "广安区滨河路4号",
        "0826-2220120",
        "1-7 00:00-24:00",
        30.4569,
        106.6358,
        "三级甲等综合医院，急诊24小时开放。",
    ),
    (
        "广安区妇幼保健院",
        Category::Hospital,
        "511602",
        "广安区建设路12号",
        "0826-2340120",
        "1-7 00:00-24:00",
        30.4612,
        106.6297,
        "孕产期保健、儿童保健、新生儿疫苗接种。",
    ),
    (
        "前锋区人民医院",
        Category::Hospital,
        "511603",
        "前锋区奎阁街道奎阁路9号",
        "0826-2460120",
        "1-7 00:00-24:00",
        30.4953,
        106.8876,
        "综合医院，急诊24小时开放。",
    ),
    (
        "岳池县人民医院",
        Category::Hospital,
        "511621",
        "岳池县九龙镇西街18号",
        "0826-5230120",
        "1-7 00:00-24:00",
        30.5349,
        106.4361,
        "综合医院，急诊24小时开放。",
    ),
    (
        "邻水县中医医院",
        Category::Hospital,
        "511623",
        "邻水县鼎屏镇南街7号",
        "0826-3230120",
        "1-5 08:00-17:30; 6-7 08:00-12:00",
        30.3309,
        106.9288,
        "中医内科、针灸推拿、康复理疗。",
    ),
    (
        "广安市第一小学",
        Category::School,
        "511602",
        "广安区育才路3号",
        "0826-2350101",
        "1-5 07:30-17:30",
        30.4655,
        106.6421,
        "公办小学，划片招生。",
    ),
    (
        "广安区思源中学",
        Category::School,
        "511602",
        "广安区思源大道66号",
        "0826-2350102",
        "1-5 07:00-18:00",
        30.4802,
        106.6519,
        "公办初级中学。",
    ),
    (
        "前锋区实验小学",
        Category::School,
        "511603",
        "前锋区桂兴街道新民路2号",
        "0826-2470103",
        "1-5 07:30-17:30",
        30.4887,
        106.8962,
        "公办小学。",
    ),
    (
        "岳池县第一中学",
        Category::School,
        "511621",
        "岳池县九龙镇书院街1号",
        "0826-5240104",
        "1-5 07:00-18:00",
        30.5411,
        106.4488,
        "公办完全中学。",
    ),
    (
        "思源广场",
        Category::Park,
        "511602",
        "广安区思源大道与滨河路交叉口",
        "0826-2360201",
        "1-7 06:00-22:00",
        30.4598,
        106.6389,
        "城市广场，晨练和夜间散步的好去处。",
    ),
    (
        "神龙山巴人石头城",
        Category::Park,
        "511602",
        "广安区彭家乡神龙山",
        "0826-2360202",
        "1-7 08:00-18:00",
        30.5216,
        106.7092,
        "山地公园，有步道和观景台。",
    ),
    (
        "天意谷",
        Category::Park,
        "511681",
        "华蓥市天意谷景区",
        "0826-4830203",
        "1-7 08:30-17:30",
        30.3719,
        106.8211,
        "峡谷公园，适合亲子游。",
    ),
    (
        "武胜白坪—飞龙公园",
        Category::Park,
        "511622",
        "武胜县飞龙镇白坪村",
        "0826-6340204",
        "1-7 07:00-19:00",
        30.3014,
        106.2473,
        "田园公园，春季油菜花。",
    ),
    (
        "岳池县翔凤湖公园",
        Category::Park,
        "511621",
        "岳池县九龙镇翔凤路",
        "0826-5250205",
        "1-7 06:00-22:00",
        30.5318,
        106.4502,
        "湖边步道和儿童游乐区。",
    ),
    (
        "邻水县御临河湿地公园",
        Category::Park,
        "511623",
        "邻水县鼎屏镇滨河路",
        "0826-3240206",
        "1-7 06:00-22:00",
        30.3381,
        106.9352,
        "湿地步道。",
    ),
    (
        "广安市图书馆",
        Category::Library,
        "511602",
        "广安区城南广宁路25号",
        "0826-2370301",
        "2-7 09:00-21:00",
        30.4532,
        106.6448,
        "借阅、自习、少儿阅览室，周一闭馆。",
    ),
    (
        "前锋区图书馆",
        Category::Library,
        "511603",
        "前锋区前锋大道40号",
        "0826-2480302",
        "2-7 09:00-18:00",
        30.4931,
        106.8949,
        "借阅和自习。",
    ),
    (
        "岳池县图书馆",
        Category::Library,
        "511621",
        "岳池县九龙镇文化路6号",
        "0826-5260303",
        "2-7 09:00-18:00",
        30.5367,
        106.4429,
        "借阅和电子阅览。",
    ),
    (
        "华蓥市图书馆",
        Category::Library,
        "511681",
        "华蓥市双河街道文星路3号",
        "0826-4840304",
        "2-7 09:00-18:00",
        30.3925,
        106.7882,
        "借阅和少儿阅览。",
    ),
    (
        "广安市体育中心",
        Category::Sports,
        "511602",
        "广安区体育路1号",
        "0826-2380401",
        "1-7 06:30-21:30",
        30.4702,
        106.6603,
        "体育场、游泳馆、羽毛球馆。",
    ),
    (
        "前锋区全民健身中心",
        Category::Sports,
        "511603",
        "前锋区健身路8号",
        "0826-2490402",
        "1-7 07:00-21:00",
        30.4966,
        106.9004,
        "篮球、乒乓球、健身房。",
    ),
    (
        "武胜县体育馆",
        Category::Sports,
        "511622",
        "武胜县沿口镇体育路2号",
        "0826-6350403",
        "1-7 08:00-21:00",
        30.3458,
        106.2904,
        "室内球馆。",
    ),
    (
        "邻水县全民健身广场",
        Category::Sports,
        "511623",
        "邻水县鼎屏镇健身路",
        "0826-3250404",
        "1-7 06:00-22:00",
        30.3362,
        106.9241,
        "室外球场和健身器材。",
    ),
    (
        "华蓥山滑雪场",
        Category::Sports,
        "511681",
        "华蓥市华蓥山景区",
        "0826-4850405",
        "1-7 09:00-17:00",
        30.3812,
        106.8436,
        "冬季开放的滑雪场。",
    ),
];

/// (name, category, region, address, phone, hours, lat, lng, description, licence no, valid days from today (negative: lapsed)).
type MerchantRow = (
    &'static str,
    Category,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
    &'static str,
    i64,
);

const MERCHANTS: &[MerchantRow] = &[
    (
        "安心开锁服务部",
        Category::Locksmith,
        "511602",
        "广安区兴平街31号",
        "13980260001",
        "1-7 00:00-24:00",
        30.4588,
        106.6371,
        "24小时上门开锁、换锁芯，开锁前核验身份并登记。",
        "广公特(开锁)字第2024-017号",
        400,
    ),
    (
        "顺达锁业",
        Category::Locksmith,
        "511602",
        "广安区北辰路7号",
        "13980260002",
        "1-7 00:00-24:00",
        30.4721,
        106.6455,
        "汽车锁、保险柜、防盗门开锁，24小时。",
        "广公特(开锁)字第2023-052号",
        200,
    ),
    (
        "前锋金钥匙开锁",
        Category::Locksmith,
        "511603",
        "前锋区奎阁路22号",
        "13980260003",
        "1-7 08:00-22:00",
        30.4941,
        106.8858,
        "上门开锁、配钥匙。",
        "广公特(开锁)字第2024-033号",
        300,
    ),
    (
        "老街开锁铺",
        Category::Locksmith,
        "511602",
        "广安区老街12号",
        "13980260004",
        "1-7 08:00-20:00",
        30.4552,
        106.6322,
        "配钥匙、开锁。证书已过期，不应展示。",
        "广公特(开锁)字第2021-008号",
        -10,
    ),
    (
        "贴心家政服务中心",
        Category::Housekeeping,
        "511602",
        "广安区金安大道一段19号",
        "0826-2391001",
        "1-7 08:00-20:00",
        30.4703,
        106.6377,
        "保洁、月嫂、育儿嫂、老人陪护。",
        "91511602MA6XJ0001A",
        500,
    ),
    (
        "岳池县邻里家政",
        Category::Housekeeping,
        "511621",
        "岳池县九龙镇东街40号",
        "0826-5271002",
        "1-6 08:00-18:00",
        30.5392,
        106.4463,
        "家庭保洁、老人陪护。",
        "91511621MA6XJ0002B",
        365,
    ),
    (
        "广安家电维修站",
        Category::Repair,
        "511602",
        "广安区广宁路58号",
        "0826-2392001",
        "1-7 08:30-21:00",
        30.4546,
        106.6419,
        "空调、冰箱、洗衣机上门维修。",
        "91511602MA6XJ0003C",
        450,
    ),
    (
        "邻水水电维修服务部",
        Category::Repair,
        "511623",
        "邻水县鼎屏镇北街11号",
        "0826-3262002",
        "1-7 07:00-22:00",
        30.3397,
        106.9275,
        "水管、电路、燃气灶维修。",
        "91511623MA6XJ0004D",
        250,
    ),
];

/// (title, place name, starts in days, lasts days, registration address, description, situation).
type EventRow = (
    &'static str,
    &'static str,
    i64,
    i64,
    &'static str,
    &'static str,
    Option<Situation>,
);

const EVENTS: &[EventRow] = &[
    (
        "集体婚礼报名",
        "思源广场",
        20,
        1,
        "https://example.invalid/guangan/wedding",
        "广安区第十届集体婚礼，新人免费参加。",
        Some(Situation::Marry),
    ),
    (
        "婚前健康检查宣传周",
        "广安区妇幼保健院",
        5,
        7,
        "https://example.invalid/guangan/premarital",
        "免费婚前医学检查和孕前优生咨询。",
        Some(Situation::Marry),
    ),
    (
        "新手爸妈课堂",
        "广安区妇幼保健院",
        3,
        1,
        "https://example.invalid/guangan/parents",
        "孕期营养、分娩准备和新生儿护理。",
        Some(Situation::Baby),
    ),
    (
        "春季招聘会",
        "广安区政务服务中心",
        10,
        2,
        "https://example.invalid/guangan/jobs",
        "百家企业、三千个岗位，现场面试。",
        Some(Situation::Job),
    ),
    (
        "高校毕业生就业政策宣讲",
        "广安市图书馆",
        7,
        1,
        "https://example.invalid/guangan/graduates",
        "就业补贴、创业担保贷款政策讲解。",
        Some(Situation::Job),
    ),
    (
        "老年人智能手机课堂",
        "广安市图书馆",
        2,
        30,
        "https://example.invalid/guangan/seniors",
        "教老年人用手机挂号、缴费、视频通话。",
        Some(Situation::Retire),
    ),
    (
        "重阳节健步走",
        "岳池县翔凤湖公园",
        15,
        1,
        "https://example.invalid/guangan/walk",
        "老年人健步走活动，设医疗保障点。",
        Some(Situation::Retire),
    ),
    (
        "小学新生入学政策说明会",
        "广安市第一小学",
        12,
        1,
        "https://example.invalid/guangan/school",
        "划片范围、报名材料和时间。",
        Some(Situation::School),
    ),
    (
        "少儿绘本阅读会",
        "前锋区图书馆",
        4,
        1,
        "https://example.invalid/guangan/reading",
        "每周六上午的亲子阅读。",
        Some(Situation::School),
    ),
    (
        "全民健身羽毛球赛",
        "广安市体育中心",
        25,
        2,
        "https://example.invalid/guangan/badminton",
        "业余组、青少年组，免费报名。",
        None,
    ),
];

fn point(lat: f64, lng: f64) -> Point {
    Point {
        lat_e6: (lat * 1e6).round() as i64,
        lng_e6: (lng * 1e6).round() as i64,
    }
}

fn region(code: &str) -> Result<RegionCode, BoxError> {
    RegionCode::parse(code).map_err(|c| format!("demo region {code}: {c}").into())
}

/// Adds the demo's places, merchants and events unless places exist already.
pub async fn ensure(store: &Store, root: &RegionCode) -> Result<(), BoxError> {
    if store.count_places().await? > 0 {
        return Ok(());
    }
    let departments = store.departments_under(root).await?;
    let dept = |name: &str| {
        departments
            .iter()
            .find(|d| d.name == name)
            .or_else(|| departments.first())
            .map(|d| d.id)
    };
    let police = dept("区公安分局");
    let market = dept("区市监局");
    let today = today();
    let mut tx = store.begin().await?;
    let mut ids = Vec::new();
    for (name, category, code, address, phone, hours, lat, lng, description) in PLACES {
        let id = store
            .insert_place(
                &mut tx,
                &PlaceRecord {
                    name: (*name).into(),
                    category: *category,
                    region: region(code)?,
                    address: (*address).into(),
                    phone: (*phone).into(),
                    hours: (*hours).into(),
                    point: point(*lat, *lng),
                    description: (*description).into(),
                    department: None,
                    licence: None,
                    vetting: Vetting::Approved,
                },
            )
            .await?;
        store
            .record_change(&mut tx, ChangeKind::Place, &id.to_string())
            .await?;
        ids.push((*name, id));
    }
    for (name, category, code, address, phone, hours, lat, lng, description, number, days) in
        MERCHANTS
    {
        let (department, issuer) = if *category == Category::Locksmith {
            (police, "广安市公安局广安区分局")
        } else {
            (market, "广安市广安区市场监督管理局")
        };
        let id = store
            .insert_place(
                &mut tx,
                &PlaceRecord {
                    name: (*name).into(),
                    category: *category,
                    region: region(code)?,
                    address: (*address).into(),
                    phone: (*phone).into(),
                    hours: (*hours).into(),
                    point: point(*lat, *lng),
                    description: (*description).into(),
                    department,
                    licence: Some(Licence {
                        number: (*number).into(),
                        issuer: issuer.into(),
                        valid_until: today + Duration::days(*days),
                    }),
                    vetting: Vetting::Approved,
                },
            )
            .await?;
        store
            .record_change(&mut tx, ChangeKind::Place, &id.to_string())
            .await?;
    }
    for (title, place, starts, lasts, url, description, situation) in EVENTS {
        let Some((_, place)) = ids.iter().find(|(n, _)| n == place) else {
            continue;
        };
        let start = today + Duration::days(*starts);
        let id = store
            .insert_event(
                &mut tx,
                title,
                *place,
                start,
                start + Duration::days(lasts - 1),
                url,
                description,
                situation.map(|s| s.as_str()),
            )
            .await?;
        store
            .record_change(&mut tx, ChangeKind::Place, &format!("event:{id}"))
            .await?;
    }
    yiwang_store::commit(tx).await?;
    Ok(())
}
