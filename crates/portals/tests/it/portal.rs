//! A region's editors edit its portal with a preview; readers see it; empty blocks say
//! nothing; bad input and editors of other regions change nothing; charts carry their
//! numbers in a table too.

use http::StatusCode;
use yiwang_domain::region::RegionCode;

use crate::support::*;

const INTRO: &str = "广安区位于四川东部。\n\n全区推进一网通办。";

#[tokio::test]
async fn an_editor_previews_then_saves_a_county_portal_and_readers_see_it() {
    let t = TestApp::new().await;
    let mut e = editor(&t, "editor.ga", "511602").await;
    let dept = t.dept_a.to_string();
    let page = e.get("/console/portals/511602").await.ok();
    let revision = input_value(&page.body, "revision");
    assert_eq!(revision, "0");
    let r = e
        .post_form(
            "/console/portals/511602",
            &[
                ("revision", "0"),
                ("action", "preview"),
                ("intro", INTRO),
                ("leaders", "张明｜区委书记\n李华|区长"),
                ("contacts", "值班电话｜0826-2222222"),
                ("invest_office", dept.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("h-preview"), "preview shown");
    assert!(r.body.contains("全区推进一网通办。") && r.body.contains("区委书记"));
    // The preview saved nothing.
    let public = t.client().get("/regions/511602/portal").await.ok();
    assert!(!public.body.contains("全区推进一网通办"));
    assert!(t.store.portal_page("511602").await.unwrap().is_none());
    let r = save_page(
        &mut e,
        "511602",
        &[
            ("intro", INTRO),
            ("leaders", "张明｜区委书记\n李华|区长"),
            ("contacts", "值班电话｜0826-2222222"),
            ("invest_office", dept.as_str()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(e.get(r.location()).await.ok().body.contains("已保存"));
    let public = t.client().get("/regions/511602/portal").await.ok();
    let b = &public.body;
    assert!(b.contains("<h1>广安区</h1>"), "{b}");
    assert!(
        b.contains("href=\"/regions/5116/portal\""),
        "breadcrumb links the city"
    );
    assert!(b.contains("全区推进一网通办。") && b.contains("广安区位于四川东部。"));
    assert!(b.contains("张明") && b.contains("区长") && b.contains("0826-2222222"));
    assert!(
        b.contains("href=\"/regions/511602001/portal\""),
        "child links"
    );
    assert!(
        b.contains("href=\"/regions/511602/invest\""),
        "investment office named"
    );
    assert!(
        b.contains("href=\"/regions/511602\""),
        "links the directory"
    );
    // The directory's page links back.
    let dir = t.client().get("/regions/511602").await.ok();
    assert!(dir.body.contains("href=\"/regions/511602/portal\""));
    // Traditional readers get the text in their script.
    let hant = t
        .client()
        .get("/regions/511602/portal?lang=zh-Hant")
        .await
        .ok();
    assert!(hant.body.contains("全區推進一網通辦"), "{}", hant.body);
    // Saved once: a second save from the old revision is a conflict and changes nothing.
    let r = e
        .post_form(
            "/console/portals/511602",
            &[("revision", "0"), ("action", "save"), ("intro", "别的内容")],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let row = t.store.portal_page("511602").await.unwrap().unwrap();
    assert_eq!(row.content.intro, INTRO);
    assert_eq!(row.revision, 1);
    // The API says the same.
    let api = t.client().get("/api/v1/portals/511602").await.ok().json();
    assert_eq!(api["intro"], INTRO);
    assert_eq!(api["leaders"][1]["label"], "李华");
    assert_eq!(api["invest_office"], true);
}

#[tokio::test]
async fn a_portal_with_nothing_shows_only_its_name_place_and_the_regions_below() {
    let t = TestApp::new().await;
    let mut tx = t.store.begin().await.unwrap();
    let street = RegionCode::parse("511602001").unwrap();
    let community = t
        .store
        .add_community(&mut tx, &street, "建设路社区", Some("001"))
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let code = community.code.to_string();
    let page = t
        .client()
        .get(&format!("/regions/{code}/portal"))
        .await
        .ok();
    let b = &page.body;
    assert!(b.contains("<h1>建设路社区</h1>"), "{b}");
    assert!(b.contains("href=\"/regions/511602001/portal\">浓洄街道"));
    assert!(b.contains("href=\"/regions/511602/portal\">广安区"));
    assert_eq!(b.matches("<h2").count(), 0, "no block headings: {b}");
    // The street above lists the community and nothing else.
    let street = t.client().get("/regions/511602001/portal").await.ok();
    assert!(
        street
            .body
            .contains(&format!("href=\"/regions/{code}/portal\""))
    );
    assert_eq!(street.body.matches("<h2").count(), 1, "{}", street.body);
}

#[tokio::test]
async fn bad_input_and_other_regions_editors_change_nothing() {
    let t = TestApp::new().await;
    for path in [
        "/regions/999999/portal",
        "/regions/abc/portal",
        "/regions/110105/portal",
        "/regions/511699/portal",
        "/api/v1/portals/999999",
        "/invest/projects/not-an-id",
    ] {
        assert_eq!(
            t.client().get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    // An editor of 前锋区 may not touch 广安区's portal.
    let mut other = editor(&t, "editor.qf", "511603").await;
    assert_eq!(
        other.get("/console/portals/511602").await.status,
        StatusCode::FORBIDDEN
    );
    let r = other
        .post_form(
            "/console/portals/511602",
            &[("revision", "0"), ("action", "save"), ("intro", "越权修改")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = other
        .post_form(
            "/console/portals/511602/indicators",
            &[("indicator", "gdp"), ("period", "2025"), ("value", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(t.store.portal_page("511602").await.unwrap().is_none());
    assert!(
        t.store
            .portal_indicators("511602")
            .await
            .unwrap()
            .is_empty()
    );
    // But a street inside 前锋区 is theirs.
    let r = save_page(&mut other, "511603001", &[("intro", "前锋街道简介")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A citizen is not let into the console at all.
    let mut citizen = t.citizen("13900000001").await;
    let r = citizen.get("/console/portals/511602").await;
    assert!(r.status == StatusCode::FORBIDDEN || r.status.is_redirection());
    // Overlong text, a malformed leader line, an office of another region: one answer with
    // every problem, nothing saved.
    let mut e = editor(&t, "editor.ga", "511602").await;
    let long = "长".repeat(2001);
    let r = save_page(
        &mut e,
        "511602",
        &[
            ("intro", long.as_str()),
            ("leaders", "张明 没有分隔符"),
            ("invest_office", "0190f0f0-0000-7000-8000-000000000000"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = error_summary_items(&r.body)
        .into_iter()
        .map(|(href, _)| href)
        .collect();
    assert_eq!(
        fields,
        ["#f-intro", "#f-leaders", "#f-invest_office"],
        "{}",
        r.body
    );
    assert!(t.store.portal_page("511602").await.unwrap().is_none());
    // Projects: an unknown sector and a fractional investment are refused.
    let r = e
        .post_form(
            "/console/portals/511602/projects",
            &[
                ("title", "项目"),
                ("sector", "weapons"),
                ("location", "某地"),
                ("investment_wan", "1.5"),
                ("stage", "planning"),
                ("contact", "0826-1234567"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        t.store
            .region_projects("511602", false)
            .await
            .unwrap()
            .is_empty()
    );
    // A policy that is no published document's index number.
    let r = e
        .post_form(
            "/console/portals/511602/policies",
            &[("policies", "000000000/2099-00001")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(t.store.portal_policies("511602").await.unwrap().is_empty());
    // A bad period or value.
    for (period, value) in [("2025Q9", "1"), ("2025", "-3"), ("2025", "1.234")] {
        let r = e
            .post_form(
                "/console/portals/511602/indicators",
                &[("indicator", "gdp"), ("period", period), ("value", value)],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{period} {value}"
        );
    }
    assert!(
        t.store
            .portal_indicators("511602")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn indicators_are_drawn_as_svg_beside_a_table_of_the_same_numbers() {
    let t = TestApp::new().await;
    let mut e = editor(&t, "editor.ga", "511602").await;
    e.get("/console/portals/511602").await.ok();
    for (period, value) in [("2023", "1068"), ("2024", "1123.5"), ("2025", "1189.27")] {
        let r = e
            .post_form(
                "/console/portals/511602/indicators",
                &[("indicator", "gdp"), ("period", period), ("value", value)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // An empty value removes a period.
    e.post_form(
        "/console/portals/511602/indicators",
        &[("indicator", "gdp"), ("period", "2022"), ("value", "")],
    )
    .await;
    let page = t.client().get("/regions/511602/invest").await.ok();
    let b = &page.body;
    let svg = &b[b.find("<svg").expect("an svg")..b.find("</svg>").unwrap()];
    let table = &b[b.find("<table").expect("a table")..b.find("</table>").unwrap()];
    for (period, value) in [("2023", "1068"), ("2024", "1123.5"), ("2025", "1189.27")] {
        assert!(svg.contains(&format!(">{value}<")), "{value} in {svg}");
        assert!(svg.contains(&format!(">{period}<")));
        assert!(
            table.contains(&format!("<th scope=\"row\">{period}</th><td>{value}</td>")),
            "{table}"
        );
    }
    assert_eq!(svg.matches("<rect").count(), 3);
    assert!(svg.contains("role=\"img\"") && svg.contains("地区生产总值"));
}

#[tokio::test]
async fn a_published_project_shows_on_the_portal_and_its_own_page_a_draft_nowhere() {
    let t = TestApp::new().await;
    let mut e = editor(&t, "editor.ga", "511602").await;
    let id = published_project(&mut e, "511602", "食品产业园标准厂房").await;
    let portal = t.client().get("/regions/511602/portal").await.ok();
    assert!(portal.body.contains(&format!("/invest/projects/{id}")));
    let p = t.client().get(&format!("/invest/projects/{id}")).await.ok();
    assert!(p.body.contains("150亩（约100000平方米）"), "{}", p.body);
    assert!(p.body.contains("50000万元") && p.body.contains("土地已具备"));
    // The PDF: refused when it is not one, kept and downloadable when it is.
    let r = upload_to(
        &mut e,
        &format!("/console/projects/{id}/document"),
        b"MZ not a pdf",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = upload_to(
        &mut e,
        &format!("/console/projects/{id}/document"),
        SMALL_PDF,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = t
        .client()
        .get(&format!("/invest/projects/{id}/document"))
        .await
        .ok();
    assert!(doc.body.starts_with("%PDF"));
    assert_eq!(doc.headers["content-type"], "application/pdf");
    // A draft is not shown.
    e.get("/console/portals/511602").await.ok();
    let r = e
        .post_form(
            "/console/portals/511602/projects",
            &[
                ("title", "尚未发布的项目"),
                ("sector", "energy"),
                ("location", "某园区"),
                ("investment_wan", "100"),
                ("stage", "planning"),
                ("contact", "0826-1234567"),
            ],
        )
        .await;
    let draft = r.location().rsplit('/').next().unwrap().to_owned();
    assert_eq!(
        t.client()
            .get(&format!("/invest/projects/{draft}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !t.client()
            .get("/regions/511602/invest")
            .await
            .body
            .contains("尚未发布的项目")
    );
}

/// Uploads a file as the project page's form does.
async fn upload_to(c: &mut Client, path: &str, bytes: &[u8]) -> Resp {
    let boundary = "yiwang-portals-test";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let csrf = c.csrf.clone().unwrap_or_default();
    c.request(
        http::Method::POST,
        &format!("{path}?_csrf={csrf}"),
        Some(&format!("multipart/form-data; boundary={boundary}")),
        body,
        &[],
    )
    .await
}

#[tokio::test]
async fn the_portal_pages_render_in_every_language_and_in_large_print() {
    let t = TestApp::new().await;
    let mut e = editor(&t, "editor.ga", "511602").await;
    let dept = t.dept_a.to_string();
    save_page(
        &mut e,
        "511602",
        &[("intro", INTRO), ("invest_office", dept.as_str())],
    )
    .await;
    let id = published_project(&mut e, "511602", "食品产业园标准厂房").await;
    e.post_form(
        "/console/portals/511602/indicators",
        &[
            ("indicator", "population"),
            ("period", "2025Q1"),
            ("value", "96.5"),
        ],
    )
    .await;
    let project = format!("/invest/projects/{id}");
    let mut c = t.citizen("13900000009").await;
    for (lang, words) in [
        (
            "zh-Hans",
            [
                "概况",
                "招商项目",
                "项目阶段",
                "常住人口",
                "提交咨询",
                "我的投资咨询",
            ],
        ),
        (
            "zh-Hant",
            [
                "概況",
                "招商項目",
                "項目階段",
                "常住人口",
                "提交諮詢",
                "我的投資諮詢",
            ],
        ),
        (
            "en",
            [
                "About",
                "Projects seeking investment",
                "Stage",
                "Resident population",
                "Send",
                "My investment inquiries",
            ],
        ),
    ] {
        c.post_form(
            "/settings",
            &[("lang", lang), ("size", "xl"), ("next", "/")],
        )
        .await
        .ok();
        for (path, word) in [
            ("/regions/511602/portal", words[0]),
            ("/regions/511602/invest", words[1]),
            (project.as_str(), words[2]),
            ("/regions/511602/invest", words[3]),
            ("/regions/511602/invest/ask", words[4]),
            ("/account/investment", words[5]),
        ] {
            let r = c.get(path).await;
            assert_eq!(r.status, StatusCode::OK, "{lang} {path}");
            assert!(
                r.body
                    .contains(&format!("<html lang=\"{lang}\" class=\"xl\"")),
                "{lang} {path}"
            );
            assert!(r.body.contains(word), "{path} in {lang}: {word}");
        }
    }
}

#[tokio::test]
async fn preferential_policies_link_published_policy_documents_by_index_number() {
    let t = TestApp::new().await;
    let (mut e, by) = t
        .staff(
            "editor.ga",
            yiwang_domain::auth::Role::Editor,
            None,
            "511602",
        )
        .await;
    let input: yiwang_domain::publishing::DocInput = serde_json::from_value(serde_json::json!({
        "title": "广安区招商引资优惠政策（试行）",
        "summary": "入园企业的租金减免和用地支持。",
        "body": "第一条 为优化营商环境，制定本政策。",
        "source": "广安区人民政府",
        "author": "区商务局",
        "tags": "招商",
        "index_no": "115116020089641234/2026-00099",
        "doc_no": "广安区府发〔2026〕9号",
        "issuer": "广安区人民政府",
        "issued_on": "2026-01-12",
        "effective_on": "2026-02-01",
        "validity": "valid",
        "category": "regulations",
        "publicity": "decision"
    }))
    .unwrap();
    let doc = input
        .check(yiwang_domain::publishing::DocKind::Policy)
        .unwrap();
    let mut tx = t.store.begin().await.unwrap();
    let id = t
        .store
        .create_doc(
            &mut tx,
            &yiwang_store::publishing::NewDoc {
                kind: yiwang_domain::publishing::DocKind::Policy,
                column: "policies",
                region_code: "511602",
                department_id: None,
                doc: &doc,
                body_html: "<p>第一条</p>",
                by,
            },
        )
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    e.get("/console/portals/511602").await.ok();
    // Not published yet: refused.
    let r = e
        .post_form(
            "/console/portals/511602/policies",
            &[("policies", "115116020089641234/2026-00099")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut tx = t.store.begin().await.unwrap();
    t.store
        .set_doc_state(
            &mut tx,
            id,
            1,
            yiwang_domain::publishing::DocState::Published,
            None,
            "",
        )
        .await
        .unwrap();
    yiwang_store::commit(tx).await.unwrap();
    let r = e
        .post_form(
            "/console/portals/511602/policies",
            &[("policies", " 115116020089641234/2026-00099 \n\n")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = t.client().get("/regions/511602/invest").await.ok();
    assert!(
        page.body.contains(&format!(
            "<a href=\"/news/{id}\">广安区招商引资优惠政策（试行）</a>"
        )),
        "{}",
        page.body
    );
    assert!(page.body.contains("115116020089641234/2026-00099"));
}
