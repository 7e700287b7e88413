//! Live updates in open pages (NOTIF-1): Server-Sent Events at `/events` for signed-in
//! people — the unread count when a message arrives, and the banners (emergency alerts) when
//! they change — without reloading.
//!
//! The database is the only thing instances share, so each instance polls it: one task per
//! instance looks every two seconds for inbox rows newer than the last it saw (an index on
//! `inbox.created_at`) and tells this instance's connections whose account got one, over a
//! broadcast channel. Polling rather than PostgreSQL's LISTEN/NOTIFY keeps one path for both
//! databases (SQLite has no notifications) and costs one indexed query per instance every two
//! seconds, however many pages are open. Banners come from the banner sources, which answer
//! from memory.

use std::convert::Infallible;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use askama::Template;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::stream::Stream;
use tokio::sync::broadcast;
use yiwang_domain::Timestamp;
use yiwang_domain::ids::AccountId;

use crate::ctx::Ctx;
use crate::error::Error;
use crate::state::AppState;
use crate::table::{Banner, SiteParts};

/// How often the instance looks for new messages, and connections for changed banners.
const TICK: Duration = Duration::from_secs(2);

/// This instance's hub: who got a message. Installed by [`crate::app`]; its poller starts
/// with the first connection.
#[derive(Clone)]
pub struct Hub {
    tx: broadcast::Sender<AccountId>,
    started: Arc<OnceLock<()>>,
    stop: Arc<tokio::sync::watch::Sender<bool>>,
}

impl Default for Hub {
    fn default() -> Hub {
        let (tx, _) = broadcast::channel(1024);
        Hub {
            tx,
            started: Arc::new(OnceLock::new()),
            stop: Arc::new(tokio::sync::watch::channel(false).0),
        }
    }
}

impl Hub {
    /// Ends every open stream (the server is shutting down: open pages reconnect to another
    /// instance, and a graceful shutdown does not wait for them).
    pub fn stop(&self) {
        self.stop.send_replace(true);
    }

    fn start(&self, app: &AppState) {
        if self.started.set(()).is_err() {
            return;
        }
        let tx = self.tx.clone();
        let store = app.store.clone();
        tokio::spawn(async move {
            let mut since = Timestamp::now().millis();
            loop {
                tokio::time::sleep(TICK).await;
                if tx.receiver_count() == 0 {
                    since = Timestamp::now().millis();
                    continue;
                }
                match store.inbox_since(since).await {
                    Ok((accounts, newest)) => {
                        since = since.max(newest);
                        for a in accounts {
                            let _ = tx.send(a);
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "live updates: reading the inbox failed"),
                }
            }
        });
    }
}

/// The banners' HTML, as the frame draws them (also sent live).
#[derive(Template)]
#[template(path = "banners.html")]
pub struct Banners<'a> {
    /// The banners.
    pub banners: &'a [Banner],
    /// Its texts.
    pub t: crate::i18n::Tr,
}

async fn banners_for(app: &AppState, ctx: &Ctx) -> Vec<Banner> {
    let mut out = Vec::new();
    if let Ok(site) = app.part::<SiteParts>() {
        for s in site.banners.iter() {
            out.extend((s.banners)(app, ctx).await);
        }
    }
    out
}

/// `GET /events`: the signed-in person's live updates.
pub async fn events(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let me = ctx.principal.account().ok_or_else(Error::forbidden)?;
    let hub = app.part::<Hub>()?.clone();
    hub.start(&app);
    let rx = hub.tx.subscribe();
    let stop = hub.stop.subscribe();
    if *stop.borrow() {
        return Err(Error::code(yiwang_domain::ErrorCode::Unavailable));
    }
    // What the page was drawn with: only changes from here on are sent.
    let unread = app.store.unread_count(me).await.ok();
    let banners = Some(banners_for(&app, &ctx).await);
    Ok(Sse::new(stream(Conn {
        app,
        ctx,
        me,
        rx,
        stop,
        unread,
        banners,
        queue: Vec::new(),
    }))
    .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
    .into_response())
}

struct Conn {
    app: AppState,
    ctx: Ctx,
    me: AccountId,
    rx: broadcast::Receiver<AccountId>,
    stop: tokio::sync::watch::Receiver<bool>,
    unread: Option<i64>,
    banners: Option<Vec<Banner>>,
    queue: Vec<Event>,
}

fn stream(conn: Conn) -> impl Stream<Item = Result<Event, Infallible>> {
    futures_util::stream::unfold(conn, |mut c| async move {
        loop {
            if let Some(e) = c.queue.pop() {
                return Some((Ok(e), c));
            }
            let mut mine = c.unread.is_none();
            tokio::select! {
                got = c.rx.recv() => match got {
                    Ok(a) => mine = mine || a == c.me,
                    // Missed some: look anyway.
                    Err(broadcast::error::RecvError::Lagged(_)) => mine = true,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = tokio::time::sleep(TICK) => {}
                _ = c.stop.changed() => return None,
            }
            if mine
                && let Ok(n) = c.app.store.unread_count(c.me).await
                && c.unread != Some(n)
            {
                c.unread = Some(n);
                c.queue
                    .push(Event::default().event("unread").data(n.to_string()));
            }
            let now = banners_for(&c.app, &c.ctx).await;
            if c.banners.as_ref() != Some(&now) {
                let html = Banners {
                    banners: &now,
                    t: c.ctx.t(),
                }
                .render()
                .unwrap_or_default();
                // One line of data per line of HTML (SSE splits on newlines).
                c.queue.push(Event::default().event("banners").data(html));
                c.banners = Some(now);
            }
        }
    })
}
