//! Yiwang's search (PRODUCT.md FIND-1): one index and one ranking for every kind of thing the
//! platform publishes — service items now; policy documents, articles, answered inquiries,
//! datasets and places later — each result carrying its `kind`.
//!
//! How a query is answered:
//! 1. [`text::normalize`]: Traditional → Simplified, full-width → half-width, lower case;
//! 2. [`aliases`]: colloquial phrases become the catalogue's words (网吧 → 互联网上网服务营业场所);
//! 3. [`plan`]: the rest is segmented (jieba) into concepts, "how" words dropped; if a word
//!    is unknown to the index, [`lexicon`] corrects homophones and swapped characters;
//! 4. each concept is weighted by how rare it is (申请 says little, 最低生活保障 a lot);
//! 5. [`index`]: tantivy finds the documents expressing any concept — by words in the title,
//!    body or provider, or by character pairs of the title — and [`rank`] re-ranks the best
//!    of them (how much of the query the title says, main item before rare variants, own
//!    region first, popularity), keeping those that express at least half of the query;
//! 6. if none do, a typo-tolerant pass accepts single characters in place of pairs.
//!
//! No I/O beyond the index directory; the caller feeds documents and keeps them in sync.

pub mod aliases;
pub mod analyzer;
pub mod eval;
pub mod index;
pub mod lexicon;
pub mod plan;
pub mod rank;
pub mod text;

pub use aliases::Aliases;
pub use index::{Doc, Error, Hit, Request, Results, SearchIndex};
pub use plan::Plan;
