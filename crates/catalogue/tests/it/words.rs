//! A guide as readers of the other two languages see it (the walk-through of issue 12):
//! Traditional converted by phrase (發 not 髮, 裡 not 里), the catalogue's common values and
//! the kind of department in English, and the 12345 hotline where the department has
//! published no phone.

use http::{Method, StatusCode};
use serde_json::json;
use yiwang_domain::auth::Role;

use crate::catalog::{input_of, item};
use crate::support::TestApp;

const UNEMPLOYMENT: &str = "失业保险金申领";

#[tokio::test]
async fn a_guide_reads_right_in_each_language_and_points_to_12345_without_a_phone() {
    let t = TestApp::new().await;
    t.import_catalogue(&TestApp::real_catalogue(3, &[UNEMPLOYMENT]))
        .await;
    let row = t.item_named(UNEMPLOYMENT);
    let id = row.id.to_string();
    let (mut admin, _) = t
        .staff("rsj.admin", Role::DeptAdmin, Some(row.department), "511602")
        .await;
    let before = item(&mut admin, &id).await;
    let mut input = input_of(&before);
    for (field, value) in [
        (
            "conditions",
            "失业保险金发到本人社保卡里，标准按省里统一规定。",
        ),
        (
            "materials",
            "居民身份证 | 原件 | 1 | 必需 | 申请人\n解除劳动关系证明 | 电子件 | 1 | 必需 | 申请人",
        ),
        ("fees", "不收费"),
        ("statutory_days", "20"),
        ("note", "补充指南"),
    ] {
        input[field] = json!(value);
    }
    let r = admin
        .json(
            Method::PUT,
            &format!("/api/v1/admin/items/{id}"),
            json!({ "item": input, "version": before["version"] }),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let mut reader = t.client();
    let hant = reader.get(&format!("/items/{id}?lang=zh-Hant")).await.ok();
    assert!(
        hant.body.contains("失業保險金發到本人社保卡裡"),
        "{}",
        hant.body
    );
    assert!(hant.body.contains("省裡"));
    let wrong = yiwang_domain::zh::wrong_in_traditional(&hant.body);
    assert!(wrong.is_empty(), "{wrong:?}");

    let en = reader.get(&format!("/items/{id}?lang=en")).await.ok();
    for words in [
        "Original",
        "Electronic copy",
        "Free of charge",
        "(district bureau)",
    ] {
        assert!(en.body.contains(words), "{words}");
    }
    for chinese in ["原件", "电子件", "不收费"] {
        assert!(!en.body.contains(chinese), "{chinese}");
    }

    // No phone published: say so, and give the hotline that answers for every department.
    let zh = reader.get(&format!("/items/{id}?lang=zh-Hans")).await.ok();
    assert!(zh.body.contains("部门暂未公布") && zh.body.contains("href=\"tel:12345\""));
    let department = reader
        .get(&format!("/departments/{}?lang=zh-Hans", row.department))
        .await
        .ok();
    assert!(department.body.contains("政务服务便民热线"));
    assert!(department.body.contains("href=\"tel:12345\""));
}
