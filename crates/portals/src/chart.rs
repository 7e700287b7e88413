//! Small bar charts of an indicator's series, drawn on the server as SVG (no JavaScript): a
//! bar per period with its value written above it, the periods below, a title read by screen
//! readers. Pages put the same numbers in a table beside each chart.

use yiwang_kit::respond::xml_escape;

use crate::rules::hundredths_text;

/// One bar: its label (the period) and its value in hundredths.
pub struct Bar {
    /// The period.
    pub label: String,
    /// The value in hundredths.
    pub value_x100: i64,
}

const W: i64 = 320;
const H: i64 = 180;
const TOP: i64 = 24;
const BOTTOM: i64 = 28;

/// The SVG of a bar chart titled `title` (with `id` for `aria-labelledby`).
pub fn bars(id: &str, title: &str, bars: &[Bar]) -> String {
    let max = bars.iter().map(|b| b.value_x100).max().unwrap_or(0).max(1);
    let n = bars.len().max(1) as i64;
    let slot = (W - 16) / n;
    let width = (slot * 2 / 3).max(4);
    let plot = H - TOP - BOTTOM;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-labelledby=\"{id}\"><title id=\"{id}\">{}</title>",
        xml_escape(title)
    );
    out.push_str(&format!(
        "<line x1=\"8\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\" stroke=\"currentColor\" stroke-width=\"1\"/>",
        y = H - BOTTOM,
        x2 = W - 8
    ));
    for (i, b) in bars.iter().enumerate() {
        let h = (b.value_x100.max(0) * plot / max).max(1);
        let x = 8 + i as i64 * slot + (slot - width) / 2;
        let y = H - BOTTOM - h;
        let cx = x + width / 2;
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{h}\" fill=\"#1f6feb\"/><text x=\"{cx}\" y=\"{ty}\" font-size=\"11\" text-anchor=\"middle\">{v}</text><text x=\"{cx}\" y=\"{ly}\" font-size=\"11\" text-anchor=\"middle\">{l}</text>",
            ty = y - 4,
            v = hundredths_text(b.value_x100),
            ly = H - BOTTOM + 16,
            l = xml_escape(&b.label),
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_and_period_is_written_in_the_chart() {
        let svg = bars(
            "c-gdp",
            "地区生产总值 <亿元>",
            &[
                Bar {
                    label: "2023".into(),
                    value_x100: 50_012,
                },
                Bar {
                    label: "2024".into(),
                    value_x100: 53_550,
                },
            ],
        );
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("500.12") && svg.contains("535.5"));
        assert!(svg.contains(">2023<") && svg.contains(">2024<"));
        assert!(svg.contains("&lt;亿元&gt;"));
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn an_empty_or_zero_series_still_draws() {
        assert!(bars("x", "t", &[]).ends_with("</svg>"));
        let svg = bars(
            "x",
            "t",
            &[Bar {
                label: "2025".into(),
                value_x100: 0,
            }],
        );
        assert!(svg.contains("height=\"1\""));
    }
}
