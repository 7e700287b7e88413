//! The DCAT catalogue (W3C DCAT 3 with the properties DCAT-AP makes mandatory): the whole
//! catalogue at `/catalog.ttl` and `/catalog.jsonld`, one dataset at `/data/{name}.ttl` and
//! `/data/{name}.jsonld`. Every published dataset is a `dcat:Dataset` with `dct:identifier`
//! (its id), title, description and publisher (its department, a `foaf:Organization`), and a
//! `dcat:Distribution` per resource whose `dcat:accessURL` is an IRI. Written by hand: two
//! small serialisations, no RDF library.

use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

use super::dicts::resource_url;
use crate::services::catalog::{self, Entry, ckan_time};

/// One RDF statement's object.
enum Obj {
    Iri(String),
    Lit(String, Option<&'static str>),
    Typed(String, &'static str),
}

struct Node {
    id: String,
    class: &'static str,
    props: Vec<(&'static str, Obj)>,
}

const PREFIXES: &[(&str, &str)] = &[
    ("dcat", "http://www.w3.org/ns/dcat#"),
    ("dct", "http://purl.org/dc/terms/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("vcard", "http://www.w3.org/2006/vcard/ns#"),
];

/// An IRI safe inside `<…>`: characters Turtle forbids there are percent-encoded.
fn iri(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_control() || " <>\"{}|^`\\".contains(c) {
            for b in c.to_string().bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dataset_nodes(base: &str, e: &Entry, out: &mut Vec<Node>) -> String {
    let f = &e.d.fields;
    let id = format!("{base}/data/{}", f.name);
    let publisher = format!("{base}/organization/{}", e.org_name());
    let mut props = vec![
        ("dct:identifier", Obj::Lit(e.d.id.to_string(), None)),
        ("dct:title", Obj::Lit(f.title.clone(), Some("zh"))),
        (
            "dct:description",
            Obj::Lit(
                if f.notes.is_empty() {
                    f.title.clone()
                } else {
                    f.notes.clone()
                },
                Some("zh"),
            ),
        ),
        ("dct:publisher", Obj::Iri(publisher.clone())),
        ("dcat:landingPage", Obj::Iri(id.clone())),
        (
            "dct:issued",
            Obj::Typed(ckan_time(e.d.created_at), "xsd:dateTime"),
        ),
        (
            "dct:modified",
            Obj::Typed(ckan_time(e.d.modified_at), "xsd:dateTime"),
        ),
    ];
    if let Some(l) = e.licence.as_ref().filter(|l| !l.url.is_empty()) {
        props.push(("dct:license", Obj::Iri(l.url.clone())));
    }
    for t in &f.tags {
        props.push(("dcat:keyword", Obj::Lit(t.clone(), Some("zh"))));
    }
    if !f.version.is_empty() {
        props.push(("dcat:version", Obj::Lit(f.version.clone(), None)));
    }
    if let Some(r) = &f.region {
        props.push(("dct:spatial", Obj::Iri(format!("{base}/regions/{r}"))));
    }
    for (i, r) in e.resources.iter().enumerate() {
        let dist = format!("{base}/data/{}/resources/{}", f.name, r.id);
        props.push(("dcat:distribution", Obj::Iri(dist.clone())));
        let url = resource_url(base, e, r);
        let mut dp = vec![
            ("dct:identifier", Obj::Lit(r.id.to_string(), None)),
            ("dct:title", Obj::Lit(r.name.clone(), Some("zh"))),
            (
                "dcat:accessURL",
                Obj::Iri(if url.is_empty() {
                    dist.clone()
                } else {
                    url.clone()
                }),
            ),
            ("dct:format", Obj::Lit(r.format.clone(), None)),
            (
                "dct:modified",
                Obj::Typed(ckan_time(r.modified_at), "xsd:dateTime"),
            ),
        ];
        if !r.description.is_empty() {
            dp.push((
                "dct:description",
                Obj::Lit(r.description.clone(), Some("zh")),
            ));
        }
        if r.file_key.is_some() {
            dp.push(("dcat:downloadURL", Obj::Iri(url)));
        }
        if let Some(n) = r.size {
            dp.push((
                "dcat:byteSize",
                Obj::Typed(n.to_string(), "xsd:nonNegativeInteger"),
            ));
        }
        let _ = i;
        out.push(Node {
            id: dist,
            class: "dcat:Distribution",
            props: dp,
        });
    }
    out.push(Node {
        id: id.clone(),
        class: "dcat:Dataset",
        props,
    });
    if !out.iter().any(|n| n.id == publisher) {
        let name = e.org.as_ref().map_or(e.org_name(), |o| o.name.clone());
        out.push(Node {
            id: publisher,
            class: "foaf:Organization",
            props: vec![("foaf:name", Obj::Lit(name, Some("zh")))],
        });
    }
    id
}

fn catalogue_nodes(app: &AppState, base: &str, entries: &[Entry]) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut datasets = Vec::new();
    for e in entries {
        datasets.push(dataset_nodes(base, e, &mut nodes));
    }
    let me = format!("{base}/#publisher");
    let mut props = vec![
        (
            "dct:title",
            Obj::Lit(format!("{}开放数据目录", app.config.site_name), Some("zh")),
        ),
        (
            "dct:description",
            Obj::Lit(
                format!("{}各部门开放的数据集。", app.config.site_name),
                Some("zh"),
            ),
        ),
        ("dct:publisher", Obj::Iri(me.clone())),
        ("foaf:homepage", Obj::Iri(format!("{base}/data"))),
        (
            "dct:language",
            Obj::Iri("http://id.loc.gov/vocabulary/iso639-1/zh".into()),
        ),
    ];
    props.extend(datasets.into_iter().map(|d| ("dcat:dataset", Obj::Iri(d))));
    nodes.insert(
        0,
        Node {
            id: format!("{base}/catalog"),
            class: "dcat:Catalog",
            props,
        },
    );
    nodes.push(Node {
        id: me,
        class: "foaf:Organization",
        props: vec![(
            "foaf:name",
            Obj::Lit(app.config.site_name.clone(), Some("zh")),
        )],
    });
    nodes
}

fn turtle(nodes: &[Node]) -> String {
    let mut out = String::new();
    for (p, ns) in PREFIXES {
        out.push_str(&format!("@prefix {p}: <{ns}> .\n"));
    }
    for n in nodes {
        out.push_str(&format!("\n<{}> a {}", iri(&n.id), n.class));
        for (p, o) in &n.props {
            let o = match o {
                Obj::Iri(s) => format!("<{}>", iri(s)),
                Obj::Lit(s, Some(lang)) => format!("{}@{lang}", lit(s)),
                Obj::Lit(s, None) => lit(s),
                Obj::Typed(s, ty) => format!("{}^^{ty}", lit(s)),
            };
            out.push_str(&format!(" ;\n    {p} {o}"));
        }
        out.push_str(" .\n");
    }
    out
}

fn jsonld(nodes: &[Node]) -> Value {
    let context: serde_json::Map<String, Value> = PREFIXES
        .iter()
        .map(|(p, ns)| ((*p).to_owned(), json!(ns)))
        .collect();
    let graph: Vec<Value> = nodes
        .iter()
        .map(|n| {
            let mut m = serde_json::Map::new();
            m.insert("@id".into(), json!(n.id));
            m.insert("@type".into(), json!(n.class));
            for (p, o) in &n.props {
                let v = match o {
                    Obj::Iri(s) => json!({"@id": s}),
                    Obj::Lit(s, Some(lang)) => json!({"@value": s, "@language": lang}),
                    Obj::Lit(s, None) => json!({"@value": s}),
                    Obj::Typed(s, ty) => json!({"@value": s, "@type": ty}),
                };
                match m.get_mut(*p) {
                    Some(Value::Array(a)) => a.push(v),
                    Some(old) => {
                        let first = old.take();
                        *old = json!([first, v]);
                    }
                    None => {
                        m.insert((*p).to_owned(), v);
                    }
                }
            }
            Value::Object(m)
        })
        .collect();
    json!({"@context": context, "@graph": graph})
}

fn send(body: String, content_type: &'static str) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(content_type),
    );
    r
}

/// The catalogue or one dataset in a format (`ttl` or `jsonld`).
pub fn render(app: &AppState, base: &str, entries: &[Entry], one: bool, format: &str) -> Response {
    let nodes = if one {
        let mut nodes = Vec::new();
        for e in entries {
            dataset_nodes(base, e, &mut nodes);
        }
        nodes
    } else {
        catalogue_nodes(app, base, entries)
    };
    if format == "jsonld" {
        send(jsonld(&nodes).to_string(), "application/ld+json")
    } else {
        send(turtle(&nodes), "text/turtle; charset=utf-8")
    }
}

/// `GET /catalog.ttl`.
pub async fn catalog_ttl(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let base = yiwang_kit::respond::absolute(&app, &headers, "");
    let entries = catalog::load(&app, true).await?;
    Ok(render(&app, &base, &entries, false, "ttl"))
}

/// `GET /catalog.jsonld`.
pub async fn catalog_jsonld(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, Error> {
    let base = yiwang_kit::respond::absolute(&app, &headers, "");
    let entries = catalog::load(&app, true).await?;
    Ok(render(&app, &base, &entries, false, "jsonld"))
}
