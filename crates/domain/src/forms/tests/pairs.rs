//! Section pages post flat `name=value` pairs; they become the same answers the API takes.

use serde_json::json;

use super::*;
use crate::forms::pairs::{answers_from_pairs, merge};

fn post(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn read(section: Option<&str>, list: &[(&str, &str)]) -> Value {
    Value::Object(answers_from_pairs(&subsidy_form(), section, &post(list)))
}

#[test]
fn a_section_page_post_becomes_answers_for_that_section_only() {
    let got = read(
        Some("applicant"),
        &[
            ("name", "张三"),
            ("id_number", ID),
            ("phone", ""),
            ("home.region", "511602"),
            ("home.detail", "建设路 1 号"),
            ("married", "yes"),
            ("csrf_token", "abc"),
        ],
    );
    assert_eq!(
        got,
        json!({
            "name": "张三",
            "id_number": ID,
            "home": { "region": "511602", "detail": "建设路 1 号" },
        })
    );
}

#[test]
fn repeated_pairs_become_lists_for_multiple_choices_and_files() {
    let got = read(
        None,
        &[
            ("needs", "rent"),
            ("needs", "care"),
            ("proof", "scan"),
            ("proof", "photo"),
        ],
    );
    assert_eq!(
        got,
        json!({ "needs": ["rent", "care"], "proof": ["scan", "photo"] })
    );
    // A single answer takes the first value, whatever follows.
    assert_eq!(
        read(None, &[("name", "甲"), ("name", "乙")]),
        json!({ "name": "甲" })
    );
}

#[test]
fn a_group_of_family_members_keeps_entries_in_index_order() {
    let got = read(
        Some("household"),
        &[
            ("members[7].name", "丙"),
            ("members[0].name", "甲"),
            ("members[7].relation", "child"),
            ("members[2].name", "乙"),
            ("members[2].relation", "spouse"),
            ("members[0].relation", "parent"),
            ("members[4].name", " "),
        ],
    );
    assert_eq!(
        got,
        json!({ "members": [
            { "name": "甲", "relation": "parent" },
            { "name": "乙", "relation": "spouse" },
            { "name": "丙", "relation": "child" },
        ]})
    );
}

#[test]
fn a_group_takes_at_most_its_maximum_and_ignores_huge_indices() {
    let names: Vec<(String, String)> = (0..6)
        .map(|i| (format!("members[{i}].name"), format!("成员{i}")))
        .chain([("members[1000].name".to_owned(), "too far".to_owned())])
        .collect();
    let got = answers_from_pairs(&subsidy_form(), None, &names);
    let members = got["members"].as_array().unwrap();
    assert_eq!(members.len(), 3, "the subsidy form allows three members");
    assert_eq!(members[2]["name"], "成员2");
}

#[test]
fn an_address_inside_a_group_entry_is_read_from_its_parts() {
    let def = form(vec![section(
        "main",
        vec![field(
            "members",
            json!({ "type": "group", "max": 2, "fields": [
                field("home", json!({ "type": "address", "level": "county" })),
                field("langs", json!({ "type": "multi_choice", "options": options(&["zh", "en"]) })),
            ]}),
        )],
    )]);
    let pairs = post(&[
        ("members[0].home.region", "511602"),
        ("members[0].langs", "zh"),
        ("members[0].langs", "en"),
    ]);
    assert_eq!(
        Value::Object(answers_from_pairs(&def, None, &pairs)),
        json!({ "members": [{
            "home": { "region": "511602", "detail": "" },
            "langs": ["zh", "en"],
        }]})
    );
}

#[test]
fn an_unknown_section_gives_no_answers() {
    assert_eq!(read(Some("nope"), &[("name", "张三")]), json!({}));
}

#[test]
fn merging_a_section_replaces_its_answers_and_clears_what_was_left_out() {
    let def = subsidy_form();
    let mut all = good_answers();
    all.insert("spouse_name".into(), json!("李四"));
    let page = answers_from_pairs(&def, Some("marriage"), &post(&[("married", "yes")]));
    merge(&mut all, page, &def, "marriage");
    assert_eq!(all["married"], "yes");
    assert!(
        !all.contains_key("spouse_name"),
        "a cleared field is removed"
    );
    assert_eq!(all["name"], "张三", "other sections are untouched");

    let stray = answers(json!({ "married": "no", "name": "someone else" }));
    merge(&mut all, stray, &def, "marriage");
    assert_eq!(
        all["name"], "张三",
        "a key of another section is not merged"
    );
    assert_eq!(all["married"], "no");
}

/// A small deterministic generator (xorshift), so the garbage is the same on every run.
struct Garbage(u64);

impl Garbage {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }

    fn name(&mut self) -> String {
        let heads = [
            "members",
            "home",
            "needs",
            "name",
            "proof",
            "",
            "成员",
            "members_x",
        ];
        let tails = [
            "",
            "[0].name",
            "[1].relation",
            "[999].name",
            "[1000].name",
            "[-1].name",
            "[].name",
            "[0]",
            "[0].",
            "[00].home.region",
            "[3].home.detail",
            ".region",
            ".detail",
            "[",
            "]",
            "[1]].name",
            "[٣].name",
            "[0].name[1].name",
            "[18446744073709551616].name",
            "[2].school",
            "[0].members[0].name",
            "\u{0}",
            "é",
        ];
        format!("{}{}", self.pick(&heads), self.pick(&tails))
    }

    fn value(&mut self) -> String {
        let values = [
            "",
            " ",
            "甲",
            "child",
            "\u{0}\u{202E}",
            "511602",
            "rent",
            "%",
            "[0]",
        ];
        let mut v = self.pick(&values).to_owned();
        if self.next().is_multiple_of(7) {
            v = v.repeat((self.next() % 50) as usize);
        }
        v
    }
}

#[test]
fn no_post_however_strange_makes_reading_or_checking_panic() {
    let def = subsidy_form();
    let mut g = Garbage(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let count = (g.next() % 40) as usize;
        let pairs: Vec<(String, String)> = (0..count).map(|_| (g.name(), g.value())).collect();
        let section = match g.next() % 3 {
            0 => None,
            1 => Some("household"),
            _ => Some("applicant"),
        };
        let got = answers_from_pairs(&def, section, &pairs);
        if let Some(members) = got.get("members") {
            assert!(
                members
                    .as_array()
                    .is_some_and(|m| !m.is_empty() && m.len() <= 3)
            );
        }
        let mut all = Answers::new();
        merge(&mut all, got.clone(), &def, section.unwrap_or("applicant"));
        with_ctx(|ctx| {
            let _ = def.validate(&got, ctx);
            let _ = def.section_status("household", &got, ctx);
        });
    }
}
