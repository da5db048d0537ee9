//! Decoder for `kind: service`.

use crate::diag::{Code, Diagnostic, suggestion};
use crate::load::decode::{Decode, DecodeCx, Schemas};
use crate::load::json_schema;
use crate::model::values::Id;
use crate::model::{
    Actor, Availability, AvailabilityRecord, Backup, Branch, Contract, CriteriaCell, CriteriaColumn, CriteriaRow,
    CriteriaTable, DataLocation, DeletionRule, IncidentResponse, LogClock, LogRetention, Manual, Procedure,
    Responsibilities, Service, Step, Text, Vulnerability,
};
use crate::source::Spanned;
use crate::yaml::{Node, NodeKind};

impl Decode for Responsibilities {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the responsibilities")?;
        let provider = m.list(cx, "provider");
        let customer = m.list(cx, "customer");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Responsibilities { provider, customer, note })
    }
}

impl Decode for AvailabilityRecord {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "an availability record")?;
        let period = m.req(cx, "period");
        let value = m.req(cx, "value");
        m.finish(cx);
        Some(AvailabilityRecord { period: period?, value: value? })
    }
}

impl Decode for Availability {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the availability")?;
        let hours = m.req(cx, "hours");
        let exclusions = m.list(cx, "exclusions");
        let target = m.opt(cx, "target");
        let records = m.list(cx, "records");
        let out_of_hours = m.opt(cx, "out_of_hours");
        m.finish(cx);
        Some(Availability { hours: hours?, exclusions, target, records, out_of_hours })
    }
}

impl Decode for DataLocation {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the data location")?;
        let region = m.req(cx, "region");
        let detail = m.opt(cx, "detail");
        m.finish(cx);
        Some(DataLocation { region: region?, detail })
    }
}

impl Decode for DeletionRule {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a deletion rule")?;
        let data = m.req(cx, "data");
        let within = m.req(cx, "within");
        let after = m.req(cx, "after");
        let method = m.opt(cx, "method");
        m.finish(cx);
        Some(DeletionRule { data: data?, within: within?, after: after?, method, span: node.span })
    }
}

impl Decode for Backup {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a backup")?;
        let id = m.req(cx, "id");
        let data = m.req(cx, "data");
        let schedule = m.req(cx, "schedule");
        let generations = m.req(cx, "generations");
        let location = m.opt(cx, "location");
        let method = m.opt(cx, "method");
        let customer_data = m.flag(cx, "customer_data", true);
        m.finish(cx);
        Some(Backup {
            id: id?,
            data: data?,
            schedule: schedule?,
            generations: generations?,
            location,
            method,
            customer_data,
            span: node.span,
        })
    }
}

impl Decode for LogClock {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the log clock")?;
        let timezone = m.req(cx, "timezone");
        let source = m.opt(cx, "source");
        m.finish(cx);
        Some(LogClock { timezone: timezone?, source })
    }
}

impl Decode for Vulnerability {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the vulnerability management")?;
        let sources = m.opt(cx, "sources");
        let patching = m.opt(cx, "patching");
        let maintenance = m.opt(cx, "maintenance");
        let maintenance_note = m.opt(cx, "maintenance_note");
        m.finish(cx);
        Some(Vulnerability { sources, patching, maintenance, maintenance_note })
    }
}

impl Decode for IncidentResponse {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the incident response")?;
        let notify_within = m.req(cx, "notify_within");
        let notify_via = m.opt(cx, "notify_via");
        let scope = m.opt(cx, "scope");
        let recovery_hours = m.opt(cx, "recovery_hours");
        let contact = m.opt(cx, "contact");
        m.finish(cx);
        Some(IncidentResponse { notify_within: notify_within?, notify_via, scope, recovery_hours, contact })
    }
}

impl Decode for LogRetention {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a log")?;
        let id = m.req(cx, "id");
        let name = m.req(cx, "name");
        let retention = m.req(cx, "retention");
        let customer_data = m.flag(cx, "customer_data", false);
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(LogRetention { id: id?, name: name?, retention: retention?, customer_data, note, span: node.span })
    }
}

impl Decode for Manual {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a manual")?;
        let title = m.req(cx, "title");
        let url = m.opt(cx, "url");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Manual { title: title?, url, note })
    }
}

impl Decode for CriteriaColumn {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a criteria column")?;
        let id = m.req(cx, "id");
        let title = m.req(cx, "title");
        let refers = m.opt(cx, "refers");
        m.finish(cx);
        Some(CriteriaColumn { id: id?, title: title?, refers })
    }
}

fn criteria_row(node: &Node, columns: &[CriteriaColumn], cx: &mut DecodeCx) -> Option<CriteriaRow> {
    let entries = match &node.kind {
        NodeKind::Map(e) => e,
        _ => {
            cx.wrong_type(node, "a mapping (a criteria row)");
            return None;
        }
    };
    let mut id = None;
    let mut cells = Vec::new();
    let names: Vec<&str> = std::iter::once("id").chain(columns.iter().map(|c| c.id.as_str())).collect();
    for e in entries {
        if e.key == "id" {
            id = Spanned::<Id>::decode(&e.value, cx);
            continue;
        }
        if e.key == "accept" || e.key == "reason" {
            continue;
        }
        let Some(col) = columns.iter().find(|c| c.id.as_str() == e.key) else {
            cx.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    crate::msg!(
                        "`{}` is not a column of this criteria table",
                        "`{}` はこの判定基準表の列ではありません",
                        e.key
                    ),
                )
                .at(e.key_span, crate::msg!("unknown column", "不明な列"))
                .maybe_hint(suggestion(&e.key, &names)),
            );
            continue;
        };
        let col_ref = Spanned::new(col.id.value.clone(), e.key_span);
        let cell = if col.refers.is_some() {
            Spanned::<Id>::decode(&e.value, cx).map(CriteriaCell::Ref)
        } else {
            Text::decode(&e.value, cx).map(CriteriaCell::Text)
        };
        if let Some(c) = cell {
            cells.push((col_ref, c));
        }
    }
    // Let the acceptance reader see this mapping too.
    if node.get("accept").is_some() {
        let m = cx.map(node, "a criteria row");
        drop(m);
    }
    let Some(id) = id else {
        cx.push(
            Diagnostic::new(
                Code::MissingField,
                crate::msg!("missing `id` in a criteria row", "判定基準表の行に `id` がありません"),
            )
            .at(node.head_span(), crate::msg!("this row has no `id`", "この行には `id` がありません"))
            .hint(crate::msg!(
                "add `id:` so other tables and documents can refer to this row",
                "ほかの表や文書からこの行を参照できるよう、`id:` を追加してください"
            )),
        );
        return None;
    };
    Some(CriteriaRow { id, cells, span: node.span })
}

impl Decode for CriteriaTable {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a criteria table")?;
        let id = m.req(cx, "id");
        let title = m.req(cx, "title");
        let columns: Vec<CriteriaColumn> = m.req(cx, "columns").unwrap_or_default();
        let rows = match m.node("rows") {
            Some(n) => match &n.kind {
                NodeKind::Seq(items) => items.iter().filter_map(|r| criteria_row(r, &columns, cx)).collect(),
                _ => {
                    cx.wrong_type(n, "a list of rows");
                    Vec::new()
                }
            },
            None => {
                let _ = m.req::<Vec<Text>>(cx, "rows");
                Vec::new()
            }
        };
        let note = m.opt(cx, "note");
        // A row's keys are the table's column ids.
        m.describe(cx, "rows", true, |s| {
            let row = serde_json::json!({
                "type": "object",
                "description": "a criteria row: `id:`, then one key per column id",
                "required": ["id"],
                "properties": { "id": Id::schema(s) },
                "additionalProperties": Text::schema(s),
            });
            json_schema::list(row)
        });
        m.finish(cx);
        Some(CriteriaTable { id: id?, title: title?, columns, rows, note })
    }
}

impl Decode for Actor {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        if let NodeKind::Scalar(s, _) = &node.kind {
            match s.trim() {
                "provider" => return Some(Actor::Provider),
                "customer" => return Some(Actor::Customer),
                _ => {}
            }
        }
        Text::decode(node, cx).map(Actor::Other)
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        // `provider`, `customer`, or anyone else by name.
        Text::schema(schemas)
    }
}

impl Decode for Branch {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        if let NodeKind::Scalar(..) = node.kind {
            return Some(Branch { when: None, step: Spanned::<Id>::decode(node, cx)? });
        }
        let mut m = cx.map(node, "a branch")?;
        let when = m.opt(cx, "when");
        let step = m.req(cx, "step");
        m.finish(cx);
        Some(Branch { when, step: step? })
    }

    fn schema(schemas: &mut Schemas) -> serde_json::Value {
        // A step id, or `{when: …, step: …}`.
        let object = schemas.probe::<Self>();
        json_schema::any_of(vec![Id::schema(schemas), object])
    }
}

impl Decode for Step {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a procedure step")?;
        let id = m.req(cx, "id");
        let action = m.req(cx, "action");
        let actor = m.opt(cx, "actor");
        let next = m.list(cx, "next");
        let note = m.opt(cx, "note");
        m.finish(cx);
        Some(Step { id: id?, action: action?, actor, next, note, span: node.span })
    }
}

impl Decode for Procedure {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "a procedure")?;
        let id = m.req(cx, "id");
        let title = m.req(cx, "title");
        let steps = m.req(cx, "steps");
        m.finish(cx);
        Some(Procedure { id: id?, title: title?, steps: steps? })
    }
}

impl Decode for Contract {
    fn decode(node: &Node, cx: &mut DecodeCx) -> Option<Self> {
        let mut m = cx.map(node, "the contract terms")?;
        let unit = m.opt(cx, "unit");
        let application = m.opt(cx, "application");
        let lead_time = m.opt(cx, "lead_time");
        let lead_time_from = m.opt(cx, "lead_time_from");
        let onboarding = m.opt(cx, "onboarding");
        let minimum_term = m.opt(cx, "minimum_term");
        let cancellation = m.opt(cx, "cancellation");
        let price = m.opt(cx, "price");
        let governing_law = m.opt(cx, "governing_law");
        m.finish(cx);
        Some(Contract {
            unit,
            application,
            lead_time,
            lead_time_from,
            onboarding,
            minimum_term,
            cancellation,
            price,
            governing_law,
        })
    }
}

pub(crate) fn service(node: &Node, cx: &mut DecodeCx) -> Option<Service> {
    let mut m = cx.map(node, "a service")?;
    m.known("kind");
    m.known("language");
    let id = m.req(cx, "id");
    let name = m.req(cx, "name");
    let provider = m.req(cx, "provider");
    let support = m.opt(cx, "support");
    let summary = m.opt(cx, "summary");
    let responsibilities = m.opt(cx, "responsibilities");
    let availability = m.opt(cx, "availability");
    let data_location = m.opt(cx, "data_location");
    let data_deletion = m.list(cx, "data_deletion");
    let disposal = m.opt(cx, "disposal");
    let backups = m.list(cx, "backups");
    let backup_notes = m.list(cx, "backup_notes");
    let log_clock = m.opt(cx, "log_clock");
    let vulnerability = m.opt(cx, "vulnerability_management");
    let incident_response = m.opt(cx, "incident_response");
    let logs = m.list(cx, "logs");
    let log_notes = m.list(cx, "log_notes");
    let manuals = m.list(cx, "manuals");
    let criteria = m.list(cx, "criteria");
    let procedures = m.list(cx, "procedures");
    let contract = m.opt(cx, "contract");
    let notes = m.list(cx, "notes");
    let disclaimers = m.list(cx, "disclaimers");
    let custom = super::custom::custom(&mut m, cx);
    m.finish(cx);
    Some(Service {
        id: id?,
        name: name?,
        provider: provider?,
        support,
        summary,
        responsibilities,
        availability,
        data_location,
        data_deletion,
        disposal,
        backups,
        backup_notes,
        log_clock,
        vulnerability,
        incident_response,
        logs,
        log_notes,
        manuals,
        criteria,
        procedures,
        contract,
        notes,
        disclaimers,
        custom,
        file: cx.file,
    })
}
