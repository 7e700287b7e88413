//! A document's Markdown body to safe HTML: parsed by pulldown-cmark (CommonMark with tables
//! and strikethrough), then cleaned by ammonia (an allow-list HTML sanitiser), so scripts,
//! event handlers, `javascript:` links, frames and styles never reach a reader, whatever an
//! editor pastes. Every picture must say what it shows (alt text).

use std::collections::HashSet;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use yiwang_domain::FieldCode;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Checks that every picture has alt text; `Err(MissingAltText)` otherwise.
pub fn check_images(markdown: &str) -> Result<(), FieldCode> {
    let mut in_image = false;
    let mut alt = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Image { .. }) => {
                in_image = true;
                alt.clear();
            }
            Event::End(TagEnd::Image) => {
                in_image = false;
                if alt.trim().is_empty() {
                    return Err(FieldCode::MissingAltText);
                }
            }
            Event::Text(t) | Event::Code(t) if in_image => alt.push_str(&t),
            // A raw <img> tag: the sanitiser keeps it only with its alt attribute.
            Event::Html(h) | Event::InlineHtml(h)
                if h.to_ascii_lowercase().contains("<img")
                    && !h.to_ascii_lowercase().contains("alt=") =>
            {
                return Err(FieldCode::MissingAltText);
            }
            _ => {}
        }
    }
    Ok(())
}

/// Renders Markdown to sanitised HTML.
pub fn render(markdown: &str) -> String {
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, Parser::new_ext(markdown, options()));
    sanitise(&raw)
}

/// The allow-list: text structure, links, pictures and tables; nothing that runs or styles.
fn sanitise(html: &str) -> String {
    let tags: HashSet<&str> = [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    ]
    .into_iter()
    .collect();
    let schemes: HashSet<&str> = ["http", "https", "mailto", "tel"].into_iter().collect();
    ammonia::Builder::default()
        .tags(tags)
        .url_schemes(schemes)
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_structure() {
        let html = render(
            "## 办理时间\n\n**周一至周五**，见[办事指南](/items/1)。\n\n| 时间 | 地点 |\n|---|---|\n| 9:00 | 大厅 |\n",
        );
        assert!(html.contains("<h2>办理时间</h2>"), "{html}");
        assert!(html.contains("<strong>周一至周五</strong>"), "{html}");
        assert!(html.contains("href=\"/items/1\""), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    /// Known ways to smuggle script into HTML (after the OWASP XSS filter evasion sheet):
    /// none may survive as something a browser runs.
    #[test]
    fn known_xss_vectors_are_made_harmless() {
        let vectors = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://x.example/xss.js></SCRIPT>",
            "<img src=x onerror=alert(1) alt=a>",
            "<IMG SRC=\"javascript:alert('XSS');\" alt=a>",
            "<img src=javascript:alert(1) alt=a>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](&#106;avascript:alert(1))",
            "<a href=\"java\tscript:alert(1)\">x</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
            "<iframe src=\"https://x.example\"></iframe>",
            "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
            "<svg onload=alert(1)><circle r=1 /></svg>",
            "<body onload=alert(1)>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<form action=\"https://x.example\"><input name=p></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://x.example\">",
            "<a href=x onmouseover=alert(1)>x</a>",
            "<details open ontoggle=alert(1)>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<base href=\"https://x.example/\">",
            "<link rel=stylesheet href=https://x.example/x.css>",
            "\"><script>alert(1)</script>",
            "<scr<script>ipt>alert(1)</script>",
        ];
        for v in vectors {
            let html = render(v).to_ascii_lowercase();
            for bad in [
                "<script",
                "javascript:",
                "onerror",
                "onload",
                "onmouseover",
                "ontoggle",
                "<iframe",
                "<object",
                "<embed",
                "<svg",
                "<style",
                "style=",
                "<form",
                "<input",
                "<meta",
                "<base",
                "<link",
                "data:text",
                "<body",
                "xlink",
            ] {
                assert!(!html.contains(bad), "{v:?} left {bad:?}: {html}");
            }
        }
    }

    #[test]
    fn links_open_safely_and_pictures_need_alt_text() {
        let html = render("[政府网站](https://www.gov.cn)");
        assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
        assert_eq!(
            check_images("![区政务服务中心大厅](/news/images/1)"),
            Ok(())
        );
        assert_eq!(
            check_images("![](/news/images/1)"),
            Err(FieldCode::MissingAltText)
        );
        assert_eq!(
            check_images("![  ](/news/images/1)"),
            Err(FieldCode::MissingAltText)
        );
        assert_eq!(
            check_images("<img src=\"/news/images/1\">"),
            Err(FieldCode::MissingAltText)
        );
        assert_eq!(check_images("没有图片"), Ok(()));
        let html = render("![大厅](/news/images/1)");
        assert!(html.contains("alt=\"大厅\""), "{html}");
    }
}
