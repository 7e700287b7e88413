//! The news columns (PUB-1): a platform admin adds, renames, nests (one level) and orders
//! them. A column's code is its address and stays.

use yiwang_domain::audit::AuditAction;
use yiwang_domain::publishing::{ColumnInput, DocKind};

use yiwang_kit::audit::{Target, record};
use yiwang_kit::caller::Caller;
use yiwang_kit::error::Error;
use yiwang_kit::state::AppState;

fn target(code: &str, step: &str) -> Target {
    Target {
        kind: Some("column"),
        id: Some(code.to_owned()),
        subject: None,
        region: None,
        department: None,
        detail: Some(serde_json::json!({ "step": step })),
    }
}

/// Adds a column (`editing` = `None`) or changes one.
pub async fn save(
    app: &AppState,
    caller: &Caller,
    input: &ColumnInput,
    editing: Option<&str>,
) -> Result<String, Error> {
    let existing = app.store.doc_columns().await?;
    if let Some(code) = editing {
        let Some(current) = existing.iter().find(|c| c.code == code) else {
            return Err(Error::not_found());
        };
        // A column's documents stay what they are: its kind does not change.
        if DocKind::parse(input.kind.trim()) != Some(current.kind) {
            return Err(Error::field(
                "kind",
                yiwang_domain::FieldCode::InvalidChoice,
            ));
        }
    }
    let places: Vec<_> = existing
        .iter()
        .map(|c| (c.code.as_str(), c.parent.as_deref()))
        .collect();
    let column = input
        .check(&places, editing)
        .map_err(|e| Error::Domain(yiwang_domain::Error::invalid(e)))?;
    let code = column.code.clone();
    let mut tx = app.store.begin().await?;
    app.store.put_doc_column(&mut tx, &column).await?;
    let step = if editing.is_some() {
        "change"
    } else {
        "create"
    };
    record(
        &app.store,
        caller,
        &mut tx,
        AuditAction::DocumentChanged,
        target(&code, step),
    )
    .await?;
    yiwang_store::commit(tx).await?;
    super::forget_front(app);
    Ok(code)
}
