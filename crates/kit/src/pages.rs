//! The kit's own pages: the display settings form and the accessibility statement.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use http::HeaderValue;
use http::header::SET_COOKIE;
use serde::Deserialize;
use yiwang_domain::Lang;

use crate::cookies::{self, CookieSpec};
use crate::ctx::Ctx;
use crate::error::Error;
use crate::extract::Form;
use crate::pipeline::safe_next;
use crate::prefs::{self, Prefs};
use crate::respond::see_other;
use crate::state::AppState;
use crate::views::layout::Section;
use crate::views::{Layout, html};

/// The fields this form sends.
#[derive(Deserialize)]
pub struct SettingsForm {
    lang: Option<String>,
    size: Option<String>,
    contrast: Option<String>,
    next: Option<String>,
}

/// `POST /settings`: changes language, text size or contrast and returns to the page.
pub async fn settings(
    State(app): State<AppState>,
    ctx: Ctx,
    Form(f): Form<SettingsForm>,
) -> Result<Response, Error> {
    let mut p: Prefs = ctx.prefs;
    if let Some(l) = f.lang.as_deref() {
        p.lang = Lang::from_tag(l)
            .ok_or_else(|| Error::field("lang", yiwang_domain::FieldCode::InvalidChoice))?;
        if let Some(account) = ctx.principal.account() {
            app.store.set_lang(account, p.lang).await?;
        }
    }
    match f.size.as_deref() {
        Some("xl") => p.large = true,
        Some("default") => p.large = false,
        Some(_) => {
            return Err(Error::field(
                "size",
                yiwang_domain::FieldCode::InvalidChoice,
            ));
        }
        None => {}
    }
    match f.contrast.as_deref() {
        Some("high") => p.contrast = true,
        Some("normal") => p.contrast = false,
        Some(_) => {
            return Err(Error::field(
                "contrast",
                yiwang_domain::FieldCode::InvalidChoice,
            ));
        }
        None => {}
    }
    let next = strip_lang(&safe_next(f.next.as_deref()));
    let mut res = see_other(&next);
    let value = p.cookie_value();
    let c = cookies::set(&CookieSpec {
        name: prefs::COOKIE,
        value: &value,
        max_age: Some(365 * 86_400),
        http_only: false,
        secure: app.config.tls,
    });
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(SET_COOKIE, v);
    }
    Ok(res)
}

/// Removes a `lang=` parameter so the new cookie is not overridden on the way back.
fn strip_lang(path: &str) -> String {
    match path.split_once('?') {
        Some((p, q)) => {
            let rest: Vec<&str> = q.split('&').filter(|kv| !kv.starts_with("lang=")).collect();
            if rest.is_empty() {
                p.to_owned()
            } else {
                format!("{p}?{}", rest.join("&"))
            }
        }
        None => path.to_owned(),
    }
}

#[derive(Template)]
#[template(path = "accessibility.html")]
struct AccessibilityPage {
    l: Layout,
}

/// `GET /help/accessibility`: the accessibility statement.
pub async fn accessibility(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let l = Layout::new(&app, &ctx, ctx.t().footer_accessibility(), Section::Other).await;
    html(&AccessibilityPage { l })
}

#[cfg(test)]
mod tests {
    use super::strip_lang;

    #[test]
    fn the_lang_parameter_is_dropped_from_the_return_path() {
        assert_eq!(strip_lang("/search?q=a&lang=en"), "/search?q=a");
        assert_eq!(strip_lang("/?lang=en"), "/");
        assert_eq!(strip_lang("/departments"), "/departments");
    }
}
