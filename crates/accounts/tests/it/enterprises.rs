//! Enterprises and their agents (ACC-1): the legal representative invites by mobile number,
//! the page answers the same whoever the number belongs to, tries are limited, and the
//! invited person shows to the enterprise only once they accept.

use http::StatusCode;

use crate::support::{Client, TestApp, id_number};

const REP_PHONE: &str = "13811112222";
const AGENT_PHONE: &str = "13933334444";
const AGENT_NAME: &str = "李建国";
const UNVERIFIED_PHONE: &str = "13755556666";
const NOBODY_PHONE: &str = "13600000000";

fn credit_code() -> String {
    let first17 = "91511602MA6000001";
    let c = yiwang_domain::identity::credit_code::check_char(first17).unwrap();
    format!("{first17}{c}")
}

/// The representative's enterprise page after inviting `phone`.
async fn invite(rep: &mut Client, enterprise: &str, phone: &str) -> String {
    let r = rep
        .post_form(
            &format!("/account/enterprises/{enterprise}/agents"),
            &[("phone", phone)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{phone}: {}", r.body);
    rep.get(r.location()).await.ok().body
}

#[tokio::test]
async fn an_invited_agent_shows_to_the_enterprise_only_once_they_accept() {
    let t = TestApp::new().await;
    let mut rep = t
        .verified_citizen(REP_PHONE, "张秀英", &id_number("51160219800101002"))
        .await;
    let mut agent = t
        .verified_citizen(AGENT_PHONE, AGENT_NAME, &id_number("51160319750505003"))
        .await;
    t.citizen(UNVERIFIED_PHONE).await;
    let r = rep
        .post_form(
            "/account/enterprises",
            &[
                ("name", "广安市浓洄家政服务有限公司"),
                ("credit_code", &credit_code()),
                ("legal_representative", "张秀英"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let enterprise = r.location().rsplit('/').next().unwrap().to_owned();

    // A verified citizen, an unverified one, a number nobody has: one and the same answer,
    // and nothing about anyone.
    let pages = [
        invite(&mut rep, &enterprise, AGENT_PHONE).await,
        invite(&mut rep, &enterprise, UNVERIFIED_PHONE).await,
        invite(&mut rep, &enterprise, NOBODY_PHONE).await,
        invite(&mut rep, &enterprise, AGENT_PHONE).await,
    ];
    assert!(pages[0].contains("如果这个号码属于一位已实名认证的市民"));
    assert!(
        pages.iter().all(|p| *p == pages[0]),
        "the same page each time"
    );
    let agent_id = t.citizen_id(AGENT_PHONE).await.to_string();
    for p in &pages {
        assert!(!p.contains("李**") && !p.contains(&agent_id), "{p}");
    }

    // Only the verified citizen is told, once; until they accept they cannot act for it.
    t.drain().await;
    let inbox = agent.get("/api/v1/me/messages").await.ok().json();
    let invitations = inbox["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "agent_invited")
        .count();
    assert_eq!(invitations, 1, "{inbox}");
    assert_eq!(
        agent
            .get(&format!("/account/enterprises/{enterprise}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(agent.get("/api/v1/me/enterprises").await.json()["total"], 0);

    // They accept on their enterprises page: now they act for it, and the enterprise sees
    // their masked name.
    let list = agent.get("/account/enterprises").await.ok();
    assert!(list.body.contains("广安市浓洄家政服务有限公司") && list.body.contains("接受"));
    let r = agent
        .post_form(&format!("/account/enterprises/{enterprise}/accept"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        agent
            .get(&format!("/account/enterprises/{enterprise}"))
            .await
            .status,
        StatusCode::OK
    );
    let shown = rep
        .get(&format!("/account/enterprises/{enterprise}"))
        .await
        .ok();
    assert!(shown.body.contains("李**"), "{}", shown.body);
    assert_eq!(
        agent
            .post_form(&format!("/account/enterprises/{enterprise}/accept"), &[])
            .await
            .status,
        StatusCode::NOT_FOUND,
        "nothing left to accept"
    );

    // Someone who declines is never shown.
    let mut other = t
        .verified_citizen("13522223333", "王芳", &id_number("51160219900909004"))
        .await;
    invite(&mut rep, &enterprise, "13522223333").await;
    let r = other
        .post_form(&format!("/account/enterprises/{enterprise}/decline"), &[])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let shown = rep
        .get(&format!("/account/enterprises/{enterprise}"))
        .await
        .ok();
    assert!(!shown.body.contains("王*"), "{}", shown.body);
    assert!(
        !other
            .get("/account/enterprises")
            .await
            .body
            .contains("接受")
    );

    // Ten tries a day: numbers cannot be tested one after another.
    for i in 6..=10 {
        invite(&mut rep, &enterprise, &format!("136000000{i:02}")).await;
    }
    let r = rep
        .post_form(
            &format!("/account/enterprises/{enterprise}/agents"),
            &[("phone", "13600000011")],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
}
