//! The CKAN Action API as clients call it: shapes, search, fq, paging, errors.

use http::StatusCode;
use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn package_search_answers_in_ckans_shape_at_both_prefixes_by_get_and_post() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let (s, body) = ckan_get(&t, "package_search", "").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["success"], true);
    assert!(body["help"].as_str().unwrap().contains("help_show"));
    let r = &body["result"];
    assert_eq!(r["count"], 4);
    assert_eq!(r["results"].as_array().unwrap().len(), 4);
    let p = &r["results"][0];
    for k in [
        "id",
        "name",
        "title",
        "notes",
        "resources",
        "tags",
        "organization",
        "owner_org",
        "num_resources",
        "num_tags",
        "metadata_created",
        "metadata_modified",
        "state",
        "private",
        "type",
        "license_id",
    ] {
        assert!(p.get(k).is_some(), "package lacks {k}");
    }
    assert_eq!(p["owner_org"], p["organization"]["id"]);
    let (s, posted) = ckan_post(&t, "package_search", json!({"rows": 1})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(posted["result"]["results"].as_array().unwrap().len(), 1);
    let (_, list) = ckan_post(&t, "package_list", json!({})).await;
    assert_eq!(
        list["result"],
        json!([
            "elderly-care",
            "jobs-fairs",
            "marriage-halls",
            "minimum-living"
        ])
    );
    let (_, one) = ckan_get(&t, "package_list", "limit=1&offset=1").await;
    assert_eq!(one["result"], json!(["jobs-fairs"]));
}

#[tokio::test]
async fn two_characters_from_inside_a_chinese_title_find_the_dataset() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let (_, body) = ckan_get(
        &t,
        "package_search",
        &format!("q={}", urlencode("低保对象")),
    )
    .await;
    let names: Vec<_> = body["result"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].clone())
        .collect();
    assert_eq!(names, vec![json!("minimum-living")]);
    let (_, body) = ckan_post(&t, "package_search", json!({"q": "机构"})).await;
    assert_eq!(body["result"]["results"][0]["name"], "elderly-care");
}

#[tokio::test]
async fn fq_narrows_by_organisation_tag_format_licence_and_time_and_facets_count() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let org = t.dept_a.to_string();
    let (_, body) = ckan_post(&t, "package_search", json!({"fq": format!("organization:{org}"), "facet.field": ["organization", "tags", "res_format"], "rows": 0})).await;
    let r = &body["result"];
    assert_eq!(r["count"], 3);
    assert_eq!(r["results"], json!([]));
    let items = r["search_facets"]["organization"]["items"]
        .as_array()
        .unwrap();
    assert_eq!(items[0]["name"], org);
    assert_eq!(items[0]["count"], 3);
    assert_eq!(items[0]["display_name"], "区民政局");
    let (_, body) = ckan_get(
        &t,
        "package_search",
        &format!("fq={}", urlencode("tags:养老")),
    )
    .await;
    assert_eq!(body["result"]["count"], 1);
    let (_, body) = ckan_get(&t, "package_search", "fq=res_format:CSV").await;
    assert_eq!(body["result"]["results"][0]["name"], "minimum-living");
    let (_, body) = ckan_get(&t, "package_search", "fq=license_id:cc-zero").await;
    assert_eq!(body["result"]["count"], 0);
    let since = urlencode("metadata_modified:[2000-01-01T00:00:00Z TO *]");
    let (_, body) = ckan_get(&t, "package_search", &format!("fq={since}")).await;
    assert_eq!(body["result"]["count"], 4);
    let later = urlencode("metadata_modified:[2999-01-01T00:00:00Z TO *]");
    let (_, body) = ckan_get(&t, "package_search", &format!("fq={later}")).await;
    assert_eq!(body["result"]["count"], 0);
    let (s, body) = ckan_get(&t, "package_search", "fq=secret:1").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(body["error"]["__type"], "Search Query Error");
}

#[tokio::test]
async fn paging_by_id_reaches_an_empty_page_and_absurd_paging_never_fails() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let mut seen = Vec::new();
    let mut start = 0;
    loop {
        let (s, body) = ckan_get(
            &t,
            "package_search",
            &format!("rows=3&start={start}&sort={}", urlencode("id asc")),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        let page = body["result"]["results"].as_array().unwrap().clone();
        if page.is_empty() {
            break;
        }
        seen.extend(page.iter().map(|p| p["id"].as_str().unwrap().to_owned()));
        start += 3;
        assert!(start < 30);
    }
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted);
    assert_eq!(seen.len(), 4);
    let (s, body) = ckan_get(
        &t,
        "package_search",
        "start=99999999999999999999999&rows=5000",
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["result"]["results"], json!([]));
    for bad in ["rows=many", "rows=-1", "start=x"] {
        let (s, body) = ckan_get(&t, "package_search", bad).await;
        assert_eq!(s, StatusCode::CONFLICT, "{bad}");
        assert_eq!(body["success"], false);
        assert_eq!(body["error"]["__type"], "Validation Error");
    }
}

#[tokio::test]
async fn unknown_ids_and_actions_answer_with_ckans_errors() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    for action in [
        "package_show",
        "resource_show",
        "organization_show",
        "group_show",
        "datastore_search",
    ] {
        let key = if action == "datastore_search" {
            "resource_id"
        } else {
            "id"
        };
        let (s, body) = ckan_post(&t, action, json!({ key: "no-such-thing" })).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{action}");
        assert_eq!(body["error"]["__type"], "Not Found Error", "{action}");
    }
    let (s, body) = ckan_get(&t, "no_such_action", "").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(body["success"], false);
}

#[tokio::test]
async fn organisations_groups_tags_licences_and_dcat_describe_what_is_published() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let (_, orgs) = ckan_post(&t, "organization_list", json!({"all_fields": true})).await;
    let a = orgs["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["title"] == "区民政局")
        .unwrap()
        .clone();
    assert_eq!(a["package_count"], 3);
    let (_, show) = ckan_post(
        &t,
        "organization_show",
        json!({"id": a["name"], "include_datasets": true}),
    )
    .await;
    assert_eq!(show["result"]["packages"].as_array().unwrap().len(), 3);
    let (_, g) = ckan_get(&t, "group_show", "id=society").await;
    assert_eq!(g["result"]["package_count"], 4);
    let (_, tags) = ckan_get(&t, "tag_list", "").await;
    assert!(tags["result"].as_array().unwrap().contains(&json!("养老")));
    let (_, lic) = ckan_get(&t, "license_list", "").await;
    assert!(
        lic["result"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == "cc-by-4.0")
    );
    let (_, st) = ckan_get(&t, "status_show", "").await;
    assert!(
        st["result"]["ckan_version"]
            .as_str()
            .unwrap()
            .starts_with("2.")
    );
    let ttl = t.client().get("/catalog.ttl").await;
    assert!(
        ttl.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/turtle")
    );
    assert!(ttl.body.contains("a dcat:Catalog") && ttl.body.contains("/data/minimum-living>"));
    assert!(
        ttl.body
            .contains("dcat:accessURL <http://localhost/data/minimum-living/resources/")
    );
    let jsonld = t.client().get("/catalog.jsonld").await;
    let doc: serde_json::Value = serde_json::from_str(&jsonld.body).unwrap();
    assert_eq!(doc["@graph"][0]["@type"], "dcat:Catalog");
    let one = t.client().get("/data/elderly-care.ttl").await;
    assert!(one.body.contains("养老服务机构名录"));
}

#[tokio::test]
async fn every_page_advertises_the_dcat_catalogue_in_turtle_and_json_ld() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    for path in ["/", "/data"] {
        let page = t.client().get(path).await.ok();
        assert!(
            page.body.contains(
                r#"<link rel="alternate" type="text/turtle" href="/catalog.ttl" title="开放数据目录（DCAT）">"#
            ),
            "{path}"
        );
        assert!(
            page.body.contains(
                r#"<link rel="alternate" type="application/ld+json" href="/catalog.jsonld""#
            ),
            "{path}"
        );
    }
    // The links lead to the catalogue, which names the published datasets.
    let ttl = t.client().get("/catalog.ttl").await.ok();
    assert!(ttl.body.contains("minimum-living"));
}

#[tokio::test]
async fn a_dataset_shows_its_region_by_name() {
    let t = TestApp::new().await;
    catalogue(&t).await;
    let page = t.client().get("/data/minimum-living").await.ok();
    assert!(
        page.body
            .contains(r#"<a href="/regions/511602">广安区</a>"#),
        "{}",
        page.body
    );
    let list = t.client().get("/data").await.ok();
    assert!(list.body.contains("广安区"));
}

#[tokio::test]
async fn a_deployments_own_licence_is_offered_by_the_form_and_license_list() {
    use yiwang_opendata::rules::{Licence, Licences};
    let cq = Licence {
        id: "cq-open-data-2.0".into(),
        title: "重庆市公共数据开放许可协议 2.0".into(),
        url: "https://data.cq.gov.cn/licence".into(),
        open: true,
    };
    let t = TestApp::new()
        .await
        .with_part(Licences::with_deployment(vec![cq]).unwrap());
    let (_, body) = ckan_get(&t, "license_list", "").await;
    let ids: Vec<&str> = body["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["cc-by-4.0", "cc-zero", "other-open", "cq-open-data-2.0"]
    );
    let mut a = steward(&t, "steward.a", t.dept_a).await;
    let form = a.get("/console/data").await.ok();
    assert!(form.body.contains(r#"value="cq-open-data-2.0""#));
    let dept = t.dept_a.to_string();
    let r = a
        .post_form(
            "/console/data",
            &[
                ("department", dept.as_str()),
                ("name", "cq-data"),
                ("title", "重庆数据"),
                ("license_id", "cq-open-data-2.0"),
                ("frequency", "monthly"),
                ("contact", "023-12345"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    publish(&mut a, "cq-data").await;
    let page = t.client().get("/data/cq-data").await.ok();
    assert!(page.body.contains("重庆市公共数据开放许可协议 2.0"));
    // Not a licence of this deployment: refused on its field.
    let r = a
        .post_form(
            "/console/data",
            &[
                ("department", dept.as_str()),
                ("name", "gov-data"),
                ("title", "数据"),
                ("license_id", "gov-open-data-1.0"),
                ("frequency", "monthly"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_kept_catalogue_shows_an_edit_at_once_on_every_instance() {
    use yiwang_opendata::services::catalog::Snapshot;
    let t = TestApp::new().await.with_part(Snapshot::default());
    let mut a = catalogue(&t).await;
    // A second instance on the same database, with its own snapshot.
    let other = yiwang_web::app(t.state.clone().with(Snapshot::default()));
    let read = |app: axum::Router| async move {
        use tower::ServiceExt;
        let mut req = http::Request::get("/api/3/action/package_show?id=elderly-care")
            .header("host", "localhost")
            .body(axum::body::Body::empty())
            .unwrap();
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [198, 51, 100, 1],
                4000,
            ))));
        let res = app.oneshot(req).await.unwrap();
        let bytes = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&bytes).unwrap()
    };
    assert_eq!(
        read(t.app.clone()).await["result"]["title"],
        "养老服务机构名录"
    );
    assert_eq!(
        read(other.clone()).await["result"]["title"],
        "养老服务机构名录"
    );
    a.get("/console/data/elderly-care").await.ok();
    let revision = t
        .store
        .dataset("elderly-care")
        .await
        .unwrap()
        .unwrap()
        .revision;
    let r = a
        .post_form(
            "/console/data/elderly-care",
            &[
                ("revision", revision.to_string().as_str()),
                ("name", "elderly-care"),
                ("title", "养老服务机构名录（2026年版）"),
                ("notes", "说明"),
                ("license_id", "cc-by-4.0"),
                ("frequency", "monthly"),
                ("tags", "养老"),
                ("contact", "0826-2222222"),
                ("version", "2.0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for app in [t.app.clone(), other.clone()] {
        assert_eq!(
            read(app).await["result"]["title"],
            "养老服务机构名录（2026年版）"
        );
    }
    // A download counts at once too.
    let (_, ds) = ckan_get(&t, "package_show", "id=minimum-living").await;
    let rid_ml = ds["result"]["resources"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(ds["result"]["resources"][0]["downloads"], 0);
    t.client()
        .get(&format!("/data/minimum-living/resources/{rid_ml}/download"))
        .await
        .ok();
    let (_, ds) = ckan_get(&t, "package_show", "id=minimum-living").await;
    assert_eq!(ds["result"]["resources"][0]["downloads"], 1);
    // Unpublished: gone at once from both.
    a.get("/console/data/elderly-care").await.ok();
    a.post_form("/console/data/elderly-care/unpublish", &[])
        .await;
    for app in [t.app.clone(), other] {
        assert_eq!(read(app).await["success"], false);
    }
}
