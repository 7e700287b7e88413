//! Showing Chinese text from the database (department and region names, catalogue items,
//! staff-written labels) in the reader's script: converted by phrase for Traditional readers
//! (the rules and the phrase table are the domain's, `yiwang_domain::zh`, so notices convert
//! the same way); English readers see the Chinese names, which are proper names.

use yiwang_domain::Lang;

pub use yiwang_domain::zh::{display, warm_up};

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
