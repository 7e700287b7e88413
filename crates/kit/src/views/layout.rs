//! The frame of every page: header with the account link and unread count, the display
//! settings (language, text size, contrast), navigation, and footer.

use yiwang_domain::Lang;

use crate::ctx::Ctx;
use crate::i18n::Tr;
use crate::prefs::Prefs;
use crate::state::AppState;

/// Which navigation entry is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// 首页.
    Home,
    /// 办事: the service catalogue, life events, guides and search.
    Services,
    /// Government information: news, notices, policy documents.
    News,
    /// Department directory.
    Departments,
    /// Regions.
    Regions,
    /// The citizen's own pages.
    Mine,
    /// The staff console.
    Console,
    /// None (errors, search).
    Other,
}

/// The signed-in person, as the header shows them.
#[derive(Debug, Clone)]
pub struct NavUser {
    /// Unread messages.
    pub unread: i64,
    /// Whether they are staff (the console link).
    pub staff: bool,
}

/// Data every page template receives as `l`.
#[derive(Debug, Clone)]
pub struct Layout {
    /// The translator.
    pub t: Tr,
    /// Display preferences.
    pub prefs: Prefs,
    /// The platform's name in the reader's language.
    pub site: String,
    /// This page's title.
    pub title: String,
    /// Path and query of this page (the settings form returns here).
    pub path: String,
    /// Where this page leads once the person has logged in or registered: its own checked
    /// `next` parameter, or `/` (none). The header's 登录 and 注册 links carry it along; a
    /// page that gets `next` from its form (login or registration with an error) sets it.
    pub next: String,
    /// The anti-forgery token for forms.
    pub csrf: String,
    /// The signed-in person.
    pub user: Option<NavUser>,
    /// URL of the stylesheet.
    pub css: String,
    /// URL of the icon.
    pub favicon: String,
    /// Demo deployment banner.
    pub demo: bool,
    /// Current navigation entry.
    pub section: Section,
    /// The site's feeds and catalogues, for the head's autodiscovery links: (address, media
    /// type, title).
    pub feeds: Vec<(&'static str, &'static str, &'static str)>,
    /// Banners above the content (emergency alerts for this reader).
    pub banners: Vec<crate::table::Banner>,
    /// URL of the live-updates script (signed-in pages).
    pub live_js: String,
}

impl Layout {
    /// Builds the frame for a page. Looks up the unread count for signed-in people.
    pub async fn new(
        app: &AppState,
        ctx: &Ctx,
        title: impl Into<String>,
        section: Section,
    ) -> Layout {
        let user = match ctx.principal.account() {
            Some(a) => Some(NavUser {
                unread: app.store.unread_count(a).await.unwrap_or(0),
                staff: ctx.principal.staff().is_some(),
            }),
            None => None,
        };
        let mut l = Layout::build(app, ctx, title.into(), section, user);
        if let Ok(site) = app.part::<crate::table::SiteParts>() {
            for source in site.banners.iter() {
                l.banners.extend((source.banners)(app, ctx).await);
            }
        }
        l
    }

    /// The frame without database lookups (error pages must render even when the database
    /// is down).
    pub fn offline(app: &AppState, ctx: &Ctx, title: impl Into<String>) -> Layout {
        let user = ctx.principal.account().map(|_| NavUser {
            unread: 0,
            staff: ctx.principal.staff().is_some(),
        });
        Layout::build(app, ctx, title.into(), Section::Other, user)
    }

    fn build(
        app: &AppState,
        ctx: &Ctx,
        title: String,
        section: Section,
        user: Option<NavUser>,
    ) -> Layout {
        let site = match ctx.prefs.lang {
            Lang::En => app.config.site_name_en.clone(),
            _ => crate::zh::display(&app.config.site_name, ctx.prefs.lang),
        };
        Layout {
            t: ctx.t(),
            prefs: ctx.prefs,
            site,
            title,
            path: ctx.path.clone(),
            next: crate::pipeline::safe_next(
                crate::pipeline::query_param(&ctx.path, "next").as_deref(),
            ),
            csrf: ctx.csrf.clone(),
            user,
            css: app.assets.url("app.css").to_owned(),
            favicon: app.assets.url("favicon.svg").to_owned(),
            demo: app.config.demo,
            section,
            feeds: app
                .part::<crate::table::SiteParts>()
                .map(|p| {
                    p.feeds
                        .iter()
                        .map(|f| (f.href, f.media_type, (f.title)(ctx.t())))
                        .collect()
                })
                .unwrap_or_default(),
            banners: Vec::new(),
            live_js: app.assets.url("live.js").to_owned(),
        }
    }

    /// The header's 登录 link, keeping where the person was going (only a local path).
    pub fn login_link(&self) -> String {
        Self::with_next("/account/login", &self.next)
    }

    /// The header's 注册 link, keeping where the person was going (only a local path).
    pub fn register_link(&self) -> String {
        Self::with_next("/account/register", &self.next)
    }

    fn with_next(page: &str, next: &str) -> String {
        let next = crate::pipeline::safe_next(Some(next));
        if next == "/" {
            page.to_owned()
        } else {
            format!("{page}?next={}", crate::pipeline::percent_encode(&next))
        }
    }

    /// Whether the signed-in person is staff (their "mine" is the console).
    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.staff)
    }

    /// The `lang` attribute value.
    pub fn lang_tag(&self) -> &'static str {
        self.prefs.lang.tag()
    }

    /// The languages for the switch: (tag, own name, is current).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.tag(), l.native_name(), *l == self.prefs.lang))
            .collect()
    }

    /// `aria-current="page"` for the current navigation entry.
    pub fn current(&self, section: Section) -> &'static str {
        if section == self.section {
            "page"
        } else {
            "false"
        }
    }

    /// Shows dynamic Chinese text (names from the database) in the reader's script.
    pub fn zh(&self, s: &str) -> String {
        crate::zh::display(s, self.prefs.lang)
    }

    /// A department's name for the reader (in English with the kind of body it is).
    pub fn dept(&self, name: &str) -> String {
        crate::zh::department(name, self.prefs.lang)
    }
}
