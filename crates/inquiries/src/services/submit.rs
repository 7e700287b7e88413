//! Asking (INQ-1): from the website, an app, a 12345 call recorded by an operator, or an
//! Open311 client — one path for all. The input is checked (kind and category rules, the place,
//! the photos), a routing rule picks the department or the inquiry waits at the dispatch desk,
//! and the inquiry, its photos, its first history entries, the counters and the notice to the
//! asker are one transaction: a crash loses nothing acknowledged, a retry with the same key
//! returns the same inquiry.

use serde::{Deserialize, Serialize};
use yiwang_domain::forms::FileType;
use yiwang_domain::ids::{AccountId, UploadId};
use yiwang_domain::inquiry::league::Counts;
use yiwang_domain::inquiry::{Channel, EventKind, InquiryState, Kind};
use yiwang_domain::notification::Notice;
use yiwang_domain::notification::inquiry::InquiryNotice;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{FieldCode, FieldErrors, Timestamp};
use yiwang_files::FileStore;
use yiwang_store::inquiries::history::{EventActor, InquiryFile, NewEvent};
use yiwang_store::inquiries::{Contact, InquiryRow, NewInquiry};
use yiwang_store::notify::Recipient;

use super::{category, due};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

/// The most photos with an inquiry.
pub const MAX_PHOTOS: usize = 9;
/// The largest photo.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;

/// What the asker fills in. Strings as typed; [`submit`] checks them all at once.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskInput {
    /// `question`, `help`, `complaint`, `report`, `suggestion` or `petition`.
    #[serde(default)]
    pub kind: String,
    /// A category code (`GET /api/v1/inquiry-categories`).
    #[serde(default)]
    pub category: String,
    /// 2–60 characters.
    #[serde(default)]
    pub title: String,
    /// 5–2000 characters.
    #[serde(default)]
    pub body: String,
    /// A region code in the deployment, down to the community.
    #[serde(default)]
    pub region: String,
    /// The address (at most 120 characters).
    #[serde(default)]
    pub address: String,
    /// Latitude, WGS-84 decimal degrees (with `lng`, or neither).
    #[serde(default)]
    pub lat: Option<f64>,
    /// Longitude.
    #[serde(default)]
    pub lng: Option<f64>,
    /// May it go on the public board once answered (masked)?
    #[serde(default)]
    pub public: bool,
    /// Ask without the department seeing who asked.
    #[serde(default)]
    pub anonymous: bool,
}

/// A photo sent with the inquiry.
pub struct Photo {
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Who is asking.
#[derive(Debug, Clone)]
pub enum Asker {
    /// A citizen with their account, on the website or in an app.
    Citizen(AccountId, Channel),
    /// Someone without an account on the website: gets a one-time query code.
    Anonymous,
    /// A caller to the 12345 hotline, recorded by an operator.
    Caller {
        /// The operator.
        operator: AccountId,
        /// Who called (at least a phone number).
        contact: Contact,
    },
    /// A person reporting through an Open311 client.
    Open311 {
        /// The client.
        client: String,
        /// What the client said of the person.
        contact: Contact,
    },
}

/// The result.
pub struct Asked {
    /// The inquiry.
    pub row: InquiryRow,
    /// False when this was a retry (same idempotency key).
    pub created: bool,
    /// An anonymous asker's one-time query code (shown once, never stored).
    pub query_code: Option<String>,
}

/// Bounds an installation's inquiries must lie in: south, west, north, east, in degrees —
/// the deployment's `map_bounds`, a box around its region (the region tree has no shapes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds(pub [f64; 4]);

impl Bounds {
    /// Mainland China, Hainan and Taiwan, roughly: what any deployment is inside of.
    pub const CHINA: Bounds = Bounds([3.8, 73.5, 53.6, 135.1]);

    /// The demo's 广安市 (29°58′–30°52′ N, 105°56′–107°19′ E), with a margin.
    pub const GUANG_AN: Bounds = Bounds([29.9, 105.8, 31.0, 107.4]);

    /// Reads `south,west,north,east` in degrees (the `map_bounds` setting): four numbers, south
    /// below north, west below east, all inside China.
    pub fn parse(text: &str) -> Result<Bounds, String> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let [s, w, n, e] = parts[..] else {
            return Err(format!(
                "{text:?} is not south,west,north,east (four numbers)"
            ));
        };
        let mut v = [0.0; 4];
        for (slot, p) in v.iter_mut().zip([s, w, n, e]) {
            *slot = p
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("{p:?} is not a number of degrees"))?;
        }
        let b = Bounds(v);
        if v[0] >= v[2] || v[1] >= v[3] {
            return Err(format!(
                "{text:?}: south must be below north and west below east"
            ));
        }
        if !Bounds::CHINA.contains(v[0], v[1]) || !Bounds::CHINA.contains(v[2], v[3]) {
            return Err(format!(
                "{text:?} is not inside China (latitude first, then longitude)"
            ));
        }
        Ok(b)
    }

    /// Whether the point lies inside.
    pub fn contains(&self, lat: f64, lng: f64) -> bool {
        let [s, w, n, e] = self.0;
        (s..=n).contains(&lat) && (w..=e).contains(&lng)
    }
}

/// Checked input, ready to store.
struct Checked {
    kind: Kind,
    category: String,
    title: String,
    body: String,
    region: String,
    address: String,
    location: Option<(i64, i64)>,
    public: bool,
    anonymous: bool,
    photos: Vec<(FileType, Vec<u8>)>,
}

async fn check(
    app: &AppState,
    input: &AskInput,
    photos: Vec<Photo>,
    asker: &Asker,
) -> Result<Checked, Error> {
    let mut e = FieldErrors::new();
    let kind = Kind::parse(input.kind.trim());
    if kind.is_none() {
        e.add("kind", FieldCode::InvalidChoice);
    }
    let cat = app
        .store
        .inquiry_category(input.category.trim())
        .await?
        .filter(|c| c.active);
    if cat.is_none() {
        e.add("category", FieldCode::InvalidChoice);
    }
    let text = |v: &str, min, max| yiwang_domain::account::check_plain_text(v, min, max);
    let title = e.check("title", text(&input.title, 2, 60));
    let body = e.check(
        "body",
        yiwang_domain::inquiry::clean_text(&input.body, 5, 2000),
    );
    let address = e.check("address", text(&input.address, 0, 120));
    let region = match RegionCode::parse(input.region.trim()) {
        Ok(r) if app.config.root_region.contains(&r) && app.store.region_exists(&r).await? => {
            Some(r)
        }
        Ok(_) => {
            e.add("region", FieldCode::UnknownRegion);
            None
        }
        Err(c) => {
            e.add("region", c);
            None
        }
    };
    let location = match (input.lat, input.lng) {
        (None, None) => None,
        (Some(lat), Some(lng)) if lat.is_finite() && lng.is_finite() => {
            let bounds = app.part::<Bounds>().copied().unwrap_or(Bounds::CHINA);
            if !Bounds::CHINA.contains(lat, lng) || !bounds.contains(lat, lng) {
                e.add("lat", FieldCode::OutOfArea);
                None
            } else {
                Some(((lat * 1e6).round() as i64, (lng * 1e6).round() as i64))
            }
        }
        _ => {
            e.add("lat", FieldCode::InvalidNumber);
            None
        }
    };
    if let (Some(k), Some(c)) = (kind, &cat) {
        let no_account = matches!(asker, Asker::Anonymous);
        if (input.anonymous || no_account) && !c.anonymous_allowed(k) {
            e.add("anonymous", FieldCode::AnonymityNotAllowed);
        }
        if input.public && !c.public_allowed(k) {
            e.add("public", FieldCode::PublicationNotAllowed);
        }
    }
    if photos.len() > MAX_PHOTOS {
        e.add("photos", FieldCode::TooMany);
    }
    let mut checked_photos = Vec::new();
    for p in photos.into_iter().take(MAX_PHOTOS) {
        if p.bytes.len() > MAX_PHOTO_BYTES {
            e.add("photos", FieldCode::FileTooLarge);
            continue;
        }
        match FileType::sniff(&p.bytes) {
            Some(t @ (FileType::Jpeg | FileType::Png)) => checked_photos.push((t, p.bytes)),
            _ => e.add("photos", FieldCode::FileType),
        }
    }
    match (kind, cat, title, body, address, region) {
        (Some(kind), Some(cat), Some(title), Some(body), Some(address), Some(region))
            if e.is_empty() =>
        {
            Ok(Checked {
                kind,
                category: cat.code,
                title,
                body,
                region: region.as_str().to_owned(),
                address,
                location,
                public: input.public,
                anonymous: input.anonymous || matches!(asker, Asker::Anonymous),
                photos: checked_photos,
            })
        }
        _ => Err(yiwang_domain::Error::invalid(e).into()),
    }
}

/// Checks an idempotency key: 1–100 visible ASCII characters.
pub fn check_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || key.len() > 100 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(
            yiwang_domain::Error::field("idempotency_key", FieldCode::InvalidCharacters).into(),
        );
    }
    Ok(())
}

/// Submits an inquiry. `key` is the client's idempotency key (for the website's form, the
/// one-time key the form carries).
pub async fn submit(
    app: &AppState,
    asker: &Asker,
    input: &AskInput,
    photos: Vec<Photo>,
    key: Option<&str>,
) -> Result<Asked, Error> {
    if let Some(k) = key {
        check_key(k)?;
    }
    let c = check(app, input, photos, asker).await?;
    let category = category(app, &c.category).await?;
    let settings = app.store.inquiry_settings().await?;
    let today = Timestamp::now().beijing_date();
    let calendar = app.store.calendar().await?;
    let department = app.store.inquiry_route_for(&c.category, &c.region).await?;
    let limits = settings.limits(c.kind);
    let reply_span = match c.kind {
        Kind::Petition => limits.accept.unwrap_or(limits.reply),
        _ => category.reply_limit(c.kind, &settings),
    };
    let reply_due = due(&calendar, reply_span, today, &[]);
    let ack_due = department.and_then(|_| due(&calendar, limits.acknowledge, today, &[]));
    let (account, channel, contact, client, operator) = match asker {
        Asker::Citizen(a, ch) => (Some(*a), *ch, None, None, None),
        Asker::Anonymous => (None, Channel::Web, None, None, None),
        Asker::Caller { operator, contact } => {
            (None, Channel::Phone, Some(contact), None, Some(*operator))
        }
        Asker::Open311 { client, contact } => (
            None,
            Channel::Open311,
            Some(contact),
            Some(client.as_str()),
            None,
        ),
    };
    // The photos' bytes go to the file store first, under fresh keys: a crash before the
    // transaction leaves only unreferenced files, never an inquiry without its photos.
    let mut photo_rows = Vec::new();
    let mut digests = Vec::new();
    let files = if c.photos.is_empty() {
        None
    } else {
        Some(app.part::<FileStore>()?)
    };
    for (kind, bytes) in &c.photos {
        let digest = yiwang_crypto::sha256_hex(bytes);
        digests.push(digest.clone());
        let id = UploadId::generate();
        let storage_key = format!("inquiries/{id}");
        if let Some(f) = &files {
            f.put(&storage_key, bytes).await.map_err(Error::internal)?;
        }
        photo_rows.push((id, storage_key, *kind, bytes.len(), digest));
    }
    let request_hash = yiwang_crypto::sha256_hex(
        serde_json::json!({
            "kind": c.kind, "category": c.category, "title": c.title, "body": c.body,
            "region": c.region, "address": c.address, "location": c.location,
            "public": c.public, "anonymous": c.anonymous, "photos": digests,
        })
        .to_string()
        .as_bytes(),
    );
    let scoped_key = key.map(|k| match asker {
        Asker::Citizen(a, _) => format!("account:{a}:{k}"),
        Asker::Anonymous => format!("form:{k}"),
        Asker::Caller { operator, .. } => format!("staff:{operator}:{k}"),
        Asker::Open311 { client, .. } => format!("client:{client}:{k}"),
    });
    // A one-time code for whoever has no account to follow it with.
    let query_code = matches!(
        asker,
        Asker::Anonymous | Asker::Caller { .. } | Asker::Open311 { .. }
    )
    .then(new_query_code)
    .transpose()?;
    let s = &app.store;
    let mut tx = s.begin().await?;
    let query_hash = query_code
        .as_ref()
        .map(|code| s.vault().blind_index("inquiry_query", code));
    let (row, created) = s
        .submit_inquiry(
            &mut tx,
            &NewInquiry {
                kind: c.kind,
                category: &c.category,
                channel,
                title: &c.title,
                body: &c.body,
                region_code: &c.region,
                address: &c.address,
                location: c.location,
                wants_public: c.public,
                anonymous: c.anonymous,
                account_id: account,
                contact,
                query_hash: query_hash.as_deref(),
                client_id: client,
                recorded_by: operator,
                state: if department.is_some() {
                    InquiryState::Assigned
                } else {
                    InquiryState::Dispatch
                },
                department_id: department,
                ack_due,
                reply_due,
                idempotency_key: scoped_key.as_deref(),
                request_hash: &request_hash,
            },
        )
        .await?;
    if !created {
        tx.rollback().await.map_err(yiwang_store::Error::from)?;
        return Ok(Asked {
            row,
            created: false,
            query_code: None,
        });
    }
    let actor = match operator {
        Some(op) => EventActor::Staff(op),
        None => EventActor::Submitter,
    };
    let event = s
        .add_inquiry_event(
            &mut tx,
            &NewEvent {
                inquiry: row.id,
                kind: EventKind::Submitted,
                actor,
                department: None,
                note: "",
                detail: Some(serde_json::json!({ "channel": channel })),
            },
        )
        .await?;
    for (id, storage_key, kind, bytes, digest) in photo_rows {
        s.add_inquiry_file(
            &mut tx,
            &InquiryFile {
                id,
                inquiry_id: row.id,
                event_id: Some(event),
                role: "photo".into(),
                storage_key,
                file_type: kind.as_str().into(),
                bytes: bytes as i64,
                sha256: digest,
            },
        )
        .await?;
    }
    if let Some(d) = department {
        s.add_inquiry_event(
            &mut tx,
            &NewEvent {
                inquiry: row.id,
                kind: EventKind::Routed,
                actor: EventActor::System,
                department: Some(d),
                note: "",
                detail: Some(serde_json::json!({ "by": "rule" })),
            },
        )
        .await?;
        let received = Counts {
            received: 1,
            ..Counts::default()
        };
        s.bump_inquiry_stats(&mut tx, today, d, &c.region, &received)
            .await?;
    }
    let received = |code: &str| {
        Notice::Inquiry(InquiryNotice::Received {
            receipt: row.receipt.clone(),
            title: row.title.clone(),
            code: code.to_owned(),
        })
    };
    if let Some(a) = account {
        s.notify(&mut tx, &Recipient::Account(a), &received(""))
            .await?;
    } else if let (Some(contact), Some(code)) = (contact, &query_code)
        && let Ok(m) = yiwang_domain::identity::Mobile::parse(&contact.phone)
    {
        s.notify(
            &mut tx,
            &Recipient::Phone(m, yiwang_domain::Lang::ZhHans),
            &received(code),
        )
        .await?;
    }
    yiwang_store::commit(tx).await?;
    Ok(Asked {
        row,
        created: true,
        query_code,
    })
}

/// Eight characters of Crockford base 32 (no I, L, O, U): about 40 bits, typed easily from an
/// SMS or a note.
fn new_query_code() -> Result<String, Error> {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let bytes = yiwang_crypto::random::bytes::<8>().map_err(Error::internal)?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % 32] as char)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::Bounds;

    #[test]
    fn map_bounds_are_read_as_south_west_north_east_inside_china() {
        let b = Bounds::parse(" 29.9, 105.8 ,31.0,107.4").unwrap();
        assert_eq!(b, Bounds::GUANG_AN);
        assert!(b.contains(30.4564, 106.6331), "广安区");
        assert!(!b.contains(31.2304, 121.4737), "上海 is outside 广安");
        for bad in [
            "",
            "29.9,105.8,31.0",
            "29.9,105.8,31.0,107.4,1",
            "a,105.8,31.0,107.4",
            "NaN,105.8,31.0,107.4",
            "31.0,105.8,29.9,107.4",
            "29.9,107.4,31.0,105.8",
            "105.8,29.9,107.4,31.0",
            "48.8,2.2,48.9,2.4",
        ] {
            assert!(Bounds::parse(bad).is_err(), "{bad:?} accepted");
        }
    }
}
