//! Showing Chinese text from the database (department and region names, catalogue items,
//! staff-written labels) in the reader's script: converted by phrase for Traditional readers
//! (the rules and the phrase table are the domain's, `yiwang_domain::zh`, so notices convert
//! the same way); English readers see the Chinese names, which are proper names.

use yiwang_domain::Lang;

pub use yiwang_domain::zh::{display, warm_up};

/// What kind of body a department is, from the common ending of its name, in English: the
/// endings whose translation does not depend on the department (局 is a bureau wherever it
/// is). Endings with more than one meaning (委 committee or commission, 所, 院, 联) give none.
const DEPARTMENT_ENDINGS: &[(&str, &str)] = &[
    ("分局", "branch bureau"),
    ("局", "bureau"),
    ("办公室", "office"),
    ("办", "office"),
    ("中心", "centre"),
    ("大队", "brigade"),
    ("部", "department"),
    ("站", "station"),
];

/// A department's name for the reader. English readers see the Chinese name — no official
/// English names are on record, and a guessed translation of the proper part would mislead —
/// followed by the kind of body where the ending says it: 区人社局 (district bureau).
pub fn department(name: &str, lang: Lang) -> String {
    if lang != Lang::En {
        return display(name, lang);
    }
    let Some((_, kind)) = DEPARTMENT_ENDINGS.iter().find(|(e, _)| name.ends_with(e)) else {
        return name.to_owned();
    };
    // A name that starts with 区 or 县 is the district's or county's own body (区人社局).
    let level = match name.chars().next() {
        Some('区') => "district ",
        Some('县') => "county ",
        _ => "",
    };
    format!("{name} ({level}{kind})")
}

/// Text split into marked and unmarked pieces (search highlights), in the reader's script.
/// The text is converted whole, so a phrase cut by a highlight still converts as a phrase;
/// only when conversion changes the length (a regional word such as 网际网路) are the pieces
/// converted one by one, since the marks would no longer line up.
pub fn display_pieces(pieces: &[(String, bool)], lang: Lang) -> Vec<(String, bool)> {
    let whole: String = pieces.iter().map(|(s, _)| s.as_str()).collect();
    let shown = display(&whole, lang);
    if shown.chars().count() != whole.chars().count() {
        return pieces
            .iter()
            .map(|(s, on)| (display(s, lang), *on))
            .collect();
    }
    let mut chars = shown.chars();
    pieces
        .iter()
        .map(|(s, on)| (chars.by_ref().take(s.chars().count()).collect(), *on))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_names_convert_to_traditional() {
        assert_eq!(display("区人社局", Lang::ZhHant), "區人社局");
        assert_eq!(display("广安区", Lang::ZhHant), "廣安區");
        assert_eq!(display("广安区", Lang::En), "广安区");
    }

    /// The demo deployment's catalogue (item names, departments, groups), guides, life events
    /// and forms, as a Traditional reader sees them: nothing wrong in context.
    #[test]
    fn the_demo_catalogue_reads_right_in_traditional() {
        let files = [
            include_str!("../../../seed/catalog/guang_an_service_items.csv"),
            include_str!("../../../seed/catalog/demo_guides.json"),
            include_str!("../../../seed/catalog/life_events.tsv"),
            include_str!("../../../seed/catalog/classification.csv"),
            include_str!("../../../seed/forms/demo_forms.json"),
        ];
        let mut wrong = Vec::new();
        for file in files {
            for line in file.lines() {
                let shown = display(line, Lang::ZhHant);
                for (found, instead) in yiwang_domain::zh::wrong_in_traditional(&shown) {
                    wrong.push(format!("{found} → {instead}: {shown}"));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn english_readers_see_what_kind_of_body_a_department_is() {
        let cases = [
            ("区人社局", "区人社局 (district bureau)"),
            ("区公安分局", "区公安分局 (district branch bureau)"),
            ("广安区税务局", "广安区税务局 (bureau)"),
            ("区政府办", "区政府办 (district office)"),
            ("区政务服务中心", "区政务服务中心 (district centre)"),
            ("区委统战部", "区委统战部 (district department)"),
            // Endings with more than one meaning say nothing rather than guess.
            ("区残联", "区残联"),
            ("区卫健委", "区卫健委"),
        ];
        for (name, shown) in cases {
            assert_eq!(department(name, Lang::En), shown);
        }
        assert_eq!(department("区人社局", Lang::ZhHant), "區人社局");
        assert_eq!(department("区人社局", Lang::ZhHans), "区人社局");
    }

    #[test]
    fn a_highlight_does_not_cut_a_phrase_in_two() {
        let pieces = vec![
            ("失业保险".to_owned(), true),
            ("金发到哪里".to_owned(), false),
        ];
        assert_eq!(
            display_pieces(&pieces, Lang::ZhHant),
            vec![
                ("失業保險".to_owned(), true),
                ("金發到哪裡".to_owned(), false)
            ]
        );
        assert_eq!(display_pieces(&pieces, Lang::ZhHans), pieces);
    }
}
