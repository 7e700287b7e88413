//! The index: one tantivy index for every kind of document, on disk next to the database or in
//! memory for tests, with the queries built from a [`Plan`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use tantivy::collector::TopDocs;
use tantivy::directory::MmapDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{
    DocAddress, DocId, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::aliases::Aliases;
use crate::analyzer::{GRAMS, GramTokenizer, WORDS, WordTokenizer, words};
use crate::lexicon::Lexicon;
use crate::plan::Plan;
use crate::rank;
use crate::text::{bigrams, normalize};

/// Errors of the index.
pub type Error = tantivy::TantivyError;

/// A document to index. The caller owns what the fields mean for its kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    /// What it is: `item`, `department`, `region` (later `article`, `dataset` …).
    pub kind: String,
    /// Its id, unique within its kind.
    pub id: String,
    /// Its title.
    pub title: String,
    /// More text to find it by (conditions, materials, FAQ …).
    pub body: String,
    /// Who provides it (a department's name), searchable and shown.
    pub org: String,
    /// Where to read it.
    pub url: String,
    /// The providing department's id, for filtering.
    pub department: Option<String>,
    /// Its region and every region above it, top first, for filtering by subtree.
    pub region_path: Vec<String>,
    /// Labels, for filtering.
    pub tags: Vec<String>,
    /// A prior: 1 for a normal document, less for rare variants.
    pub weight: f32,
    /// How often it is opened.
    pub popularity: u64,
}

/// What to search for and among what.
#[derive(Debug, Clone, Default)]
pub struct Request<'a> {
    /// The query as typed.
    pub text: &'a str,
    /// Only these kinds (all when empty).
    pub kinds: &'a [&'a str],
    /// Only this department's documents.
    pub department: Option<&'a str>,
    /// Only documents in this region's subtree.
    pub region: Option<&'a str>,
    /// Only documents with this label.
    pub tag: Option<&'a str>,
    /// The searcher's region and those above it, top first; their region's documents rank
    /// first.
    pub home: &'a [String],
    /// Results to skip.
    pub offset: usize,
    /// Results to return.
    pub limit: usize,
}

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Kind.
    pub kind: String,
    /// Id.
    pub id: String,
    /// Title as indexed.
    pub title: String,
    /// Where to read it.
    pub url: String,
    /// Who provides it.
    pub org: String,
    /// Matched character ranges of the title.
    pub title_marks: Vec<(usize, usize)>,
    /// A window of the body around its first match (may be empty).
    pub snippet: String,
    /// Matched character ranges of the snippet.
    pub snippet_marks: Vec<(usize, usize)>,
    /// The final score (for debugging and evaluation).
    pub score: f32,
}

/// Results, best first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// How many documents match.
    pub total: usize,
    /// The requested page of them.
    pub hits: Vec<Hit>,
    /// What was searched for after aliases ("失业保险金/失业金 申领").
    pub searched: String,
    /// Whether only the tolerant passes found anything — single characters for pairs, or a
    /// third of a long question — so the page can say the results are approximate.
    pub fuzzy: bool,
    /// Whether misspelt words were corrected before searching.
    pub corrected: bool,
}

#[derive(Clone, Copy)]
struct Fields {
    key: Field,
    kind: Field,
    id: Field,
    title: Field,
    title_grams: Field,
    title_norm: Field,
    org_norm: Field,
    body: Field,
    org: Field,
    url: Field,
    department: Field,
    region: Field,
    region_path: Field,
    tags: Field,
    weight: Field,
    popularity: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let o = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        if stored { o.set_stored() } else { o }
    };
    let f = Fields {
        key: b.add_text_field("key", STRING),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STORED),
        title: b.add_text_field("title", text(WORDS, true)),
        title_grams: b.add_text_field("title_grams", text(GRAMS, false)),
        title_norm: b.add_text_field("title_norm", STORED),
        org_norm: b.add_text_field("org_norm", STORED),
        body: b.add_text_field("body", text(WORDS, true)),
        org: b.add_text_field("org", text(WORDS, true)),
        url: b.add_text_field("url", STORED),
        department: b.add_text_field("department", STRING),
        region: b.add_text_field("region", STORED),
        region_path: b.add_text_field("region_path", STRING),
        tags: b.add_text_field("tags", STRING),
        weight: b.add_f64_field("weight", STORED),
        popularity: b.add_u64_field("popularity", STORED),
    };
    (b.build(), f)
}

/// Boosts of the fields: the title says what a thing is, the body what it involves.
const TITLE: f32 = 3.0;
const GRAMS_BOOST: f32 = 1.0;
const BODY: f32 = 0.6;
const ORG: f32 = 0.8;
/// Candidates re-ranked per query: the most results a query returns.
pub const CANDIDATES: usize = 100;
/// The share of the query (by concept weight) a result must express.
const MIN_COVERAGE: f32 = 0.5;
/// The share a result of a long question (three concepts or more) must express when nothing
/// expresses half of it.
const PARTIAL_COVERAGE: f32 = 0.34;
/// Results scoring below this share of the best are dropped.
const RELATIVE_FLOOR: f32 = 0.3;

/// The writer's memory budget for incremental updates and for full rebuilds.
const SMALL_BUDGET: usize = 15_000_000;
const BULK_BUDGET: usize = 200_000_000;

/// The search index with its alias list.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writing: Mutex<()>,
    aliases: RwLock<Arc<Aliases>>,
    lexicon: RwLock<Arc<Lexicon>>,
    /// What re-ranking reads of a document, kept after the first read so a candidate costs no
    /// stored-document read again. Segments never change their documents, so an entry keyed by
    /// segment and document id never goes stale; the map is emptied when it grows past
    /// [`SCORING_CACHE`] entries (a large index keeps only what recent queries touched).
    scoring: RwLock<HashMap<(SegmentId, DocId), Arc<Scoring>>>,
}

/// The most documents whose scoring fields are kept in memory (a catalogue fits whole).
const SCORING_CACHE: usize = 50_000;

/// The fields re-ranking needs.
struct Scoring {
    title_norm: String,
    org_norm: String,
    body: String,
    weight: f32,
    views: u64,
    region: Option<String>,
}

fn register(index: &Index) {
    index
        .tokenizers()
        .register(WORDS, TextAnalyzer::from(WordTokenizer));
    index
        .tokenizers()
        .register(GRAMS, TextAnalyzer::from(GramTokenizer));
}

impl SearchIndex {
    /// An index in memory (tests, benchmarks).
    pub fn in_memory() -> Result<SearchIndex, Error> {
        let (schema, fields) = schema();
        Self::wrap(Index::create_in_ram(schema), fields)
    }

    /// The index in `dir`, created if missing and recreated empty if it was written by a
    /// version with another schema (the caller then rebuilds it).
    pub fn open(dir: &Path) -> Result<SearchIndex, Error> {
        let (schema, fields) = schema();
        std::fs::create_dir_all(dir)?;
        let directory = MmapDirectory::open(dir).map_err(|e| Error::SystemError(e.to_string()))?;
        let index = match Index::open(directory.clone()) {
            Ok(existing) if existing.schema() == schema => {
                collect_garbage(&existing)?;
                existing
            }
            Ok(_) | Err(_) => {
                for entry in std::fs::read_dir(dir)? {
                    let path = entry?.path();
                    if path.is_file() {
                        std::fs::remove_file(path)?;
                    }
                }
                Index::create(directory, schema, tantivy::IndexSettings::default())?
            }
        };
        Self::wrap(index, fields)
    }

    fn wrap(index: Index, fields: Fields) -> Result<SearchIndex, Error> {
        register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let this = SearchIndex {
            index,
            reader,
            fields,
            writing: Mutex::new(()),
            aliases: RwLock::default(),
            lexicon: RwLock::default(),
            scoring: RwLock::default(),
        };
        this.refresh_lexicon()?;
        Ok(this)
    }

    /// Replaces the alias list.
    pub fn set_aliases(&self, aliases: Aliases) -> Result<(), Error> {
        if let Ok(mut a) = self.aliases.write() {
            *a = Arc::new(aliases);
        }
        self.refresh_lexicon()
    }

    /// Rebuilds the typo lexicon from the words of every title and the alias phrases.
    fn refresh_lexicon(&self) -> Result<(), Error> {
        let searcher = self.reader.searcher();
        let mut words: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.title)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                if let Ok(w) = std::str::from_utf8(stream.key()) {
                    *words.entry(w.to_owned()).or_default() += u64::from(stream.value().doc_freq);
                }
            }
        }
        for phrase in self.aliases().phrases() {
            words.entry(phrase.to_owned()).or_default();
        }
        let lexicon = Arc::new(Lexicon::new(words));
        if let Ok(mut l) = self.lexicon.write() {
            *l = lexicon;
        }
        Ok(())
    }

    /// The alias list in use.
    pub fn aliases(&self) -> Arc<Aliases> {
        self.aliases
            .read()
            .map(|a| Arc::clone(&a))
            .unwrap_or_default()
    }

    /// The payload of the last commit (the caller's watermark), if any.
    pub fn payload(&self) -> Option<String> {
        self.index.load_metas().ok().and_then(|m| m.payload)
    }

    /// How many documents are searchable.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn document(&self, d: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.key, key(&d.kind, &d.id));
        doc.add_text(f.kind, &d.kind);
        doc.add_text(f.id, &d.id);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.title_grams, &d.title);
        doc.add_text(f.title_norm, normalize(&d.title));
        doc.add_text(f.org_norm, normalize(&d.org));
        doc.add_text(f.body, normalize(&d.body));
        doc.add_text(f.org, &d.org);
        doc.add_text(f.url, &d.url);
        if let Some(dep) = &d.department {
            doc.add_text(f.department, dep);
        }
        if let Some(own) = d.region_path.last() {
            doc.add_text(f.region, own);
        }
        for r in &d.region_path {
            doc.add_text(f.region_path, r);
        }
        for t in &d.tags {
            doc.add_text(f.tags, t);
        }
        doc.add_f64(f.weight, f64::from(d.weight));
        doc.add_u64(f.popularity, d.popularity);
        doc
    }

    /// Applies a batch of changes — documents to add or replace, `(kind, id)`s to remove — in
    /// one commit carrying `payload`, and makes them searchable.
    pub fn apply(
        &self,
        upserts: &[Doc],
        removals: &[(String, String)],
        payload: Option<&str>,
    ) -> Result<(), Error> {
        let _guard = self
            .writing
            .lock()
            .map_err(|_| Error::SystemError("index writer lock poisoned".into()))?;
        let mut writer: IndexWriter = self.index.writer_with_num_threads(1, SMALL_BUDGET)?;
        for (kind, id) in removals {
            writer.delete_term(Term::from_field_text(self.fields.key, &key(kind, id)));
        }
        for d in upserts {
            writer.delete_term(Term::from_field_text(self.fields.key, &key(&d.kind, &d.id)));
            writer.add_document(self.document(d))?;
        }
        commit(&mut writer, payload)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.refresh_lexicon()
    }

    /// Replaces the whole index with `docs`, calling `progress` with the count so far. Readers
    /// keep the old contents until the new ones are committed.
    pub fn rebuild(
        &self,
        docs: impl IntoIterator<Item = Doc>,
        payload: Option<&str>,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, Error> {
        let _guard = self
            .writing
            .lock()
            .map_err(|_| Error::SystemError("index writer lock poisoned".into()))?;
        let threads = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(4);
        let mut writer: IndexWriter = self.index.writer_with_num_threads(threads, BULK_BUDGET)?;
        writer.delete_all_documents()?;
        let mut n = 0u64;
        for d in docs {
            writer.add_document(self.document(&d))?;
            n += 1;
            if n.is_multiple_of(10_000) {
                progress(n);
            }
        }
        commit(&mut writer, payload)?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        self.refresh_lexicon()?;
        progress(n);
        Ok(n)
    }

    /// Searches.
    pub fn search(&self, req: &Request<'_>) -> Result<Results, Error> {
        let aliases = self.aliases();
        let searcher = self.reader.searcher();
        let mut plan = Plan::new(req.text, &aliases);
        if plan.is_empty() || req.limit == 0 {
            return Ok(Results {
                searched: plan.describe(),
                ..Results::default()
            });
        }
        let mut dfs = self.doc_freqs(&searcher, &plan)?;
        if dfs.contains(&0) {
            let lexicon = self
                .lexicon
                .read()
                .map(|l| Arc::clone(&l))
                .unwrap_or_default();
            let present = |w: &str| {
                searcher
                    .doc_freq(&Term::from_field_text(self.fields.title_grams, w))
                    .is_ok_and(|n| n > 0)
            };
            let fix = |t: &str| lexicon.correct(t, present);
            let better = Plan::with_corrections(req.text, &aliases, Some(&fix));
            if better.corrected {
                plan = better;
                dfs = self.doc_freqs(&searcher, &plan)?;
            }
        }
        let docs = searcher.num_docs();
        let weights: Vec<f32> = plan
            .concepts
            .iter()
            .zip(&dfs)
            .map(|(c, df)| rank::importance(c, *df, docs))
            .collect();
        let mut results = self.run(&searcher, &plan, &weights, req, false, MIN_COVERAGE)?;
        if results.total == 0 {
            // Typos: single characters count; then long spoken questions: a third will do.
            results = self.run(&searcher, &plan, &weights, req, true, MIN_COVERAGE)?;
            if results.total == 0 && plan.concepts.len() >= 3 {
                results = self.run(&searcher, &plan, &weights, req, false, PARTIAL_COVERAGE)?;
            }
            results.fuzzy = results.total > 0;
        }
        results.searched = plan.describe();
        results.corrected = plan.corrected;
        Ok(results)
    }

    /// How many documents contain each concept (the most of its alternatives): as a title or
    /// body word, or as all of its character pairs in a title (the rarest pair bounds it).
    fn doc_freqs(&self, searcher: &tantivy::Searcher, plan: &Plan) -> Result<Vec<u64>, Error> {
        let f = &self.fields;
        let df = |field: Field, t: &str| searcher.doc_freq(&Term::from_field_text(field, t));
        let mut out = Vec::with_capacity(plan.concepts.len());
        for c in &plan.concepts {
            // The rarest alternative that occurs: an alias names something specific.
            let mut rarest = 0;
            for alt in &c.alternatives {
                let mut pairs = u64::MAX;
                for g in bigrams(alt) {
                    pairs = pairs.min(df(f.title_grams, &g)?);
                }
                let n = df(f.title, alt)?
                    .max(df(f.body, alt)?)
                    .max(df(f.org, alt)?)
                    .max(pairs);
                if n > 0 && (rarest == 0 || n < rarest) {
                    rarest = n;
                }
            }
            out.push(rarest);
        }
        Ok(out)
    }

    fn concept_query(&self, alternatives: &[String], fuzzy: bool) -> Box<dyn Query> {
        let f = &self.fields;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |field: Field, text: &str, boost: f32| {
            let term = TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(term), boost)),
            ));
        };
        for alt in alternatives {
            let mut ws = words(alt);
            ws.sort();
            ws.dedup();
            for w in &ws {
                add(f.title, w, TITLE);
                add(f.body, w, BODY);
                add(f.org, w, ORG);
            }
            for g in bigrams(alt) {
                add(f.title_grams, &g, GRAMS_BOOST);
            }
            if fuzzy {
                let mut singles: Vec<char> = alt.chars().collect();
                singles.sort_unstable();
                singles.dedup();
                for c in singles {
                    add(f.title_grams, c.encode_utf8(&mut [0; 4]), GRAMS_BOOST * 0.3);
                }
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn query(
        &self,
        plan: &Plan,
        weights: &[f32],
        req: &Request<'_>,
        fuzzy: bool,
    ) -> Box<dyn Query> {
        let f = &self.fields;
        // Concepts no document contains add nothing but cost; the rest are boosted by weight.
        let concepts: Vec<(Occur, Box<dyn Query>)> = plan
            .concepts
            .iter()
            .zip(weights)
            .filter(|(_, w)| fuzzy || **w > 0.0)
            .map(|(c, w)| -> (Occur, Box<dyn Query>) {
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(
                        self.concept_query(&c.alternatives, fuzzy),
                        w.max(0.1),
                    )),
                )
            })
            .collect();
        let mut all: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, Box::new(BooleanQuery::new(concepts)))];
        let term = |field: Field, v: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, v),
                IndexRecordOption::Basic,
            ))
        };
        if !req.kinds.is_empty() {
            let kinds = req
                .kinds
                .iter()
                .map(|k| (Occur::Should, term(f.kind, k)))
                .collect();
            all.push((Occur::Must, Box::new(BooleanQuery::new(kinds))));
        }
        if let Some(d) = req.department {
            all.push((Occur::Must, term(f.department, d)));
        }
        if let Some(r) = req.region {
            all.push((Occur::Must, term(f.region_path, r)));
        }
        if let Some(t) = req.tag {
            all.push((Occur::Must, term(f.tags, t)));
        }
        Box::new(BooleanQuery::new(all))
    }

    fn run(
        &self,
        searcher: &tantivy::Searcher,
        plan: &Plan,
        weights: &[f32],
        req: &Request<'_>,
        fuzzy: bool,
        min_coverage: f32,
    ) -> Result<Results, Error> {
        let query = self.query(plan, weights, req, fuzzy);
        let top = searcher.search(&query, &TopDocs::with_limit(CANDIDATES).order_by_score())?;
        let best = top
            .first()
            .map(|(s, _)| *s)
            .unwrap_or(1.0)
            .max(f32::EPSILON);
        // Score every candidate cheaply; build results (snippets, highlights, strings) only for
        // the page asked for.
        let mut scored: Vec<(f32, usize, DocAddress)> = Vec::with_capacity(top.len());
        for (bm25, addr) in top {
            let fields = self.scoring_fields(searcher, addr)?;
            if let Some((score, title_len)) = self.score(
                &fields,
                plan,
                weights,
                req,
                bm25 / best,
                fuzzy,
                min_coverage,
            ) {
                scored.push((score, title_len, addr));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        // Far weaker than the best is noise that happened to share a common word.
        let floor = scored.first().map_or(0.0, |s| s.0 * RELATIVE_FLOOR);
        scored.retain(|s| s.0 >= floor);
        let total = scored.len();
        let hits = scored
            .into_iter()
            .skip(req.offset)
            .take(req.limit)
            .map(|(score, _, addr)| {
                searcher
                    .doc::<TantivyDocument>(addr)
                    .map(|doc| self.hit(&doc, plan, score))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Results {
            total,
            hits,
            ..Results::default()
        })
    }

    /// A candidate's scoring fields, from memory after the first read.
    fn scoring_fields(
        &self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> Result<Arc<Scoring>, Error> {
        let key = (
            searcher.segment_reader(addr.segment_ord).segment_id(),
            addr.doc_id,
        );
        if let Ok(cache) = self.scoring.read()
            && let Some(s) = cache.get(&key)
        {
            return Ok(Arc::clone(s));
        }
        let doc: TantivyDocument = searcher.doc(addr)?;
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        let fields = Arc::new(Scoring {
            title_norm: text(f.title_norm),
            org_norm: text(f.org_norm),
            body: text(f.body),
            weight: doc
                .get_first(f.weight)
                .and_then(|v| v.as_f64())
                .unwrap_or(1.0) as f32,
            views: doc
                .get_first(f.popularity)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            region: doc
                .get_first(f.region)
                .and_then(|v| v.as_str())
                .map(str::to_owned),
        });
        if let Ok(mut cache) = self.scoring.write() {
            if cache.len() >= SCORING_CACHE {
                cache.clear();
            }
            cache.insert(key, Arc::clone(&fields));
        }
        Ok(fields)
    }

    /// A candidate's score and title length, or `None` when it covers too little of the query.
    #[allow(clippy::too_many_arguments)]
    fn score(
        &self,
        doc: &Scoring,
        plan: &Plan,
        weights: &[f32],
        req: &Request<'_>,
        bm25: f32,
        fuzzy: bool,
        min_coverage: f32,
    ) -> Option<(f32, usize)> {
        let title_norm = doc.title_norm.as_str();
        let org_norm = doc.org_norm.as_str();
        let body = doc.body.as_str();
        let weight = doc.weight;
        let views = doc.views;
        let region = doc.region.as_deref();

        let (in_title, anywhere) =
            rank::coverages(plan, weights, title_norm, org_norm, body, fuzzy);
        if anywhere < min_coverage {
            return None;
        }
        let score =
            (0.6 * in_title + 0.2 * anywhere + 0.1 * bm25 + 0.1 * rank::focus(title_norm, plan))
                * weight
                * rank::variant_factor(title_norm, plan)
                * rank::region_factor(region, req.home)
                * rank::popularity_factor(views);
        Some((score, title_norm.chars().count()))
    }

    /// A result as returned: highlights and a snippet.
    fn hit(&self, doc: &TantivyDocument, plan: &Plan, score: f32) -> Hit {
        let f = &self.fields;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_owned()
        };
        let title = text(f.title);
        let title_norm = text(f.title_norm);
        let title_marks = if title.chars().count() == title_norm.chars().count() {
            rank::marks(&title_norm, plan)
        } else {
            Vec::new()
        };
        let (snippet, snippet_marks) = rank::snippet(&text(f.body), plan);
        Hit {
            kind: text(f.kind),
            id: text(f.id),
            title,
            url: text(f.url),
            org: text(f.org),
            title_marks,
            snippet,
            snippet_marks,
            score,
        }
    }
}

fn key(kind: &str, id: &str) -> String {
    format!("{kind}:{id}")
}

/// Deletes the files no commit refers to. A process killed after writing an update's files
/// and before committing it leaves them behind, and the same update replayed at the next start
/// would try to write them again and fail ("file already exists").
fn collect_garbage(index: &Index) -> Result<(), Error> {
    let writer: IndexWriter = index.writer_with_num_threads(1, SMALL_BUDGET)?;
    writer.garbage_collect_files().wait()?;
    Ok(())
}

fn commit(writer: &mut IndexWriter, payload: Option<&str>) -> Result<(), Error> {
    let mut prepared = writer.prepare_commit()?;
    if let Some(p) = payload {
        prepared.set_payload(p);
    }
    prepared.commit()?;
    Ok(())
}

/// Bytes an index directory takes on disk.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod restart_tests {
    use super::*;

    fn doc(id: &str, title: &str) -> Doc {
        Doc {
            kind: "item".into(),
            id: id.into(),
            title: title.into(),
            region_path: vec!["511602".into()],
            weight: 1.0,
            ..Doc::default()
        }
    }

    #[test]
    fn an_update_killed_before_its_commit_does_not_stop_the_next_start() {
        let base = std::env::temp_dir().join(format!("yw-index-restart-{}", std::process::id()));
        let (dir, replay) = (base.join("index"), base.join("replay"));
        let _ = std::fs::remove_dir_all(&base);
        let first = SearchIndex::open(&dir).unwrap();
        // Two documents, so that the first segment keeps one live after the update.
        first
            .apply(
                &[doc("1", "失业保险金申领"), doc("2", "老年人优待证办理")],
                &[],
                Some("1"),
            )
            .unwrap();
        drop(first);
        let update =
            |idx: &SearchIndex| idx.apply(&[doc("1", "失业保险金申领（更新）")], &[], Some("2"));
        // Which delete file the update writes at its commit, found on a copy.
        std::fs::create_dir_all(&replay).unwrap();
        for e in std::fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            std::fs::copy(e.path(), replay.join(e.file_name())).unwrap();
        }
        update(&SearchIndex::open(&replay).unwrap()).unwrap();
        let written: Vec<String> = std::fs::read_dir(&replay)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".del"))
            .collect();
        assert!(!written.is_empty(), "the update writes a delete file");
        // A process killed after writing it and before saving the commit: the file is there
        // (and known to the directory), the commit is not.
        let managed = dir.join(".managed.json");
        let mut known: Vec<String> =
            serde_json::from_slice(&std::fs::read(&managed).unwrap()).unwrap();
        for name in &written {
            std::fs::write(dir.join(name), b"left by a killed process").unwrap();
            known.push(name.clone());
        }
        std::fs::write(&managed, serde_json::to_vec(&known).unwrap()).unwrap();

        let again = SearchIndex::open(&dir).unwrap();
        update(&again).unwrap();
        assert_eq!(again.payload().as_deref(), Some("2"));
        let _ = std::fs::remove_dir_all(&base);
    }
}
