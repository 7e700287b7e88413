//! Government information's pages: reading (`read.rs`), the disclosure catalogue
//! (`policies.rs`), Atom feeds (`feeds.rs`), the home page's block (`front.rs`) and the
//! editors' console (`console.rs`).

pub mod alerts;
pub mod columns;
pub mod console;
pub mod disclosure;
pub mod feeds;
pub mod front;
pub mod policies;
pub mod read;
pub mod subscriptions;

use yiwang_domain::Lang;
use yiwang_domain::publishing::{DocState, Validity};
use yiwang_kit::i18n::Tr;
use yiwang_store::publishing::{ColumnRow, DocRow};

use crate::texts::*;

/// A column's name in the reader's language.
pub fn column_name(c: &ColumnRow, t: Tr) -> String {
    match t.lang() {
        Lang::En => c.name_en.clone(),
        l => yiwang_kit::zh::display(&c.name_zh, l),
    }
}

/// A document in a list.
pub struct Line {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its summary.
    pub summary: String,
    /// The day it was published (Beijing).
    pub date: String,
    /// A mark when it no longer applies: 已撤回, 已废止, 已失效 (empty otherwise).
    pub mark: &'static str,
    /// For policy documents: 文号 (or the index number).
    pub number: String,
}

/// A document's words in the reader's script (Traditional readers read them converted; the
/// stored text is the editor's Simplified).
pub fn zh(s: &str, t: Tr) -> String {
    yiwang_kit::zh::display(s, t.lang())
}

/// How a document shows in lists.
pub fn line(r: &DocRow, t: Tr) -> Line {
    Line {
        id: r.id.to_string(),
        title: zh(&r.doc.title, t),
        summary: zh(&r.doc.summary, t),
        date: r
            .published_at
            .map(|p| p.beijing_date().to_string())
            .unwrap_or_default(),
        mark: mark(r, t),
        number: r
            .doc
            .policy
            .as_ref()
            .map(|p| {
                if p.doc_no.is_empty() {
                    p.index_no.clone()
                } else {
                    p.doc_no.clone()
                }
            })
            .unwrap_or_default(),
    }
}

/// 已撤回, 已废止, 已失效, or nothing.
pub fn mark(r: &DocRow, t: Tr) -> &'static str {
    if r.state == DocState::Withdrawn {
        return t.pub_withdrawn_mark();
    }
    match r.doc.policy.as_ref().map(|p| p.validity) {
        Some(Validity::Repealed) => t.pub_repealed_mark(),
        Some(Validity::Expired) => t.pub_expired_mark(),
        _ => "",
    }
}

/// An option of a select.
pub struct Opt {
    /// Its value.
    pub value: String,
    /// Its label.
    pub label: String,
    /// Whether it is chosen.
    pub selected: bool,
}

/// Reads an upload form (multipart): the text of `text_field` (empty if absent) and the bytes
/// of `file_field`.
pub async fn read_upload(
    req: axum::extract::Request,
    text_field: &str,
    file_field: &str,
) -> Result<(String, Vec<u8>), yiwang_kit::error::Error> {
    use axum::extract::FromRequest;
    use yiwang_domain::ErrorCode;
    use yiwang_kit::error::Error;
    let mut m = axum::extract::Multipart::from_request(req, &())
        .await
        .map_err(|_| Error::code(ErrorCode::UnsupportedMediaType))?;
    let (mut text, mut bytes) = (String::new(), Vec::new());
    while let Some(part) = m
        .next_field()
        .await
        .map_err(|_| Error::code(ErrorCode::InvalidBody))?
    {
        let name = part.name().unwrap_or_default().to_owned();
        if name == text_field {
            text = part
                .text()
                .await
                .map_err(|_| Error::code(ErrorCode::InvalidBody))?;
        } else if name == file_field {
            bytes = part
                .bytes()
                .await
                .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?
                .to_vec();
        }
    }
    Ok((text, bytes))
}
