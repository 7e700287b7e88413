//! Open311 GeoReport v2 (INQ-5) at `/open311/v2/`: the categories as services with a service
//! definition, requests posted by a registered client with its API key, and the public
//! requests read back — in JSON and XML, with the standard's error arrays. A request is an
//! inquiry like any other: routed, handled and answered in the same loop.

use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use yiwang_domain::Timestamp;
use yiwang_domain::inquiry::{Category, Kind};
use yiwang_store::inquiries::open311::PublicQuery;
use yiwang_store::inquiries::{Contact, InquiryRow};

use crate::services::submit::{self, AskInput, Asker};
use yiwang_kit::error::Error;
use yiwang_kit::respond::xml_escape;
use yiwang_kit::state::AppState;

const SPEC: &str = "http://wiki.open311.org/GeoReport_v2";
/// The kinds a client may post, the first being the default of the `kind` attribute.
const KINDS: [Kind; 5] = [
    Kind::Complaint,
    Kind::Help,
    Kind::Question,
    Kind::Suggestion,
    Kind::Report,
];
const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Xml,
}

/// `name.json` or `name.xml` → (name, format).
fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(n) = file.strip_suffix(".json") {
        Some((n, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|n| (n, Format::Xml))
    }
}

/// Writes a JSON value as the standard's XML: objects become elements, an array of objects
/// repeats `item` for each.
fn xml_value(out: &mut String, name: &str, v: &Value, item: &str) {
    match v {
        Value::Null => out.push_str(&format!("<{name}/>")),
        Value::Array(xs) => {
            out.push_str(&format!("<{name}>"));
            for x in xs {
                xml_value(out, item, x, "value");
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::Object(m) => {
            out.push_str(&format!("<{name}>"));
            for (k, x) in m {
                let inner = if k == "attributes" {
                    "attribute"
                } else {
                    "value"
                };
                xml_value(out, k, x, inner);
            }
            out.push_str(&format!("</{name}>"));
        }
        Value::String(s) => out.push_str(&format!("<{name}>{}</{name}>", xml_escape(s))),
        other => out.push_str(&format!("<{name}>{other}</{name}>")),
    }
}

fn respond(status: StatusCode, format: Format, root: &str, item: &str, v: Value) -> Response {
    match format {
        Format::Json => (status, axum::Json(v)).into_response(),
        Format::Xml => {
            let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            match &v {
                Value::Array(xs) => {
                    out.push_str(&format!("<{root}>"));
                    for x in xs {
                        xml_value(&mut out, item, x, "value");
                    }
                    out.push_str(&format!("</{root}>"));
                }
                other => xml_value(&mut out, root, other, "value"),
            }
            (
                status,
                [(header::CONTENT_TYPE, "text/xml; charset=utf-8")],
                out,
            )
                .into_response()
        }
    }
}

/// The standard's error answer: `[{code, description}]`, or `<errors><error>…`.
fn error(status: StatusCode, format: Format, description: &str) -> Response {
    let v = json!([{ "code": status.as_u16(), "description": description }]);
    respond(status, format, "errors", "error", v)
}

fn internal(format: Format, e: &Error) -> Response {
    tracing::error!(error = ?e, "open311");
    error(StatusCode::INTERNAL_SERVER_ERROR, format, "internal error")
}

fn root_url(app: &AppState, headers: &HeaderMap) -> String {
    let base = match &app.config.public_url {
        Some(u) => u.trim_end_matches('/').to_owned(),
        None => {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or("localhost");
            format!("http://{host}")
        }
    };
    format!("{base}/open311/v2")
}

/// `GET /open311/v2/discovery.json` (or `.xml`).
pub async fn discovery(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    let Some(("discovery", format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    let v = json!({
        "changeset": "2026-12-06T00:00:00Z",
        "contact": "12345",
        "key_service": "API keys are issued by the platform's administrators.",
        "endpoints": [{
            "specification": SPEC,
            "url": root_url(&app, &headers),
            "changeset": "2026-12-06T00:00:00Z",
            "type": "production",
            "formats": ["text/xml", "application/json"],
        }],
    });
    respond(StatusCode::OK, format, "discovery", "endpoint", v)
}

fn service(c: &Category) -> Value {
    json!({
        "service_code": c.code,
        "service_name": c.name.zh,
        "description": c.description.zh,
        "metadata": true,
        "type": "realtime",
        "keywords": c.group.zh,
        "group": c.group.zh,
    })
}

fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Question => "咨询",
        Kind::Help => "求助",
        Kind::Complaint => "投诉",
        Kind::Report => "举报",
        Kind::Suggestion => "建议",
        Kind::Petition => "信访",
    }
}

fn definition(c: &Category) -> Value {
    let values: Vec<Value> = KINDS
        .iter()
        .map(|k| json!({ "key": k.as_str(), "name": kind_label(*k) }))
        .collect();
    json!({
        "service_code": c.code,
        "attributes": [{
            "variable": true,
            "code": "kind",
            "datatype": "singlevaluelist",
            "required": true,
            "datatype_description": "咨询、求助、投诉、举报或建议",
            "order": 1,
            "description": "诉求类型",
            "values": values,
        }],
    })
}

async fn categories(app: &AppState) -> Result<Vec<Category>, Error> {
    Ok(app
        .store
        .inquiry_categories()
        .await?
        .into_iter()
        .filter(|c| c.active)
        .collect())
}

/// `GET /open311/v2/services.json` (or `.xml`).
pub async fn services(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some(("services", format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    match categories(&app).await {
        Ok(cs) => {
            let v = Value::Array(cs.iter().map(service).collect());
            respond(StatusCode::OK, format, "services", "service", v)
        }
        Err(e) => internal(format, &e),
    }
}

/// `GET /open311/v2/services/{code}.json` (or `.xml`): the service definition.
pub async fn service_definition(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((code, format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    match app.store.inquiry_category(code).await {
        Ok(Some(c)) if c.active => respond(
            StatusCode::OK,
            format,
            "service_definition",
            "",
            definition(&c),
        ),
        Ok(_) => error(StatusCode::NOT_FOUND, format, "no such service_code"),
        Err(e) => internal(format, &e.into()),
    }
}

fn status(row: &InquiryRow) -> &'static str {
    if row.state.is_open() {
        "open"
    } else {
        "closed"
    }
}

/// The public inquiries asked for, with the names their people gave (to mask).
async fn with_people(
    app: &AppState,
    q: &PublicQuery,
) -> Result<
    (
        Vec<InquiryRow>,
        std::collections::HashMap<yiwang_domain::ids::InquiryId, String>,
    ),
    Error,
> {
    let rows = app.store.public_inquiries(q).await?;
    let ids: Vec<_> = rows
        .iter()
        .filter(|r| r.has_contact)
        .map(|r| r.id)
        .collect();
    let people = app.store.inquiry_contact_names(&ids).await?;
    Ok((rows, people))
}

/// Each category's name by code, for `service_name`.
async fn names(app: &AppState) -> Result<std::collections::HashMap<String, String>, Error> {
    Ok(app
        .store
        .inquiry_categories()
        .await?
        .into_iter()
        .map(|c| (c.code, c.name.zh))
        .collect())
}

fn request(
    row: &InquiryRow,
    names: &std::collections::HashMap<String, String>,
    people: &std::collections::HashMap<yiwang_domain::ids::InquiryId, String>,
) -> Value {
    // The name the person gave is masked wherever it appears, as on the board.
    let given: Vec<&str> = people
        .get(&row.id)
        .map(String::as_str)
        .into_iter()
        .collect();
    let masked = |s: &str| yiwang_domain::inquiry::mask::mask(s, &given);
    let (lat, long) = match row.location {
        Some((la, ln)) => (json!(la as f64 / 1e6), json!(ln as f64 / 1e6)),
        None => (Value::Null, Value::Null),
    };
    json!({
        "service_request_id": row.receipt,
        "status": status(row),
        "status_notes": row.reply.as_deref().map(masked),
        "service_name": names.get(&row.category).unwrap_or(&row.category),
        "service_code": row.category,
        "description": masked(&row.body),
        "agency_responsible": row.department_name,
        "service_notice": Value::Null,
        "requested_datetime": row.created_at.rfc3339(),
        "updated_datetime": row.updated_at.rfc3339(),
        "expected_datetime": row.due_on.map(|d| format!("{d}T18:00:00+08:00")),
        "address": row.address,
        "address_id": Value::Null,
        "zipcode": Value::Null,
        "lat": lat,
        "long": long,
        "media_url": Value::Null,
    })
}

/// Parses a W3C date and time (`2026-12-06T09:30:00+08:00`, `…Z`, seconds and fractions
/// optional) into an instant.
pub fn parse_w3c(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    let (date, rest) = s.split_once('T')?;
    let mut d = date.split('-');
    let year: i32 = d.next()?.parse().ok()?;
    let month: u8 = d.next()?.parse().ok()?;
    let day: u8 = d.next()?.parse().ok()?;
    if d.next().is_some() {
        return None;
    }
    let (clock, offset_secs) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0i64)
    } else {
        let at = rest.rfind(['+', '-'])?;
        let (c, off) = rest.split_at(at);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (h, m) = off[1..].split_once(':')?;
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        if h > 23 || m > 59 {
            return None;
        }
        (c, sign * (h * 3600 + m * 60))
    };
    let mut parts = clock.split(':');
    let hour: u8 = parts.next()?.parse().ok()?;
    let minute: u8 = parts.next()?.parse().ok()?;
    let second: f64 = match parts.next() {
        Some(x) => x.parse().ok()?,
        None => 0.0,
    };
    if parts.next().is_some() || !(0.0..60.0).contains(&second) {
        return None;
    }
    let month = time::Month::try_from(month).ok()?;
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let t = time::Time::from_hms(hour, minute, second as u8).ok()?;
    let utc = date.with_time(t).assume_utc().unix_timestamp() - offset_secs;
    Some(Timestamp(utc * 1000 + ((second.fract() * 1000.0) as i64)))
}

/// `GET /open311/v2/requests.json` (or `.xml`): public requests, newest first, by id, service,
/// status and a window of at most 90 days (the last 90 by default), at most 1000.
pub async fn requests(
    State(app): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let Some(("requests", format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    let get = |k: &str| {
        q.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let now = Timestamp::now();
    let parse = |k: &'static str| match get(k) {
        None => Ok(None),
        Some(v) => parse_w3c(v).map(Some).ok_or(k),
    };
    let (from, to) = match (parse("start_date"), parse("end_date")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(k), _) | (_, Err(k)) => {
            return error(
                StatusCode::BAD_REQUEST,
                format,
                &format!("{k} is not a W3C date and time"),
            );
        }
    };
    let to = to.unwrap_or(now);
    let from = from.unwrap_or(Timestamp(to.0 - 90 * DAY_MS));
    if to.0 < from.0 || to.0 - from.0 > 90 * DAY_MS {
        return error(
            StatusCode::BAD_REQUEST,
            format,
            "start_date must be before end_date, at most 90 days apart",
        );
    }
    let open = match get("status") {
        None => None,
        Some(s) => {
            let set: Vec<&str> = s.split(',').map(str::trim).collect();
            if set.iter().any(|x| !matches!(*x, "open" | "closed")) {
                return error(
                    StatusCode::BAD_REQUEST,
                    format,
                    "status is open, closed or both",
                );
            }
            match (set.contains(&"open"), set.contains(&"closed")) {
                (true, false) => Some(true),
                (false, true) => Some(false),
                _ => None,
            }
        }
    };
    let receipts: Vec<String> = get("service_request_id")
        .map(|s| {
            s.split(',')
                .map(|x| x.trim().to_owned())
                .take(100)
                .collect()
        })
        .unwrap_or_default();
    let query = PublicQuery {
        // Asked by id, the window does not apply.
        from: if receipts.is_empty() {
            from
        } else {
            Timestamp(0)
        },
        to: if receipts.is_empty() {
            to
        } else {
            Timestamp(i64::MAX / 2)
        },
        receipts,
        category: get("service_code").unwrap_or("").to_owned(),
        open,
        limit: 1000,
    };
    let found = match names(&app).await {
        Ok(n) => with_people(&app, &query).await.map(|(r, p)| (r, n, p)),
        Err(e) => Err(e),
    };
    match found {
        Ok((rows, names, people)) => {
            let v = Value::Array(rows.iter().map(|r| request(r, &names, &people)).collect());
            respond(StatusCode::OK, format, "service_requests", "request", v)
        }
        Err(e) => internal(format, &e),
    }
}

/// `GET /open311/v2/requests/{id}.json` (or `.xml`).
pub async fn one_request(State(app): State<AppState>, Path(file): Path<String>) -> Response {
    let Some((id, format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    let query = PublicQuery {
        receipts: vec![id.to_owned()],
        from: Timestamp(0),
        to: Timestamp(i64::MAX / 2),
        limit: 1,
        ..PublicQuery::default()
    };
    let found = match names(&app).await {
        Ok(n) => with_people(&app, &query).await.map(|(r, p)| (r, n, p)),
        Err(e) => Err(e),
    };
    match found {
        Ok((rows, names, people)) if !rows.is_empty() => {
            let v = Value::Array(rows.iter().map(|r| request(r, &names, &people)).collect());
            respond(StatusCode::OK, format, "service_requests", "request", v)
        }
        Ok(_) => error(
            StatusCode::NOT_FOUND,
            format,
            "no such public service_request_id",
        ),
        Err(e) => internal(format, &e),
    }
}

/// `GET /open311/v2/tokens/{token}.json`: requests are given their id at once, so no token is
/// ever outstanding.
pub async fn token(Path(file): Path<String>) -> Response {
    let format = split(&file).map(|(_, f)| f).unwrap_or(Format::Json);
    error(StatusCode::NOT_FOUND, format, "no such token")
}

/// `POST /open311/v2/requests.json` (or `.xml`), form-encoded with the client's `api_key`.
pub async fn post_request(
    State(app): State<AppState>,
    Path(file): Path<String>,
    form: Result<axum::Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let Some(("requests", format)) = split(&file) else {
        return error(StatusCode::NOT_FOUND, Format::Json, "not found");
    };
    let Ok(axum::Form(fields)) = form else {
        return error(
            StatusCode::BAD_REQUEST,
            format,
            "the body must be application/x-www-form-urlencoded",
        );
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let key = get("api_key");
    let key_hash = yiwang_crypto::sha256_hex(key.as_bytes());
    let client = match app.store.open311_client(&key_hash).await {
        Ok(Some(c)) if !key.is_empty() => c,
        Ok(_) => {
            return error(
                StatusCode::FORBIDDEN,
                format,
                "api_key is missing or not valid",
            );
        }
        Err(e) => return internal(format, &e.into()),
    };
    let code = get("service_code");
    let category = match app.store.inquiry_category(&code).await {
        Ok(Some(c)) if c.active => c,
        Ok(_) => return error(StatusCode::NOT_FOUND, format, "no such service_code"),
        Err(e) => return internal(format, &e.into()),
    };
    let (lat, lng, address) = (get("lat"), get("long"), get("address_string"));
    if (lat.is_empty() || lng.is_empty()) && address.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            format,
            "a location is required: lat and long, or address_string",
        );
    }
    let number = |s: &str| (!s.is_empty()).then(|| s.parse::<f64>().ok()).flatten();
    if (!lat.is_empty() && number(&lat).is_none()) || (!lng.is_empty() && number(&lng).is_none()) {
        return error(
            StatusCode::BAD_REQUEST,
            format,
            "lat and long must be decimal degrees",
        );
    }
    let kind = match get("attribute[kind]").as_str() {
        "" => Kind::Complaint,
        k => match Kind::parse(k).filter(|k| KINDS.contains(k)) {
            Some(k) => k,
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    format,
                    "attribute[kind] is not one of the service definition's values",
                );
            }
        },
    };
    let description = get("description");
    let title: String = description
        .lines()
        .next()
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    let name = match get("name") {
        n if n.is_empty() => format!("{}{}", get("last_name"), get("first_name")),
        n => n,
    };
    let contact = Contact {
        name: name.chars().take(60).collect(),
        phone: get("phone").chars().take(30).collect(),
        email: get("email").chars().take(120).collect(),
    };
    let input = AskInput {
        kind: kind.as_str().to_owned(),
        category: category.code.clone(),
        title,
        body: description,
        region: app.config.root_region.as_str().to_owned(),
        address: address.chars().take(120).collect(),
        lat: number(&lat),
        lng: number(&lng),
        // Reports to an Open311 endpoint are public by convention, where the kind and the
        // category allow it.
        public: category.public_allowed(kind),
        anonymous: false,
    };
    let asker = Asker::Open311 { client, contact };
    match submit::submit(&app, &asker, &input, Vec::new(), None).await {
        Ok(asked) => {
            let v = json!([{
                "service_request_id": asked.row.receipt,
                "service_notice": "",
                "account_id": Value::Null,
            }]);
            respond(
                StatusCode::CREATED,
                format,
                "service_requests",
                "request",
                v,
            )
        }
        Err(Error::Domain(e)) if e.code == yiwang_domain::ErrorCode::ValidationFailed => {
            let fields: Vec<String> = e
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.field, f.code.as_str()))
                .collect();
            error(StatusCode::BAD_REQUEST, format, &fields.join("; "))
        }
        Err(e) => internal(format, &e),
    }
}
