//! Showing Chinese text from the database (department and region names, later catalogue
//! items) in the reader's script. Names are stored in Simplified Chinese as the source data
//! has them; readers of Traditional Chinese see them converted with zhconv's
//! OpenCC/MediaWiki tables. English readers see the Chinese names: they are proper names.

use yiwang_domain::Lang;

/// Text for display in `lang`.
pub fn display(s: &str, lang: Lang) -> String {
    match lang {
        Lang::ZhHant => zhconv::zhconv(s, zhconv::Variant::ZhHant),
        _ => s.to_owned(),
    }
}

/// Builds the conversion tables now rather than on the first Traditional page view.
pub fn warm_up() {
    let _ = display("广安", Lang::ZhHant);
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
}
