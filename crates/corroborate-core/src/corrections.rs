//! The person's corrections to the entities the analysis found: merges,
//! splits, renames, kinds, hiding, "not an entity". They are project data,
//! kept in the order they were made and replayed on every fresh analysis, so
//! a correction survives re-analysis as long as what it names still exists.

use crate::analysis::{Cell, Claim, Entity, Mention};
use crate::corpus::{SourceId, Span};
use crate::nlp::mentions::Kind;
use serde::{Deserialize, Serialize};

/// One correction. Entities are named by their name at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum EntityFix {
    /// `merge` becomes part of `keep`.
    Merge {
        keep: String,
        merge: String,
    },
    /// One mention leaves its entity and becomes an entity of its own.
    SplitMention {
        entity: String,
        source: SourceId,
        start: usize,
        end: usize,
    },
    /// Every mention spelled `alias` leaves the entity and becomes its own.
    SplitAlias {
        entity: String,
        alias: String,
    },
    Rename {
        entity: String,
        name: String,
    },
    SetKind {
        entity: String,
        kind: String,
    },
    Hide {
        entity: String,
        hidden: bool,
    },
    /// Not an entity at all: it is dropped, and so is every mention of it.
    NotEntity {
        entity: String,
    },
}

impl EntityFix {
    /// The entity this correction is about, for messages.
    pub fn entity(&self) -> &str {
        match self {
            EntityFix::Merge { keep, .. } => keep,
            EntityFix::SplitMention { entity, .. }
            | EntityFix::SplitAlias { entity, .. }
            | EntityFix::Rename { entity, .. }
            | EntityFix::SetKind { entity, .. }
            | EntityFix::Hide { entity, .. }
            | EntityFix::NotEntity { entity } => entity,
        }
    }

    /// A sentence for the undo menu and the list of corrections.
    pub fn describe(&self) -> String {
        match self {
            EntityFix::Merge { keep, merge } => format!("Merge {merge} into {keep}"),
            EntityFix::SplitMention { entity, .. } => format!("Split a mention off {entity}"),
            EntityFix::SplitAlias { entity, alias } => format!("Split {alias} off {entity}"),
            EntityFix::Rename { entity, name } => format!("Rename {entity} to {name}"),
            EntityFix::SetKind { entity, kind } => format!("Make {entity} a {kind}"),
            EntityFix::Hide {
                entity,
                hidden: true,
            } => format!("Hide {entity}"),
            EntityFix::Hide {
                entity,
                hidden: false,
            } => format!("Show {entity}"),
            EntityFix::NotEntity { entity } => format!("{entity} is not an entity"),
        }
    }
}

/// Replays `fixes` over freshly found `entities`, in order. Returns the
/// corrections that no longer apply (what they name is gone), for the person.
/// `text` gives the words of a mention.
pub fn apply(
    entities: &mut Vec<Entity>,
    fixes: &[EntityFix],
    text: &dyn Fn(&Mention) -> String,
) -> Vec<String> {
    let mut stale = Vec::new();
    for fix in fixes {
        if !apply_one(entities, fix, text) {
            stale.push(fix.describe());
        }
    }
    stale
}

fn position(entities: &[Entity], name: &str) -> Option<usize> {
    entities.iter().position(|e| e.name == name)
}

/// A name no other entity has: `base`, or `base (2)`, `base (3)`…
fn free_name(entities: &[Entity], base: &str) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while position(entities, &name).is_some() {
        name = format!("{base} ({n})");
        n += 1;
    }
    name
}

fn apply_one(
    entities: &mut Vec<Entity>,
    fix: &EntityFix,
    text_of: &dyn Fn(&Mention) -> String,
) -> bool {
    match fix {
        EntityFix::Merge { keep, merge } => {
            let (Some(k), Some(m)) = (position(entities, keep), position(entities, merge)) else {
                return false;
            };
            if k == m {
                return false;
            }
            let gone = entities.remove(m);
            let k = if m < k { k - 1 } else { k };
            let e = &mut entities[k];
            for a in gone.aliases {
                if !e.aliases.contains(&a) {
                    e.aliases.push(a);
                }
            }
            e.mentions.extend(gone.mentions);
            e.mentions.sort_by_key(|m| (m.source, m.span.start));
            e.mentions.dedup_by_key(|m| (m.source, m.span));
            e.evidence
                .insert(0, format!("merged with {} by you", gone.name));
            true
        }
        EntityFix::SplitMention {
            entity,
            source,
            start,
            end,
        } => {
            let Some(i) = position(entities, entity) else {
                return false;
            };
            let span = Span::new(*start, *end);
            let Some(at) = entities[i]
                .mentions
                .iter()
                .position(|m| m.source == *source && m.span == span)
            else {
                return false;
            };
            if entities[i].mentions.len() == 1 {
                return false;
            }
            let mention = entities[i].mentions.remove(at);
            let text = text_of(&mention);
            let name = free_name(entities, if text.is_empty() { entity } else { &text });
            let kind = entities[i].kind;
            entities.push(Entity::by_hand(
                name,
                kind,
                vec![mention],
                "split off by you",
            ));
            true
        }
        EntityFix::SplitAlias { entity, alias } => {
            let Some(i) = position(entities, entity) else {
                return false;
            };
            let e = &mut entities[i];
            let (moved, kept): (Vec<Mention>, Vec<Mention>) = std::mem::take(&mut e.mentions)
                .into_iter()
                .partition(|m| text_of(m) == *alias);
            e.mentions = kept;
            if moved.is_empty() || e.mentions.is_empty() {
                e.mentions.extend(moved);
                e.mentions.sort_by_key(|m| (m.source, m.span.start));
                return false;
            }
            e.aliases.retain(|a| a != alias);
            let kind = e.kind;
            let name = free_name(entities, alias);
            entities.push(Entity::by_hand(name, kind, moved, "split off by you"));
            true
        }
        EntityFix::Rename { entity, name } => {
            let Some(i) = position(entities, entity) else {
                return false;
            };
            if name.trim().is_empty() || (name != entity && position(entities, name).is_some()) {
                return false;
            }
            entities[i].name = name.trim().to_string();
            entities[i]
                .evidence
                .insert(0, format!("renamed from {entity} by you"));
            true
        }
        EntityFix::SetKind { entity, kind } => {
            let (Some(i), Some(kind)) = (position(entities, entity), Kind::parse(kind)) else {
                return false;
            };
            entities[i].kind = kind;
            entities[i]
                .evidence
                .insert(0, format!("made a {} by you", kind.as_str()));
            true
        }
        EntityFix::Hide { entity, hidden } => {
            let Some(i) = position(entities, entity) else {
                return false;
            };
            entities[i].hidden = *hidden;
            true
        }
        EntityFix::NotEntity { entity } => {
            let Some(i) = position(entities, entity) else {
                return false;
            };
            entities.remove(i);
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(name: &str, mentions: &[(u32, usize, usize, &str)]) -> Entity {
        Entity {
            name: name.into(),
            kind: Kind::Person,
            aliases: mentions.iter().map(|m| m.3.to_string()).collect(),
            mentions: mentions
                .iter()
                .map(|&(s, a, b, _)| Mention {
                    source: SourceId(s),
                    span: Span::new(a, b),
                })
                .collect(),
            evidence: Vec::new(),
            value: None,
            hidden: false,
        }
    }

    /// Mention words by position, as the sample's spans were made up.
    fn text(m: &Mention) -> String {
        match (m.source.0, m.span.start) {
            (1, 0) => "Elizabeth Kanter",
            (2, 5) => "Kanter",
            _ => "Kantor",
        }
        .to_string()
    }

    fn sample() -> Vec<Entity> {
        vec![
            entity(
                "Elizabeth Kanter",
                &[(1, 0, 16, "Elizabeth Kanter"), (2, 5, 11, "Kanter")],
            ),
            entity("Kantor", &[(3, 0, 6, "Kantor")]),
        ]
    }

    #[test]
    fn merge_then_split_alias_round_trips() {
        let mut es = sample();
        let fixes = vec![EntityFix::Merge {
            keep: "Elizabeth Kanter".into(),
            merge: "Kantor".into(),
        }];
        assert!(apply(&mut es, &fixes, &text).is_empty());
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].mentions.len(), 3);
        let split = [EntityFix::SplitAlias {
            entity: "Elizabeth Kanter".into(),
            alias: "Kantor".into(),
        }];
        assert!(apply(&mut es, &split, &text).is_empty());
        assert_eq!(es.len(), 2);
        assert_eq!(es[1].name, "Kantor");
        assert_eq!(es[0].mentions.len(), 2);
    }

    #[test]
    fn stale_corrections_are_reported_not_applied() {
        let mut es = sample();
        let stale = apply(
            &mut es,
            &[
                EntityFix::Rename {
                    entity: "Nobody".into(),
                    name: "X".into(),
                },
                EntityFix::NotEntity {
                    entity: "Kantor".into(),
                },
            ],
            &text,
        );
        assert_eq!(stale, ["Rename Nobody to X"]);
        assert_eq!(es.len(), 1);
    }

    #[test]
    fn renames_never_collide() {
        let mut es = sample();
        let fix = EntityFix::Rename {
            entity: "Kantor".into(),
            name: "Elizabeth Kanter".into(),
        };
        assert_eq!(apply(&mut es, &[fix], &text).len(), 1);
        assert_eq!(es[1].name, "Kantor");
    }
}

/// A cell of the claim table, by its source and where its words start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CellKey {
    pub source: SourceId,
    pub start: usize,
}

/// The person's judgement of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Agrees,
    Conflicts,
    Unclear,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Agrees, Verdict::Conflicts, Verdict::Unclear];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Agrees => "agrees",
            Verdict::Conflicts => "conflicts",
            Verdict::Unclear => "unclear",
        }
    }
}

/// One correction to the claim table. Rows are named by one of their cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum ClaimFix {
    /// The row holding `merge` joins the row holding `keep`.
    MergeRows { keep: CellKey, merge: CellKey },
    /// A cell leaves its row for the row holding `to`.
    MoveCell { cell: CellKey, to: CellKey },
    /// A cell leaves its row and makes a row of its own.
    SplitCell { cell: CellKey },
    Verdict {
        row: CellKey,
        verdict: Verdict,
        note: String,
    },
    /// A claim written by hand from a passage, in a row of its own or in `row`.
    Manual {
        source: SourceId,
        start: usize,
        end: usize,
        row: Option<CellKey>,
    },
}

impl ClaimFix {
    pub fn describe(&self) -> String {
        match self {
            ClaimFix::MergeRows { .. } => "Merge two claim rows".into(),
            ClaimFix::MoveCell { .. } => "Move a cell to another row".into(),
            ClaimFix::SplitCell { .. } => "Split a cell off its row".into(),
            ClaimFix::Verdict { verdict, .. } => format!("Mark a claim: {}", verdict.as_str()),
            ClaimFix::Manual { .. } => "Add a claim by hand".into(),
        }
    }
}

/// Replays claim corrections in order over freshly lined-up `rows`; returns
/// those that no longer apply. `manual` makes a cell for a passage; `rejudge`
/// works out a changed row's status, origins and summary again.
pub fn apply_claims(
    rows: &mut Vec<Claim>,
    fixes: &[ClaimFix],
    manual: &dyn Fn(SourceId, Span) -> Option<Cell>,
    rejudge: &dyn Fn(&mut Claim),
) -> Vec<String> {
    let mut stale = Vec::new();
    for fix in fixes {
        match apply_claim(rows, fix, manual) {
            Some(changed) => {
                for r in changed {
                    if let Some(row) = rows.get_mut(r) {
                        rejudge(row);
                    }
                }
                rows.retain(|r| !r.cells.is_empty());
            }
            None => stale.push(fix.describe()),
        }
    }
    stale
}

fn key_of(cell: &Cell) -> CellKey {
    CellKey {
        source: cell.source,
        start: cell.span.start,
    }
}

/// The row holding a cell, as a cell or an alternate.
fn row_of(rows: &[Claim], key: CellKey) -> Option<usize> {
    rows.iter().position(|r| {
        r.cells
            .iter()
            .chain(&r.alternates)
            .any(|c| key_of(c) == key)
    })
}

/// Takes a cell (or an alternate) out of a row; an alternate of the same
/// source steps up in its place.
fn take(row: &mut Claim, key: CellKey) -> Option<Cell> {
    if let Some(at) = row.alternates.iter().position(|c| key_of(c) == key) {
        return Some(row.alternates.remove(at));
    }
    let at = row.cells.iter().position(|c| key_of(c) == key)?;
    let cell = row.cells.remove(at);
    if let Some(alt) = row.alternates.iter().position(|c| c.source == cell.source) {
        let up = row.alternates.remove(alt);
        row.cells.push(up);
        row.cells.sort_by_key(|c| c.source);
    }
    Some(cell)
}

/// Puts a cell into a row: a source already there keeps its cell and the
/// newcomer becomes an alternate.
fn put(row: &mut Claim, cell: Cell) {
    if row.cells.iter().any(|c| c.source == cell.source) {
        row.alternates.push(cell);
    } else {
        row.cells.push(cell);
        row.cells.sort_by_key(|c| c.source);
    }
}

fn new_row(cell: Cell) -> Claim {
    Claim {
        status: crate::nlp::align::Status::SingleSource,
        summary: String::new(),
        attributed_to: Vec::new(),
        origins: 1,
        cells: vec![cell],
        conflict: None,
        update: None,
        disagreeing: Vec::new(),
        alternates: Vec::new(),
        verdict: None,
    }
}

/// Applies one correction; the rows it changed, or None if it no longer applies.
fn apply_claim(
    rows: &mut Vec<Claim>,
    fix: &ClaimFix,
    manual: &dyn Fn(SourceId, Span) -> Option<Cell>,
) -> Option<Vec<usize>> {
    match fix {
        ClaimFix::MergeRows { keep, merge } => {
            let (k, m) = (row_of(rows, *keep)?, row_of(rows, *merge)?);
            if k == m {
                return None;
            }
            let gone = std::mem::take(&mut rows[m].cells);
            let alternates = std::mem::take(&mut rows[m].alternates);
            for cell in gone.into_iter().chain(alternates) {
                put(&mut rows[k], cell);
            }
            Some(vec![k, m])
        }
        ClaimFix::MoveCell { cell, to } => {
            let (from, t) = (row_of(rows, *cell)?, row_of(rows, *to)?);
            if from == t {
                return None;
            }
            let c = take(&mut rows[from], *cell)?;
            put(&mut rows[t], c);
            Some(vec![from, t])
        }
        ClaimFix::SplitCell { cell } => {
            let from = row_of(rows, *cell)?;
            if rows[from].cells.len() + rows[from].alternates.len() < 2 {
                return None;
            }
            let c = take(&mut rows[from], *cell)?;
            rows.push(new_row(c));
            Some(vec![from, rows.len() - 1])
        }
        ClaimFix::Verdict { row, verdict, note } => {
            let r = row_of(rows, *row)?;
            rows[r].verdict = Some((*verdict, note.clone()));
            Some(Vec::new())
        }
        ClaimFix::Manual {
            source,
            start,
            end,
            row,
        } => {
            let cell = manual(*source, Span::new(*start, *end))?;
            match row.and_then(|key| row_of(rows, key)) {
                Some(r) => {
                    put(&mut rows[r], cell);
                    Some(vec![r])
                }
                None => {
                    rows.push(new_row(cell));
                    Some(vec![rows.len() - 1])
                }
            }
        }
    }
}
