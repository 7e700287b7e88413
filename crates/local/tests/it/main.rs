//! End-to-end tests of local life through the platform's HTTP interface: the listing by
//! region and category, "near me", pages, search, the licensing staff's vetting and the lapse
//! of a licence. One test binary (link time).
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

mod browse;
mod vetting;

mod support {
    pub use yiwang_testkit::*;

    use http::StatusCode;
    use yiwang_domain::auth::Role;
    use yiwang_domain::ids::{DepartmentId, LocalPlaceId};
    use yiwang_domain::local::{Category, Point, Vetting};
    use yiwang_domain::region::RegionCode;
    use yiwang_store::catalog::changes::ChangeKind;
    use yiwang_store::local::PlaceRecord;

    /// A place (not a merchant) written as the demo writes them, with its search change.
    pub async fn place(
        t: &TestApp,
        name: &str,
        category: Category,
        region: &str,
        lat: f64,
        lng: f64,
    ) -> LocalPlaceId {
        let mut tx = t.store.begin().await.unwrap();
        let id = t
            .store
            .insert_place(
                &mut tx,
                &PlaceRecord {
                    name: name.into(),
                    category,
                    region: RegionCode::parse(region).unwrap(),
                    address: "广安区测试路1号".into(),
                    phone: "0826-2000000".into(),
                    hours: "1-7 00:00-24:00".into(),
                    point: Point {
                        lat_e6: (lat * 1e6).round() as i64,
                        lng_e6: (lng * 1e6).round() as i64,
                    },
                    description: "测试用的地点".into(),
                    department: None,
                    licence: None,
                    vetting: Vetting::Approved,
                },
            )
            .await
            .unwrap();
        t.store
            .record_change(&mut tx, ChangeKind::Place, &id.to_string())
            .await
            .unwrap();
        yiwang_store::commit(tx).await.unwrap();
        id
    }

    /// The licensing department's admin (dept A, 广安区), in the console.
    pub async fn licensing(t: &TestApp) -> Client {
        t.staff("shijian", Role::DeptAdmin, Some(t.dept_a), "511602")
            .await
            .0
    }

    /// A merchant's registration form, valid.
    pub fn merchant_form(
        dept: DepartmentId,
        name: &str,
        valid_until: &str,
    ) -> Vec<(&'static str, String)> {
        vec![
            ("name", name.to_owned()),
            ("category", "locksmith".into()),
            ("department", dept.to_string()),
            ("region", "511602".into()),
            ("address", "广安区兴平街31号".into()),
            ("phone", "13980260001".into()),
            ("hours", "1-7 00:00-24:00".into()),
            ("lat", "30.4588".into()),
            ("lng", "106.6371".into()),
            ("description", "24小时上门开锁".into()),
            ("licence_no", "广公特(开锁)字第2024-017号".into()),
            ("licence_issuer", "广安市公安局广安区分局".into()),
            ("valid_until", valid_until.to_owned()),
        ]
    }

    /// Posts a form of owned values.
    pub async fn post(c: &mut Client, path: &str, fields: &[(&'static str, String)]) -> Resp {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        c.post_form(path, &pairs).await
    }

    /// The id of the merchant named `name`.
    pub async fn merchant_id(t: &TestApp, name: &str) -> LocalPlaceId {
        let root = RegionCode::parse("5116").unwrap();
        t.store
            .merchants_under(&root, 100)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.r.name == name)
            .expect("registered")
            .id
    }

    /// Registers a locksmith valid for a year through the console and approves it.
    pub async fn licensed_locksmith(t: &TestApp, c: &mut Client, name: &str) -> LocalPlaceId {
        c.get("/console/local").await.ok();
        let r = post(
            c,
            "/console/local",
            &merchant_form(t.dept_a, name, "2099-12-31"),
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let id = merchant_id(t, name).await;
        let r = c
            .post_form(
                &format!("/console/local/{id}/vet"),
                &[("action", "approve")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        id
    }
}
