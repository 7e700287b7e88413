//! The catalogue in memory: every item's row (not its guide), checklists and what browsing
//! needs. Rebuilt from the database when the change feed says something changed; pages read
//! it without queries. 1,135 items take well under a megabyte.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use yiwang_domain::catalog::{ItemStatus, ItemType, LifeStage, Subject, Tag, Topic};
use yiwang_domain::ids::{DepartmentId, ItemId};
use yiwang_domain::region::{RegionCode, RegionLevel};
use yiwang_store::catalog::ItemRow;
use yiwang_store::catalog::life_events::ChecklistRow;
use yiwang_store::departments::Department;

/// One step of a life-event checklist.
#[derive(Debug, Clone)]
pub struct Step {
    /// The item.
    pub item: Arc<ItemRow>,
    /// Why or when.
    pub note: Option<String>,
}

/// The snapshot.
#[derive(Debug, Default)]
pub struct Snapshot {
    items: Vec<Arc<ItemRow>>,
    by_id: HashMap<ItemId, usize>,
    children: HashMap<ItemId, Vec<usize>>,
    /// Checklists by stage.
    pub checklists: BTreeMap<LifeStage, Vec<Step>>,
    /// The most opened items, most first.
    pub hot: Vec<Arc<ItemRow>>,
    /// The deployment's departments (address, hours and phone for guide pages).
    pub departments: HashMap<DepartmentId, Arc<Department>>,
    /// Which snapshot this is (increases with every reload; caches key on it).
    pub generation: u64,
    /// Items with a published online form (APP-1).
    forms: std::collections::HashSet<ItemId>,
    everything: std::sync::OnceLock<Browse>,
}

/// Browsing filters; `None` means any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    /// Implementing department.
    pub department: Option<DepartmentId>,
    /// Topic.
    pub topic: Option<Topic>,
    /// Who it is for.
    pub subject: Option<Subject>,
    /// Item type.
    pub item_type: Option<ItemType>,
    /// Level.
    pub level: Option<RegionLevel>,
    /// Region subtree.
    pub region: Option<RegionCode>,
    /// Tag.
    pub tag: Option<Tag>,
}

/// A facet value with how many items it would show.
#[derive(Debug, Clone, PartialEq)]
pub struct Count<T> {
    /// The value.
    pub value: T,
    /// Items with it (given the other filters).
    pub count: usize,
}

/// Counts for every facet, each computed with the other facets' filters applied (so a count
/// is what choosing that value would show).
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// Departments, by name.
    pub departments: Vec<Count<(DepartmentId, String)>>,
    /// Topics, in list order.
    pub topics: Vec<Count<Topic>>,
    /// Subjects.
    pub subjects: Vec<Count<Subject>>,
    /// Types, in code order.
    pub types: Vec<Count<ItemType>>,
    /// Levels.
    pub levels: Vec<Count<RegionLevel>>,
    /// Tags.
    pub tags: Vec<Count<Tag>>,
    /// Regions (the implementing region of items), by code.
    pub regions: Vec<Count<(RegionCode, String)>>,
}

/// A browse result.
#[derive(Debug, Clone, Default)]
pub struct Browse {
    /// The page of items.
    pub items: Vec<Arc<ItemRow>>,
    /// Items matching in all.
    pub total: usize,
    /// Facet counts.
    pub facets: Facets,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Department,
    Topic,
    Subject,
    Type,
    Level,
    Region,
    Tag,
}

impl Filters {
    fn accepts(&self, r: &ItemRow, except: Option<Facet>) -> bool {
        let skip = |f: Facet| except == Some(f);
        (skip(Facet::Department) || self.department.is_none_or(|d| r.department == d))
            && (skip(Facet::Topic) || self.topic.is_none_or(|t| r.topics.contains(&t)))
            && (skip(Facet::Subject) || self.subject.is_none_or(|s| r.subjects.contains(&s)))
            && (skip(Facet::Type) || self.item_type.is_none_or(|t| r.item_type == t))
            && (skip(Facet::Level) || self.level.is_none_or(|l| r.level == l))
            && (skip(Facet::Region) || self.region.as_ref().is_none_or(|g| g.contains(&r.region)))
            && (skip(Facet::Tag) || self.tag.is_none_or(|t| r.tags.contains(&t)))
    }

    /// Whether any filter is set.
    pub fn any(&self) -> bool {
        *self != Filters::default()
    }
}

fn counted<T: Ord + Clone>(map: BTreeMap<T, usize>) -> Vec<Count<T>> {
    map.into_iter()
        .map(|(value, count)| Count { value, count })
        .collect()
}

impl Snapshot {
    /// Builds the snapshot from every item row and checklist step.
    pub fn new(
        rows: Vec<ItemRow>,
        checklists: Vec<ChecklistRow>,
        departments: Vec<Department>,
        forms: Vec<ItemId>,
    ) -> Snapshot {
        let mut items: Vec<Arc<ItemRow>> = rows.into_iter().map(Arc::new).collect();
        items.sort_by(|a, b| {
            a.department_name
                .cmp(&b.department_name)
                .then(a.name.cmp(&b.name))
        });
        let by_id: HashMap<ItemId, usize> =
            items.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut children: HashMap<ItemId, Vec<usize>> = HashMap::new();
        for (i, r) in items.iter().enumerate() {
            if let Some(p) = r.parent
                && r.status == ItemStatus::Active
            {
                children.entry(p).or_default().push(i);
            }
        }
        let mut steps: BTreeMap<LifeStage, Vec<Step>> = BTreeMap::new();
        for c in checklists {
            if let Some(i) = by_id.get(&c.item.id) {
                steps.entry(c.stage).or_default().push(Step {
                    item: Arc::clone(&items[*i]),
                    note: c.note,
                });
            }
        }
        let mut hot: Vec<Arc<ItemRow>> = items
            .iter()
            .filter(|r| r.views > 0 && listed(r))
            .cloned()
            .collect();
        hot.sort_by(|a, b| b.views.cmp(&a.views).then(a.name.cmp(&b.name)));
        hot.truncate(10);
        let departments = departments
            .into_iter()
            .map(|d| (d.id, Arc::new(d)))
            .collect();
        Snapshot {
            items,
            by_id,
            children,
            checklists: steps,
            hot,
            departments,
            generation: 0,
            forms: forms.into_iter().collect(),
            everything: std::sync::OnceLock::new(),
        }
    }

    /// Whether the item can be applied for online here.
    pub fn has_form(&self, id: ItemId) -> bool {
        self.forms.contains(&id)
    }

    /// One item.
    pub fn item(&self, id: ItemId) -> Option<&Arc<ItemRow>> {
        self.by_id.get(&id).map(|i| &self.items[*i])
    }

    /// The active items grouped under a main item.
    pub fn children(&self, id: ItemId) -> Vec<Arc<ItemRow>> {
        self.children
            .get(&id)
            .map(|v| v.iter().map(|i| Arc::clone(&self.items[*i])).collect())
            .unwrap_or_default()
    }

    /// Every item of a department (any status).
    pub fn items_of(&self, d: DepartmentId) -> Vec<ItemId> {
        self.items
            .iter()
            .filter(|r| r.department == d)
            .map(|r| r.id)
            .collect()
    }

    /// Every item, in department then name order.
    pub fn all(&self) -> &[Arc<ItemRow>] {
        &self.items
    }

    /// How many items are listed (active, not main items).
    pub fn listed_count(&self) -> usize {
        self.items.iter().filter(|r| listed(r)).count()
    }

    /// Facet counts of the whole catalogue (no filter, no items), computed once per snapshot.
    pub fn overview(&self) -> &Browse {
        self.everything
            .get_or_init(|| self.browse(&Filters::default(), 0, 0))
    }

    /// Listed items matching `f`, the `offset..offset+limit` slice of them, and facet counts.
    pub fn browse(&self, f: &Filters, offset: usize, limit: usize) -> Browse {
        let mut departments: BTreeMap<(&str, DepartmentId), usize> = BTreeMap::new();
        let mut topics: BTreeMap<Topic, usize> = BTreeMap::new();
        let mut subjects: BTreeMap<Subject, usize> = BTreeMap::new();
        let mut types: BTreeMap<ItemType, usize> = BTreeMap::new();
        let mut levels: BTreeMap<RegionLevel, usize> = BTreeMap::new();
        let mut tags: BTreeMap<Tag, usize> = BTreeMap::new();
        let mut regions: BTreeMap<(&RegionCode, &str), usize> = BTreeMap::new();
        let mut matching = Vec::new();
        for r in self.items.iter().filter(|r| listed(r)) {
            if f.accepts(r, Some(Facet::Department)) {
                *departments
                    .entry((r.department_name.as_str(), r.department))
                    .or_default() += 1;
            }
            if f.accepts(r, Some(Facet::Topic)) {
                for t in &r.topics {
                    *topics.entry(*t).or_default() += 1;
                }
            }
            if f.accepts(r, Some(Facet::Subject)) {
                for s in &r.subjects {
                    *subjects.entry(*s).or_default() += 1;
                }
            }
            if f.accepts(r, Some(Facet::Type)) {
                *types.entry(r.item_type).or_default() += 1;
            }
            if f.accepts(r, Some(Facet::Level)) {
                *levels.entry(r.level).or_default() += 1;
            }
            if f.accepts(r, Some(Facet::Tag)) {
                for t in &r.tags {
                    *tags.entry(*t).or_default() += 1;
                }
            }
            if f.accepts(r, Some(Facet::Region)) {
                *regions
                    .entry((&r.region, r.region_name.as_str()))
                    .or_default() += 1;
            }
            if f.accepts(r, None) {
                matching.push(r);
            }
        }
        let total = matching.len();
        let items = matching
            .into_iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        let facets = Facets {
            departments: departments
                .into_iter()
                .map(|((name, id), count)| Count {
                    value: (id, name.to_owned()),
                    count,
                })
                .collect(),
            topics: counted(topics),
            subjects: counted(subjects),
            types: {
                let mut t = counted(types);
                t.sort_by_key(|c| c.value.as_str().parse::<u32>().unwrap_or(u32::MAX));
                t
            },
            levels: counted(levels),
            tags: counted(tags),
            regions: regions
                .into_iter()
                .map(|((code, name), count)| Count {
                    value: (code.clone(), name.to_owned()),
                    count,
                })
                .collect(),
        };
        Browse {
            items,
            total,
            facets,
        }
    }
}

/// Whether an item appears in lists: active and not a main item (main items are reached from
/// their variants and from search).
pub fn listed(r: &ItemRow) -> bool {
    r.status == ItemStatus::Active && !r.is_group
}
