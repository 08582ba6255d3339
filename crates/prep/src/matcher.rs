//! [`Matcher`]: ranks catalog entries for one listing and says why, in words.
//!
//! Three kinds of evidence add up to an entry's score:
//! - **role**: the listing's title family is one the entry serves ("role: API engineer");
//! - **skills**: each skill the listing asks for that the entry serves, weighted by where the
//!   listing names it (title, requirements, body), how often, and how central the skill is to the
//!   entry ("asks for Kafka (3 mentions)"). An entry is about its first skill, its subject: side
//!   topics count for little when the listing does not ask for the subject, and never for more
//!   than the subject when it does. Among the pages serving a skill, the narrowest one counts
//!   fully and broader ones less. Skill evidence also counts less when the entry is written for
//!   other roles than the listing's;
//! - **text**: BM25 similarity between the listing's words and the entry's title, summary and
//!   stored questions, from a small in-RAM Tantivy index of the catalog ("similar wording: …").
//!
//! Entries are then picked greedily: once an entry covering a skill is picked, that skill counts
//! for less in the next pick, so the top three spread over what the listing asks for instead of
//! offering three pages on the same skill. The skill the listing is mostly about is discounted
//! less: a second page on it is often the right third pick.
//!
//! Architecture invariant: matching is a pure function of the catalog, the stored questions and
//! the listing. Every ordering breaks ties by entry id, so the same input always gives the same
//! output, and nothing here reads the clock or does I/O.

use std::collections::{HashMap, HashSet};

use prepboard_core::prep::{MatchBasis, PrepEntry, PrepKind, PrepMatch, PrepQuestion};
use prepboard_core::{Listing, SkillMention, SkillPlace, TitleFamily};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{FAST, Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term, doc};

use crate::Catalog;

/// Why the matcher could not be built.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    /// Building or reading the in-RAM index of entries failed (Tantivy's reason attached).
    #[error("prep entry index: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// What the listing's role adds, by the kind of entry: guides are written for a role, so the role
/// is strong evidence for them; a topic guide is written for a role but about one topic, which the
/// listing's skills judge better than its title family does; a reference section serves whoever
/// needs its topic, so the role is only a hint there.
const ROLE_GUIDE: f32 = 1.2;
const ROLE_TOPIC_GUIDE: f32 = 0.75;
const ROLE_HANDBOOK: f32 = 0.6;
const ROLE_REFERENCE: f32 = 0.6;
/// An entry that lists the listing's family, but not first, gets this share of the role score.
const ROLE_SECONDARY_SHARE: f32 = 0.5;
/// Skill evidence is scaled by the entry's audience. A guide written for other roles (the QA
/// guide on database testing, for a backend job asking for SQL) still helps with the skill, but
/// less: its questions are framed for someone else.
const OTHER_ROLE_GUIDE_SHARE: f32 = 0.5;
/// A guide framed for another role that lists the listing's as a secondary audience ("RESTful
/// API design for API engineers", for a backend job) is less apt than a page on the same skill
/// without that framing.
const SECONDARY_ROLE_GUIDE_SHARE: f32 = 0.7;
/// A reference section whose audience leaves out the listing's role (Rails querying, for an SRE
/// job that mentions Rails) is usually not what that job is tested on.
const OTHER_ROLE_REFERENCE_SHARE: f32 = 0.7;
/// How much a skill counts by where the listing names it. A skill in the title is what the job is.
const PLACE_TITLE: f32 = 4.0;
const PLACE_REQUIREMENTS: f32 = 2.0;
const PLACE_BODY: f32 = 1.0;
/// Mentions past this add nothing: a long description repeating a word is not more demanding.
const MENTIONS_CAP: u32 = 10;
/// How much a skill counts by its position in the entry's `skills`: the first is what the page is
/// about (its subject), later ones are side topics.
const ENTRY_SKILL_RANK: [f32; 3] = [1.0, 0.6, 0.5];
/// A page on one subject beats a page spreading over several when both serve the skill asked
/// for: a skill's score is scaled by `(skills of the narrowest entry serving it / skills this entry
/// serves) ^ SPECIFICITY_EXPONENT`. Relative to the narrowest page, so that pages on different
/// skills are not ranked by how many side topics their metadata happens to list.
const SPECIFICITY_EXPONENT: f32 = 0.3;
/// When the listing does not ask for an entry's subject, what its side topics add is scaled by
/// this: a Django page is not the page for a job asking for Python without Django.
const SUBJECT_MISSING_SHARE: f32 = 0.3;
/// When it does, a side topic adds at most this share of what the subject adds: a Python title
/// should not lift the Django page above pages on what the listing asks for besides.
const SIDE_TOPIC_CAP: f32 = 0.75;
/// Several of a listing's skills on one entry add up with diminishing returns (the best counts
/// fully, the next this share, the next this share squared, …), so a page touching many skills
/// lightly does not beat the page on the skill the listing stresses.
const FURTHER_SKILL_SHARE: f32 = 0.5;
/// The best text match among the entries scores this much; the others in proportion.
const TEXT_WEIGHT: f32 = 0.25;
/// A BM25 score below this is weak evidence however it compares with the others, so text scores
/// are scaled by `max(best, TEXT_FLOOR)` rather than the best alone.
const TEXT_FLOOR: f32 = 6.0;
/// Each already-picked entry covering a skill scales what that skill adds to the next pick by this.
const COVERED_SKILL_FACTOR: f32 = 0.7;
/// The discount is relieved by this share of a skill's dominance (its weight over the listing's
/// heaviest skill's): a job that is mostly about Kubernetes is well served by both the overview
/// and the operations guide.
const DOMINANT_SKILL_RELIEF: f32 = 0.5;
/// Each already-picked entry matched on role lowers what the role adds to the next pick.
const COVERED_ROLE_FACTOR: f32 = 0.75;
/// At most this many distinct words of a listing go into its text query.
const QUERY_TERMS: usize = 24;
/// Words of the title count this many times a word of the description.
const TITLE_TERM_WEIGHT: u32 = 3;
/// Words found in more than this share of entries say nothing about which entry fits.
const MAX_DOC_FREQ_SHARE: f32 = 0.4;
/// Words in a text reason.
const REASON_WORDS: usize = 3;
/// Text alone is evidence only when the entry shares at least this many of the listing's words:
/// one shared word ("make", "data") is chance.
const MIN_SHARED_WORDS: usize = 2;

/// Words too common in job ads and prep pages to be evidence, on top of the document-frequency cut.
const STOP_WORDS: &[&str] = &[
    "about", "across", "also", "and", "are", "build", "can", "company", "experi", "for", "from",
    "have", "help", "how", "job", "more", "our", "role", "team", "that", "the", "their", "this",
    "use", "what", "when", "will", "with", "work", "you", "your",
];

/// Ranks catalog entries for listings. Build once (the entry index is small: one document per
/// entry) and share; `Send + Sync`.
pub struct Matcher {
    catalog: Catalog,
    searcher: Searcher,
    text_field: Field,
    /// Document address → entry index, fixed once the index is committed.
    entry_of_doc: HashMap<(u32, u32), usize>,
    analyzer: TextAnalyzer,
    /// Stemmed term → how many entries contain it.
    doc_freq: HashMap<String, u32>,
    /// Stemmed terms of each entry, by entry index, for text reasons.
    entry_terms: Vec<HashSet<String>>,
    /// Skill id → the fewest skills an entry serving it serves (the narrowest page on it).
    narrowest: HashMap<String, usize>,
    /// The reader must outlive the searcher's segments.
    _reader: IndexReader,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("entries", &self.catalog.len())
            .field("terms", &self.doc_freq.len())
            .finish_non_exhaustive()
    }
}

/// One entry's evidence before the greedy pick discounts what earlier picks covered.
#[derive(Debug, Clone)]
struct Evidence {
    entry: usize,
    role: f32,
    skills: Vec<SkillEvidence>,
    text: f32,
    text_reason: Option<String>,
}

/// What one of the listing's skills adds to one entry.
#[derive(Debug, Clone)]
struct SkillEvidence {
    skill: String,
    weight: f32,
    /// The skill's mention weight over the listing's heaviest skill's, in (0, 1].
    dominance: f32,
    reason: String,
}

impl Matcher {
    /// Builds the in-RAM index of `catalog`'s entries: title, summary and the questions read from
    /// each entry's page (`questions`, keyed by entry id; empty offline).
    pub fn new(
        catalog: &Catalog,
        questions: &HashMap<String, Vec<PrepQuestion>>,
    ) -> Result<Matcher, MatchError> {
        let mut builder = Schema::builder();
        let text_options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let text_field = builder.add_text_field("text", text_options);
        let entry_field = builder.add_u64_field("entry", FAST);
        let index = Index::create_in_ram(builder.build());
        let mut analyzer = index.tokenizer_for_field(text_field)?;

        let mut writer = index.writer_with_num_threads(1, 15_000_000)?;
        let mut doc_freq: HashMap<String, u32> = HashMap::new();
        let mut entry_terms = Vec::with_capacity(catalog.len());
        for (ordinal, entry) in catalog.entries().iter().enumerate() {
            let text = entry_text(entry, questions.get(&entry.id).map(Vec::as_slice));
            let terms: HashSet<String> = stems(&mut analyzer, &text)
                .into_iter()
                .map(|(stem, _)| stem)
                .collect();
            for term in &terms {
                *doc_freq.entry(term.clone()).or_default() += 1;
            }
            entry_terms.push(terms);
            writer.add_document(doc!(text_field => text, entry_field => ordinal as u64))?;
        }
        writer.commit()?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let searcher = reader.searcher();

        let mut entry_of_doc = HashMap::with_capacity(catalog.len());
        for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64("entry")?;
            for doc_id in 0..segment.max_doc() {
                if let Some(ordinal) = column.first(doc_id) {
                    entry_of_doc.insert((segment_ord as u32, doc_id), ordinal as usize);
                }
            }
        }

        let mut narrowest: HashMap<String, usize> = HashMap::new();
        for entry in catalog.entries() {
            for skill in &entry.skills {
                let fewest = narrowest.entry(skill.clone()).or_insert(entry.skills.len());
                *fewest = (*fewest).min(entry.skills.len());
            }
        }

        Ok(Matcher {
            catalog: catalog.clone(),
            searcher,
            text_field,
            entry_of_doc,
            analyzer,
            doc_freq,
            entry_terms,
            narrowest,
            _reader: reader,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The `limit` entries that best prepare for `listing`, best first, each with its reasons.
    /// Entries with no evidence at all are never returned, so fewer than `limit` may come back.
    pub fn match_listing(&self, listing: &Listing, limit: usize) -> Vec<PrepMatch> {
        let text_scores = self.text_scores(listing);
        let mut candidates: Vec<Evidence> = self
            .catalog
            .entries()
            .iter()
            .enumerate()
            .filter_map(|(ordinal, entry)| {
                let evidence = self.evidence(ordinal, entry, listing, &text_scores);
                let any = evidence.role > 0.0 || !evidence.skills.is_empty() || evidence.text > 0.0;
                any.then_some(evidence)
            })
            .collect();

        let mut covered_skills: HashMap<String, i32> = HashMap::new();
        let mut covered_role = 0;
        let mut picked = Vec::with_capacity(limit.min(candidates.len()));
        while picked.len() < limit && !candidates.is_empty() {
            let score_of =
                |evidence: &Evidence| discounted(evidence, &covered_skills, covered_role).0;
            let mut best = 0;
            for index in 1..candidates.len() {
                let (challenger, holder) = (&candidates[index], &candidates[best]);
                let order = score_of(challenger)
                    .total_cmp(&score_of(holder))
                    .then_with(|| {
                        self.catalog.entries()[holder.entry]
                            .id
                            .cmp(&self.catalog.entries()[challenger.entry].id)
                    });
                if order.is_gt() {
                    best = index;
                }
            }
            let evidence = candidates.swap_remove(best);
            let (score, role, skills) = discounted(&evidence, &covered_skills, covered_role);
            if evidence.role > 0.0 {
                covered_role += 1;
            }
            for skill in &evidence.skills {
                *covered_skills.entry(skill.skill.clone()).or_default() += 1;
            }
            picked.push(self.to_match(&evidence, score, role, skills, listing.family));
        }
        picked
    }

    fn evidence(
        &self,
        ordinal: usize,
        entry: &PrepEntry,
        listing: &Listing,
        text_scores: &HashMap<usize, (f32, Vec<String>)>,
    ) -> Evidence {
        let role_weight = match entry.kind {
            PrepKind::RoleGuide => ROLE_GUIDE,
            PrepKind::TopicGuide => ROLE_TOPIC_GUIDE,
            PrepKind::HandbookPage => ROLE_HANDBOOK,
            PrepKind::ReferenceSection => ROLE_REFERENCE,
        };
        let position = entry.families.iter().position(|&f| f == listing.family);
        let role = match position {
            Some(0) => role_weight,
            Some(_) => role_weight * ROLE_SECONDARY_SHARE,
            None => 0.0,
        };
        let guide = matches!(entry.kind, PrepKind::RoleGuide | PrepKind::TopicGuide);
        let audience = match (position, guide) {
            // An entry with no families is written for everyone.
            _ if entry.families.is_empty() => 1.0,
            (Some(0), _) | (Some(_), false) => 1.0,
            (Some(_), true) => SECONDARY_ROLE_GUIDE_SHARE,
            (None, true) => OTHER_ROLE_GUIDE_SHARE,
            (None, false) => OTHER_ROLE_REFERENCE_SHARE,
        };
        let subject = entry.skills.first();
        let subject_asked =
            subject.is_some_and(|subject| listing.skills.iter().any(|m| m.skill == *subject));
        let share = if subject_asked {
            audience
        } else {
            audience * SUBJECT_MISSING_SHARE
        };
        let heaviest = listing
            .skills
            .iter()
            .map(mention_weight)
            .fold(0.0, f32::max);
        let mut skills: Vec<SkillEvidence> = listing
            .skills
            .iter()
            .filter_map(|mention| {
                let rank = entry.skills.iter().position(|s| *s == mention.skill)?;
                let centrality = ENTRY_SKILL_RANK
                    .get(rank)
                    .copied()
                    .unwrap_or(ENTRY_SKILL_RANK[ENTRY_SKILL_RANK.len() - 1]);
                let narrowest = self
                    .narrowest
                    .get(&mention.skill)
                    .copied()
                    .unwrap_or(entry.skills.len());
                let specificity =
                    (narrowest as f32 / entry.skills.len() as f32).powf(SPECIFICITY_EXPONENT);
                let mention_weight = mention_weight(mention);
                Some(SkillEvidence {
                    skill: mention.skill.clone(),
                    weight: mention_weight * centrality * specificity * share,
                    dominance: mention_weight / heaviest,
                    reason: self.skill_reason(mention),
                })
            })
            .collect();
        if let Some(subject) = subject.filter(|_| subject_asked) {
            let cap = skills
                .iter()
                .find(|s| s.skill == *subject)
                .map_or(0.0, |s| s.weight * SIDE_TOPIC_CAP);
            for side in skills.iter_mut().filter(|s| s.skill != *subject) {
                side.weight = side.weight.min(cap);
            }
        }
        let (text, text_reason) = match text_scores.get(&ordinal) {
            Some((score, words)) if *score > 0.0 => (
                *score,
                (!words.is_empty()).then(|| format!("similar wording: {}", words.join(", "))),
            ),
            _ => (0.0, None),
        };
        Evidence {
            entry: ordinal,
            role,
            skills,
            text,
            text_reason,
        }
    }

    fn skill_reason(&self, mention: &SkillMention) -> String {
        let label = self.catalog.skill_label(&mention.skill);
        match (mention.place, mention.mentions) {
            (SkillPlace::Title, _) => format!("asks for {label} in the title"),
            (_, 0 | 1) => format!("asks for {label}"),
            (_, n) => format!("asks for {label} ({n} mentions)"),
        }
    }

    fn to_match(
        &self,
        evidence: &Evidence,
        score: f32,
        role: f32,
        skills: f32,
        family: TitleFamily,
    ) -> PrepMatch {
        let entry = &self.catalog.entries()[evidence.entry];
        let mut reasons = Vec::new();
        if evidence.role > 0.0 {
            reasons.push(format!("role: {}", family.label()));
        }
        let mut skill_reasons: Vec<&SkillEvidence> = evidence.skills.iter().collect();
        skill_reasons.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.skill.cmp(&b.skill))
        });
        reasons.extend(skill_reasons.into_iter().map(|s| s.reason.clone()));
        if let Some(reason) = &evidence.text_reason {
            reasons.push(reason.clone());
        }
        let basis = if skills > role {
            MatchBasis::Skill
        } else {
            MatchBasis::Role
        };
        PrepMatch {
            entry_id: entry.id.clone(),
            score,
            reasons,
            basis,
        }
    }

    /// Text similarity of every entry to the listing, scaled so the best is at most
    /// `TEXT_WEIGHT`, with the listing's words each entry shares (for the reason).
    fn text_scores(&self, listing: &Listing) -> HashMap<usize, (f32, Vec<String>)> {
        let terms = self.query_terms(listing);
        if terms.is_empty() {
            return HashMap::new();
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .map(|term| {
                let query = TermQuery::new(
                    Term::from_field_text(self.text_field, &term.stem),
                    IndexRecordOption::WithFreqs,
                );
                let boost = 1.0 + (term.count.min(MENTIONS_CAP) as f32).ln();
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost)) as Box<dyn Query>,
                )
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        let hits = match self.searcher.search(
            &query,
            &TopDocs::with_limit(self.catalog.len().max(1)).order_by_score(),
        ) {
            Ok(hits) => hits,
            Err(err) => {
                // An in-RAM index of a few dozen documents does not fail in practice; if it does,
                // role and skills still rank the entries.
                tracing::warn!(error = %err, "prep text search failed; matching without text");
                return HashMap::new();
            }
        };
        let best = hits.iter().map(|(score, _)| *score).fold(0.0, f32::max);
        let scale = TEXT_WEIGHT / best.max(TEXT_FLOOR);
        hits.into_iter()
            .filter_map(|(score, address)| {
                let ordinal = *self
                    .entry_of_doc
                    .get(&(address.segment_ord, address.doc_id))?;
                let entry_terms = self.entry_terms.get(ordinal)?;
                let shared: Vec<&QueryTerm> = terms
                    .iter()
                    .filter(|term| entry_terms.contains(&term.stem))
                    .collect();
                if shared.len() < MIN_SHARED_WORDS {
                    return None;
                }
                let words = shared
                    .iter()
                    .take(REASON_WORDS)
                    .map(|term| term.surface.clone())
                    .collect();
                Some((ordinal, (score * scale, words)))
            })
            .collect()
    }

    /// The listing's most telling words that appear in some entry, most telling first: title words
    /// count extra, common words are dropped, rarer words in the catalog weigh more.
    fn query_terms(&self, listing: &Listing) -> Vec<QueryTerm> {
        let mut analyzer = self.analyzer.clone();
        let mut counts: HashMap<&str, (u32, String)> = HashMap::new();
        let sources = [
            (listing.title.as_str(), TITLE_TERM_WEIGHT),
            (listing.description_text.as_str(), 1),
        ];
        for (text, weight) in sources {
            let mut stream = analyzer.token_stream(text);
            while stream.advance() {
                let token = stream.token();
                // Most words of a listing appear in no entry; looking them up before allocating
                // anything keeps matching well under a millisecond.
                let Some((stem, _)) = self.doc_freq.get_key_value(token.text.as_str()) else {
                    continue;
                };
                let slot = counts.entry(stem.as_str()).or_insert_with(|| {
                    let surface = text
                        .get(token.offset_from..token.offset_to)
                        .unwrap_or(stem.as_str())
                        .to_lowercase();
                    (0, surface)
                });
                slot.0 += weight;
            }
        }
        let entries = self.catalog.len().max(1) as f32;
        let mut terms: Vec<QueryTerm> = counts
            .into_iter()
            .filter_map(|(stem, (count, surface))| {
                let df = *self.doc_freq.get(stem)?;
                let usable = stem.len() >= 3
                    && !STOP_WORDS.contains(&stem)
                    && !stem.chars().all(|c| c.is_ascii_digit())
                    && (df as f32) / entries <= MAX_DOC_FREQ_SHARE;
                let weight = (count.min(MENTIONS_CAP) as f32) * (entries / df as f32).ln();
                usable.then(|| QueryTerm {
                    stem: stem.to_owned(),
                    surface,
                    count,
                    weight,
                })
            })
            .collect();
        terms.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then_with(|| a.stem.cmp(&b.stem))
        });
        terms.truncate(QUERY_TERMS);
        terms
    }
}

#[derive(Debug)]
struct QueryTerm {
    stem: String,
    /// The word as the listing first wrote it, lower-cased, for reasons.
    surface: String,
    count: u32,
    weight: f32,
}

/// (total, role part, skills part) of an entry's evidence after discounting what earlier picks
/// already covered.
fn discounted(
    evidence: &Evidence,
    covered_skills: &HashMap<String, i32>,
    covered_role: i32,
) -> (f32, f32, f32) {
    let role = evidence.role * COVERED_ROLE_FACTOR.powi(covered_role);
    let mut weights: Vec<f32> = evidence
        .skills
        .iter()
        .map(|s| {
            let times = covered_skills.get(&s.skill).copied().unwrap_or(0) as f32;
            let relief = 1.0 - DOMINANT_SKILL_RELIEF * s.dominance;
            s.weight * COVERED_SKILL_FACTOR.powf(times * relief)
        })
        .collect();
    weights.sort_by(|a, b| b.total_cmp(a));
    let skills: f32 = weights
        .iter()
        .enumerate()
        .map(|(rank, weight)| weight * FURTHER_SKILL_SHARE.powi(rank as i32))
        .sum();
    (role + skills + evidence.text, role, skills)
}

fn mention_weight(mention: &SkillMention) -> f32 {
    let place = match mention.place {
        SkillPlace::Title => PLACE_TITLE,
        SkillPlace::Requirements => PLACE_REQUIREMENTS,
        SkillPlace::Body => PLACE_BODY,
    };
    let mentions = mention.mentions.clamp(1, MENTIONS_CAP) as f32;
    place * (1.0 + mentions.ln())
}

/// The text indexed for an entry: the title twice (it names the page's subject), the summary, and
/// the questions read from its page.
fn entry_text(entry: &PrepEntry, questions: Option<&[PrepQuestion]>) -> String {
    let mut text = format!("{}\n{}\n{}", entry.title, entry.title, entry.summary);
    for question in questions.unwrap_or_default() {
        text.push('\n');
        text.push_str(&question.question);
    }
    text
}

/// (stem, surface word) for every token of `text`, in order.
fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        let surface = text
            .get(token.offset_from..token.offset_to)
            .unwrap_or(token.text.as_str())
            .to_lowercase();
        out.push((token.text.clone(), surface));
    }
    out
}
