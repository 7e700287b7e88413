//! The route table: every route of the platform is declared once, with who may use it. Each
//! capability crate adds its routes through one `routes(Table) -> Table` function; the same
//! table builds the router and is walked by the authorisation test, so a route cannot exist
//! without an access rule. Capabilities also add their console sections here, so the console's
//! navigation lists them without the kit knowing any capability.

use axum::Router;
use axum::handler::Handler;
use axum::middleware::from_fn_with_state;
use axum::routing::{MethodFilter, MethodRouter, on};
use http::Method;

use crate::auth::{Access, Principal, check};
use crate::ctx::Ctx;
use crate::i18n::Tr;
use crate::state::AppState;

/// The largest upload body: a whole catalogue as JSON with its guides, or an application
/// section with its files (each at most 20 MiB).
pub const UPLOAD_LIMIT: usize = 24 * 1024 * 1024;

/// One route: method, path template and access rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    /// HTTP method.
    pub method: Method,
    /// Path template, axum syntax (`/departments/{id}`).
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
}

/// An entry of the console's navigation, added by the capability that owns the pages.
#[derive(Clone, Copy)]
pub struct ConsoleSection {
    /// Position in the navigation (lower first).
    pub order: u16,
    /// Its label in the reader's language.
    pub label: fn(Tr) -> &'static str,
    /// Where it leads for this caller, or `None` when they may not open it.
    pub link: fn(&AppState, &Principal) -> Option<&'static str>,
}

/// One line of "what waits for me" on the console's home: a count and where it is listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyLine {
    /// What is counted, in the reader's language.
    pub label: String,
    /// How many.
    pub count: i64,
    /// The list of them.
    pub href: String,
    /// Whether a non-zero count needs attention first (overdue).
    pub urgent: bool,
}

/// What a capability's tally returns.
pub type TallyFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Vec<TallyLine>, crate::error::Error>> + Send + 'a>,
>;

/// A capability's part of the console's home, "what waits for me": counts of the caller's
/// own work (their queue, what is overdue, what was returned). Added to the route table like
/// a [`ConsoleSection`], so the console knows no capability.
#[derive(Clone, Copy)]
pub struct ConsoleTally {
    /// Position on the home page (lower first).
    pub order: u16,
    /// The caller's counts; none when the caller has no such work.
    pub count: for<'a> fn(&'a AppState, &'a crate::caller::Caller) -> TallyFuture<'a>,
}

/// A site-wide alternate a capability offers — an Atom feed, a DCAT catalogue in Turtle or
/// JSON-LD: every page's head advertises it (`<link rel="alternate" type="…">`), as feed
/// readers and harvesters look for it.
#[derive(Clone, Copy)]
pub struct FeedLink {
    /// The feed's address.
    pub href: &'static str,
    /// Its media type, e.g. [`FeedLink::ATOM`].
    pub media_type: &'static str,
    /// Its title in the reader's language.
    pub title: fn(Tr) -> &'static str,
}

impl FeedLink {
    /// An Atom feed.
    pub const ATOM: &'static str = "application/atom+xml";
}

/// What a front-page block returns: its HTML (rendered by the capability's own template), or
/// nothing when it has nothing to show.
pub type FrontFuture<'a> = std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<Option<String>, crate::error::Error>> + Send + 'a>,
>;

/// A capability's block on the home page (the latest news, …), added to the route table so the
/// home page knows no capability.
#[derive(Clone, Copy)]
pub struct FrontBlock {
    /// Position among the blocks (lower first).
    pub order: u16,
    /// Renders the block for a reader.
    pub render: for<'a> fn(&'a AppState, Tr) -> FrontFuture<'a>,
}

/// A banner every page of the frame shows above its content (an emergency alert), in the
/// reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    /// A CSS modifier naming how urgent it is (`red`, `orange`, `yellow`, `blue`).
    pub level: &'static str,
    /// The line shown, e.g. 【橙色预警】地震预警.
    pub title: String,
    /// What is happening and what to do.
    pub text: String,
    /// Where it is told in full.
    pub href: String,
}

/// What a banner source returns.
pub type BannerFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Vec<Banner>> + Send + 'a>>;

/// A capability that puts banners on pages (emergency alerts): given the request, the
/// banners for it. Called for every page, so it answers from memory.
#[derive(Clone, Copy)]
pub struct BannerSource {
    /// The banners for this request.
    pub banners: for<'a> fn(&'a AppState, &'a Ctx) -> BannerFuture<'a>,
}

/// The site's feeds, front-page blocks and banner sources, installed in the state by the
/// assembling crate.
#[derive(Clone, Default)]
pub struct SiteParts {
    /// Feeds every page advertises.
    pub feeds: std::sync::Arc<Vec<FeedLink>>,
    /// Blocks of the home page, in order.
    pub front: std::sync::Arc<Vec<FrontBlock>>,
    /// Sources of banners on every page.
    pub banners: std::sync::Arc<Vec<BannerSource>>,
}

/// Every console section and tally, installed in the state by the assembling crate.
#[derive(Clone, Default)]
pub struct ConsoleMenu(
    pub std::sync::Arc<Vec<ConsoleSection>>,
    pub std::sync::Arc<Vec<ConsoleTally>>,
);

/// Builds the router, the list of routes and the console's sections together.
pub struct Table {
    router: Router<AppState>,
    specs: Vec<RouteSpec>,
    sections: Vec<ConsoleSection>,
    tallies: Vec<ConsoleTally>,
    feeds: Vec<FeedLink>,
    front: Vec<FrontBlock>,
    banners: Vec<BannerSource>,
}

async fn enforce(
    axum::extract::State(access): axum::extract::State<Access>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let Some(ctx) = req.extensions().get::<Ctx>() else {
        return crate::error::Error::Internal("request context missing".into()).into_response();
    };
    match check(access, &ctx.principal, ctx.session_expired) {
        Ok(()) => next.run(req).await,
        Err(e) => e.into_response(),
    }
}

impl Default for Table {
    fn default() -> Table {
        Table::new()
    }
}

impl Table {
    /// An empty table.
    pub fn new() -> Table {
        Table {
            router: Router::new(),
            specs: Vec::new(),
            sections: Vec::new(),
            tallies: Vec::new(),
            feeds: Vec::new(),
            front: Vec::new(),
            banners: Vec::new(),
        }
    }

    fn add<H, T>(mut self, method: Method, path: &'static str, access: Access, handler: H) -> Table
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = match method {
            Method::GET => MethodFilter::GET,
            Method::POST => MethodFilter::POST,
            Method::PUT => MethodFilter::PUT,
            Method::DELETE => MethodFilter::DELETE,
            _ => MethodFilter::PATCH,
        };
        let route: MethodRouter<AppState> =
            on(filter, handler).route_layer(from_fn_with_state(access, enforce));
        self.router = self.router.route(path, route);
        self.specs.push(RouteSpec {
            method,
            path,
            access,
        });
        self
    }

    /// A GET route.
    pub fn get<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::GET, path, access, h)
    }

    /// A POST route.
    pub fn post<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::POST, path, access, h)
    }

    /// A POST taking a file upload: up to [`UPLOAD_LIMIT`] bytes instead of the usual limit.
    pub fn upload<H: Handler<T, AppState>, T: 'static>(
        mut self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        let route: MethodRouter<AppState> = on(MethodFilter::POST, h)
            .route_layer(from_fn_with_state(access, enforce))
            .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT));
        self.router = self.router.route(path, route);
        self.specs.push(RouteSpec {
            method: Method::POST,
            path,
            access,
        });
        self
    }

    /// A PUT route.
    pub fn put<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::PUT, path, access, h)
    }

    /// A DELETE route.
    pub fn delete<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        access: Access,
        h: H,
    ) -> Table {
        self.add(Method::DELETE, path, access, h)
    }

    /// Adds a capability's counts to the console's home ("what waits for me").
    pub fn console_tally(mut self, tally: ConsoleTally) -> Table {
        self.tallies.push(tally);
        self
    }

    /// Adds an entry to the console's navigation.
    pub fn console_section(mut self, section: ConsoleSection) -> Table {
        self.sections.push(section);
        self
    }

    /// Adds a site-wide feed.
    pub fn feed(mut self, feed: FeedLink) -> Table {
        self.feeds.push(feed);
        self
    }

    /// Adds a source of banners on every page.
    pub fn banner_source(mut self, source: BannerSource) -> Table {
        self.banners.push(source);
        self
    }

    /// Adds a home-page block.
    pub fn front_block(mut self, block: FrontBlock) -> Table {
        self.front.push(block);
        self
    }

    /// The feeds and front-page blocks added so far (with [`Table::finish`]'s menu, what the
    /// assembling crate installs).
    pub fn site_parts(&self) -> SiteParts {
        let mut front = self.front.clone();
        front.sort_by_key(|b| b.order);
        SiteParts {
            feeds: std::sync::Arc::new(self.feeds.clone()),
            front: std::sync::Arc::new(front),
            banners: std::sync::Arc::new(self.banners.clone()),
        }
    }

    /// Adds the routes of a capability (its `routes` function).
    pub fn with(self, routes: fn(Table) -> Table) -> Table {
        routes(self)
    }

    /// The router, every route, and the console's sections in order.
    pub fn finish(self) -> (Router<AppState>, Vec<RouteSpec>, ConsoleMenu) {
        let mut sections = self.sections;
        sections.sort_by_key(|s| s.order);
        let mut tallies = self.tallies;
        tallies.sort_by_key(|s| s.order);
        (
            self.router,
            self.specs,
            ConsoleMenu(std::sync::Arc::new(sections), std::sync::Arc::new(tallies)),
        )
    }
}
