//! The editors' console: the portals a caller edits (`/console/portals`), a region's editor
//! (`/console/portals/{code}`: the page with a preview before saving, projects, preferential
//! policies, indicators) and a project's editor (`/console/projects/{id}`, with its PDF).

use askama::Template;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::Response;
use yiwang_domain::auth::Permission;
use yiwang_domain::ids::ProjectId;
use yiwang_domain::region::RegionCode;
use yiwang_domain::{ErrorCode, FieldCode};
use yiwang_kit::console::{NavLink, nav};
use yiwang_kit::ctx::Ctx;
use yiwang_kit::error::Error;
use yiwang_kit::extract::{Form, Path};
use yiwang_kit::respond::see_other;
use yiwang_kit::state::AppState;
use yiwang_kit::views::layout::Section;
use yiwang_kit::views::{FormErrors, Layout, html, html_invalid};
use yiwang_store::portals::{ContactLine, Leader, PortalContent};
use yiwang_store::regions::Region;

use super::{ChartView, Choice, ProjectView, charts, choices, indicator_choices, paragraphs};
use crate::rules::{self, ProjectInput, SECTORS, STAGES, contact_lines, leader_lines};
use crate::services::edit::{self, PageInput};
use crate::texts::PortalTexts;

type Pairs = Vec<(String, String)>;

fn get<'a>(p: &'a Pairs, k: &str) -> &'a str {
    p.iter()
        .find(|(a, _)| a == k)
        .map_or("", |(_, v)| v.as_str())
}

#[derive(Template)]
#[template(path = "console/portals/home.html")]
struct HomePage {
    l: Layout,
    nav: Vec<NavLink>,
    regions: Vec<Region>,
}

/// `GET /console/portals`: the regions of the caller's grants and the regions below them.
pub async fn home(State(app): State<AppState>, ctx: Ctx) -> Result<Response, Error> {
    let mut regions: Vec<Region> = Vec::new();
    let grants = ctx
        .principal
        .staff()
        .map(|(_, g)| g.to_vec())
        .unwrap_or_default();
    for g in grants
        .iter()
        .filter(|g| Permission::EditPortal.granted_to(g.role))
    {
        if !crate::services::served(&app, &g.region) {
            continue;
        }
        let r = app.store.region(&g.region).await?;
        if !regions.iter().any(|x| x.code == r.code) {
            regions.push(r);
        }
        for c in app.store.region_children(&g.region).await? {
            if !regions.iter().any(|x| x.code == c.code) {
                regions.push(c);
            }
        }
    }
    html(&HomePage {
        l: Layout::new(&app, &ctx, ctx.t().console_portals(), Section::Console).await,
        nav: nav(&app, &ctx, "/console/portals"),
        regions,
    })
}

/// What the editor page shows besides its forms' values.
#[derive(Default)]
pub struct Preview {
    intro: Vec<String>,
    leaders: Vec<Leader>,
    contacts: Vec<ContactLine>,
    office: String,
}

#[derive(Template)]
#[template(path = "console/portals/edit.html")]
struct EditPage {
    l: Layout,
    nav: Vec<NavLink>,
    region: Region,
    revision: i64,
    page: PageInput,
    offices: Vec<Choice>,
    preview: Option<Preview>,
    saved: bool,
    projects: Vec<ProjectView>,
    new_project: ProjectInput,
    sectors: Vec<Choice>,
    stages: Vec<Choice>,
    policies: String,
    indicators: Vec<Choice>,
    charts: Vec<ChartView>,
    children: Vec<Region>,
    errors: FormErrors,
}

/// The values of the editor's forms when it is not the one shown from a post.
struct Forms {
    page: Option<(PageInput, i64)>,
    preview: Option<PortalContent>,
    new_project: Option<ProjectInput>,
    policies: Option<String>,
    saved: bool,
}

impl Forms {
    fn none() -> Forms {
        Forms {
            page: None,
            preview: None,
            new_project: None,
            policies: None,
            saved: false,
        }
    }
}

async fn edit_page(
    app: &AppState,
    ctx: &Ctx,
    code: &RegionCode,
    forms: Forms,
    errors: FormErrors,
) -> Result<EditPage, Error> {
    let t = ctx.t();
    let region = edit::editable(app, ctx, code).await?;
    let stored = app.store.portal_page(code.as_str()).await?;
    let (page, revision) = forms.page.unwrap_or_else(|| match &stored {
        Some(s) => (
            PageInput {
                intro: s.content.intro.clone(),
                leaders: leader_lines(&s.content.leaders),
                contacts: contact_lines(&s.content.contacts),
                invest_office: s
                    .content
                    .invest_office
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            },
            s.revision,
        ),
        None => (PageInput::default(), 0),
    });
    let offices_list = edit::offices(app, code).await?;
    // The select's first option ("none named") is the macro's placeholder.
    let offices: Vec<Choice> = offices_list
        .iter()
        .map(|d| Choice {
            value: d.id.to_string(),
            label: d.name.clone(),
            selected: d.id.to_string() == page.invest_office,
        })
        .collect();
    let preview = forms.preview.map(|c| Preview {
        intro: paragraphs(&c.intro),
        office: c
            .invest_office
            .and_then(|id| offices_list.iter().find(|d| d.id == id))
            .map(|d| d.name.clone())
            .unwrap_or_default(),
        leaders: c.leaders,
        contacts: c.contacts,
    });
    let projects = app
        .store
        .region_projects(code.as_str(), false)
        .await?
        .iter()
        .map(|p| ProjectView::new(t, p))
        .collect();
    let new_project = forms.new_project.unwrap_or_default();
    let policies = match forms.policies {
        Some(p) => p,
        None => app
            .store
            .portal_policies(code.as_str())
            .await?
            .into_iter()
            .map(|p| p.index_no)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    Ok(EditPage {
        l: Layout::new(
            app,
            ctx,
            yiwang_kit::zh::display(&region.name, ctx.prefs.lang),
            Section::Console,
        )
        .await,
        nav: nav(app, ctx, "/console/portals"),
        revision,
        page,
        offices,
        preview,
        saved: forms.saved,
        projects,
        sectors: choices(t, SECTORS, &new_project.sector),
        stages: choices(t, STAGES, &new_project.stage),
        new_project,
        policies,
        indicators: indicator_choices(t),
        charts: charts(t, &app.store.portal_indicators(code.as_str()).await?),
        children: app.store.region_children(code).await?,
        region,
        errors,
    })
}

/// `GET /console/portals/{code}`.
pub async fn edit(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    html(&edit_page(&app, &ctx, &code, Forms::none(), FormErrors::default()).await?)
}

/// `GET /console/portals/{code}/saved`: the editor after a save.
pub async fn saved(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
) -> Result<Response, Error> {
    let forms = Forms {
        saved: true,
        ..Forms::none()
    };
    html(&edit_page(&app, &ctx, &code, forms, FormErrors::default()).await?)
}

async fn invalid(
    app: &AppState,
    ctx: &Ctx,
    code: &RegionCode,
    forms: Forms,
    r: Result<(), Error>,
) -> Result<Response, Error> {
    match r {
        Ok(()) => Ok(see_other(&format!("/console/portals/{code}/saved"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&edit_page(app, ctx, code, forms, errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/portals/{code}`: `action=preview` shows the page as readers will see it,
/// changing nothing; `action=save` saves it.
pub async fn save(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let input = PageInput {
        intro: get(&p, "intro").into(),
        leaders: get(&p, "leaders").into(),
        contacts: get(&p, "contacts").into(),
        invest_office: get(&p, "invest_office").into(),
    };
    let revision: i64 = get(&p, "revision")
        .parse()
        .map_err(|_| Error::code(ErrorCode::Conflict))?;
    if get(&p, "action") == "preview" {
        edit::editable(&app, &ctx, &code).await?;
        let r = edit::check_page(&app, &code, &input).await;
        let (preview, errors) = match r {
            Ok(c) => (Some(c), FormErrors::default()),
            Err(Error::Domain(e)) if !e.fields.is_empty() => {
                (None, FormErrors::from_error(&e, ctx.t()))
            }
            Err(e) => return Err(e),
        };
        let forms = Forms {
            page: Some((input, revision)),
            preview,
            ..Forms::none()
        };
        let page = edit_page(&app, &ctx, &code, forms, errors).await?;
        return if page.errors.any() {
            html_invalid(&page)
        } else {
            html(&page)
        };
    }
    let r = edit::save_page(&app, &ctx, &code, revision, &input)
        .await
        .map(|_| ());
    let forms = Forms {
        page: Some((input, revision)),
        ..Forms::none()
    };
    invalid(&app, &ctx, &code, forms, r).await
}

fn project_input(p: &Pairs) -> ProjectInput {
    ProjectInput {
        title: get(p, "title").into(),
        sector: get(p, "sector").into(),
        location: get(p, "location").into(),
        land_mu: get(p, "land_mu").into(),
        investment_wan: get(p, "investment_wan").into(),
        stage: get(p, "stage").into(),
        contact: get(p, "contact").into(),
        summary: get(p, "summary").into(),
    }
}

/// `POST /console/portals/{code}/projects`: a new draft project.
pub async fn create_project(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let input = project_input(&p);
    match edit::create_project(&app, &ctx, &code, &input).await {
        Ok(id) => Ok(see_other(&format!("/console/projects/{id}"))),
        Err(e) => {
            let forms = Forms {
                new_project: Some(input),
                ..Forms::none()
            };
            invalid(&app, &ctx, &code, forms, Err(e)).await
        }
    }
}

/// `POST /console/portals/{code}/policies`.
pub async fn set_policies(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let text = get(&p, "policies").to_owned();
    let r = edit::set_policies(&app, &ctx, &code, &text).await;
    let forms = Forms {
        policies: Some(text),
        ..Forms::none()
    };
    invalid(&app, &ctx, &code, forms, r).await
}

/// `POST /console/portals/{code}/indicators`.
pub async fn put_indicator(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(code): Path<RegionCode>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let r = edit::put_indicator(
        &app,
        &ctx,
        &code,
        get(&p, "indicator"),
        get(&p, "period"),
        get(&p, "value"),
    )
    .await;
    invalid(&app, &ctx, &code, Forms::none(), r).await
}

#[derive(Template)]
#[template(path = "console/portals/project.html")]
struct ProjectPage {
    l: Layout,
    nav: Vec<NavLink>,
    p: ProjectView,
    f: ProjectInput,
    revision: i64,
    sectors: Vec<Choice>,
    stages: Vec<Choice>,
    errors: FormErrors,
}

async fn project_page(
    app: &AppState,
    ctx: &Ctx,
    id: ProjectId,
    f: Option<ProjectInput>,
    errors: FormErrors,
) -> Result<ProjectPage, Error> {
    let t = ctx.t();
    let row = edit::project(app, ctx, id).await?;
    let f = f.unwrap_or_else(|| ProjectInput {
        title: row.fields.title.clone(),
        sector: row.fields.sector.clone(),
        location: row.fields.location.clone(),
        land_mu: if row.fields.land_m2 == 0 {
            String::new()
        } else {
            rules::hundredths_text(rules::m2_to_mu_x100(row.fields.land_m2))
        },
        investment_wan: row.fields.investment_wan.to_string(),
        stage: row.fields.stage.clone(),
        contact: row.fields.contact.clone(),
        summary: row.fields.summary.clone(),
    });
    Ok(ProjectPage {
        l: Layout::new(app, ctx, row.fields.title.clone(), Section::Console).await,
        nav: nav(app, ctx, "/console/portals"),
        p: ProjectView::new(t, &row),
        revision: row.revision,
        sectors: choices(t, SECTORS, &f.sector),
        stages: choices(t, STAGES, &f.stage),
        f,
        errors,
    })
}

/// `GET /console/projects/{id}`.
pub async fn project(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ProjectId>,
) -> Result<Response, Error> {
    html(&project_page(&app, &ctx, id, None, FormErrors::default()).await?)
}

/// `POST /console/projects/{id}`: saves the fields and whether it is published.
pub async fn save_project(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ProjectId>,
    Form(p): Form<Pairs>,
) -> Result<Response, Error> {
    let input = project_input(&p);
    let revision: i64 = get(&p, "revision")
        .parse()
        .map_err(|_| Error::code(ErrorCode::Conflict))?;
    let published = get(&p, "published") == "1";
    match edit::save_project(&app, &ctx, id, revision, &input, published).await {
        Ok(()) => Ok(see_other(&format!("/console/projects/{id}"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&project_page(&app, &ctx, id, Some(input), errors).await?)
        }
        Err(e) => Err(e),
    }
}

/// `POST /console/projects/{id}/document` (multipart: `file`): the project's PDF.
pub async fn upload(
    State(app): State<AppState>,
    ctx: Ctx,
    Path(id): Path<ProjectId>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, Error> {
    let mut multipart = multipart.map_err(|_| Error::code(ErrorCode::InvalidBody))?;
    let mut file: Option<Vec<u8>> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?
    {
        if field.name() == Some("file") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| Error::code(ErrorCode::PayloadTooLarge))?;
            file = Some(bytes.to_vec());
        }
    }
    let r = match file {
        Some(bytes) => edit::attach_document(&app, &ctx, id, &bytes).await,
        None => Err(Error::field("file", FieldCode::Required)),
    };
    match r {
        Ok(()) => Ok(see_other(&format!("/console/projects/{id}"))),
        Err(Error::Domain(e)) if !e.fields.is_empty() => {
            let errors = FormErrors::from_error(&e, ctx.t());
            html_invalid(&project_page(&app, &ctx, id, None, errors).await?)
        }
        Err(e) => Err(e),
    }
}
