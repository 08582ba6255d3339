//! [`Matcher`]: links a listing to catalog entries through the interview topics it asks about,
//! each link with the listing's own sentence that called for it.
//!
//! Matching runs in two steps:
//! 1. **Topics** ([`crate::evidence`]): which topics of `config/topics.toml` the listing asks
//!    about, weighted by where it asks (title, requirements, responsibilities, nice-to-have, a
//!    stack list, boilerplate, aggregator tags), each with its best sentence. A language is never
//!    a topic: a language's guide is filed under the topic it prepares for (Go's under
//!    concurrency) and ranks only when the listing is centred on the language or asks for that
//!    topic in words, never because the language is named among others or tagged.
//! 2. **Entries**: for each topic, the catalog entries declaring it, ordered by how well they fit
//!    the listing: the entry's main topic before a side topic, pages on a skill the listing names
//!    before pages on one it does not (the MySQL page for a MySQL job), the listing's role in
//!    the entry's audience, then similar wording with the page's stored questions.
//!
//! The links are then dealt topic by topic: the first link is the best entry of the best topic,
//! the second the best entry of the second topic, and so on, so the top three links cover three
//! different topics whenever there are three. Behavioural prep is offered to every engineering
//! family, after the topics the listing itself asks about, and an engineering listing asking about
//! fewer than three topics has its top three filled by system design (`[rounds]` of
//! `config/topics.toml`).
//!
//! Architecture invariant: matching is a pure function of the catalog, the topic table, the
//! stored questions and the listing. Every ordering breaks ties by file order or entry id, so the
//! same input always gives the same output, and nothing here reads the clock or does I/O.

use std::collections::{HashMap, HashSet};

use prepboard_core::prep::{MatchBasis, PrepEntry, PrepMatch, PrepQuestion};
use prepboard_core::{Listing, SkillMention, SkillPlace};

use crate::Catalog;
use crate::evidence::{self, Place, TopicEvidence};
use crate::text::{MatchError, TextIndex};

/// The score of a round offered to every engineering role (`[rounds]`) that the listing does not
/// ask for itself: below any topic it asks about.
const EVERY_ROLE_SCORE: f32 = 0.05;
/// The score of a round filling the top three: below those.
const FILL_SCORE: f32 = 0.04;
/// How many different topics the first links cover when they can.
const TOP_TOPICS: usize = 3;
/// An entry for which the topic is a side topic, not its main one, counts this share.
const SIDE_TOPIC: f32 = 0.6;
/// An entry that names skills, none of which the listing asks for (the Rails querying guide for a
/// Django job's SQL topic), counts this share: it is written for another stack.
const OTHER_STACK: f32 = 0.55;
/// An entry that names no skills (a general handbook page) counts this share before any bonus.
const NO_SKILLS: f32 = 0.8;
/// How much skill overlap adds: the overlap (mention weights of the entry's skills the listing
/// asks for, over the listing's heaviest skill) times this, capped at `OVERLAP_CAP`.
const OVERLAP_BONUS: f32 = 0.6;
const OVERLAP_CAP: f32 = 1.5;
/// How much a skill counts by its position in the entry's `skills`: the first is its subject.
const ENTRY_SKILL_RANK: [f32; 3] = [1.0, 0.6, 0.4];
/// The listing's role as the entry's first audience, a later one, or outside its audience.
const FAMILY_FIRST: f32 = 1.15;
const FAMILY_LISTED: f32 = 1.05;
const FAMILY_OTHER: f32 = 0.9;
/// What similar wording with the entry's title, summary and stored questions adds at most.
const TEXT_WEIGHT: f32 = 0.2;

/// Links listings to catalog entries by topic. Build once and share; `Send + Sync`.
pub struct Matcher {
    catalog: Catalog,
    text: TextIndex,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("entries", &self.catalog.len())
            .field("topics", &self.catalog.topics().all().len())
            .finish_non_exhaustive()
    }
}

/// One topic of a listing with the entries that prepare for it, best first.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicMatch {
    /// Topic id from `config/topics.toml`.
    pub topic: String,
    pub label: String,
    pub score: f32,
    /// The listing's sentence that called for the topic; `None` for behavioural prep offered to
    /// every engineering role.
    pub evidence: Option<String>,
    /// Where that sentence stands ("in the requirements").
    pub place: &'static str,
    pub entries: Vec<PrepMatch>,
}

impl Matcher {
    /// Builds the in-RAM index of `catalog`'s entries: title, summary and the questions read from
    /// each entry's page (`questions`, keyed by entry id; empty offline).
    pub fn new(
        catalog: &Catalog,
        questions: &HashMap<String, Vec<PrepQuestion>>,
    ) -> Result<Matcher, MatchError> {
        Ok(Matcher {
            catalog: catalog.clone(),
            text: TextIndex::new(catalog, questions)?,
        })
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The topics `listing` asks about, most evidence first. An engineering role then gets the
    /// rounds every engineering loop has (`[rounds]` of topics.toml: behavioural prep) when it
    /// does not ask for them in words, and, when it still has fewer than three topics, the rounds
    /// that fill the top three (system design), so its first three links are on three topics.
    pub fn topics_for(&self, listing: &Listing) -> Vec<TopicEvidence> {
        let topics = self.catalog.topics();
        let mut found = evidence::read(listing, topics, self.catalog.skills());
        if !listing.family.is_engineering() {
            return found;
        }
        let rounds = topics.rounds();
        let round = |topic: &str, score| TopicEvidence {
            topic: topic.to_owned(),
            score,
            sentence: None,
            place: Place::Role,
        };
        for topic in &rounds.every_engineering_role {
            if !found.iter().any(|t| &t.topic == topic) {
                found.push(round(topic, EVERY_ROLE_SCORE));
            }
        }
        for topic in &rounds.fill_to_three {
            if found.len() < TOP_TOPICS && !found.iter().any(|t| &t.topic == topic) {
                found.push(round(topic, FILL_SCORE));
            }
        }
        found
    }

    /// The listing's topics (at most `topics`), each with its best `per_topic` entries. An entry
    /// appears under one topic only: the first, best one it is ranked for.
    pub fn match_topics(
        &self,
        listing: &Listing,
        topics: usize,
        per_topic: usize,
    ) -> Vec<TopicMatch> {
        let found = self.topics_for(listing);
        let text = self.text.scores(listing);
        let mut used = HashSet::new();
        let mut out = Vec::new();
        for evidence in found.iter().take(topics) {
            let entries: Vec<PrepMatch> = self
                .ranked(&evidence.topic, listing, &text)
                .into_iter()
                .filter(|(index, _)| used.insert(*index))
                .take(per_topic)
                .map(|(index, fit)| self.to_match(index, fit, evidence, listing))
                .collect();
            if entries.is_empty() {
                continue;
            }
            out.push(TopicMatch {
                topic: evidence.topic.clone(),
                label: self.catalog.topics().label(&evidence.topic).to_owned(),
                score: evidence.score,
                evidence: evidence.sentence.clone(),
                place: evidence.place.phrase(),
                entries,
            });
        }
        out
    }

    /// The `limit` entries that best prepare for `listing`, dealt topic by topic: one entry per
    /// topic in topic order, then second entries, and so on. Fewer than `limit` come back when the
    /// listing's topics have fewer entries; none when it asks about no topic.
    pub fn match_listing(&self, listing: &Listing, limit: usize) -> Vec<PrepMatch> {
        if limit == 0 {
            return Vec::new();
        }
        let found = self.topics_for(listing);
        let text = self.text.scores(listing);
        let mut queues: Vec<(usize, Vec<(usize, f32)>)> = found
            .iter()
            .enumerate()
            .map(|(position, e)| (position, self.ranked(&e.topic, listing, &text)))
            .collect();
        let mut used = HashSet::new();
        let mut picked = Vec::with_capacity(limit);
        while picked.len() < limit {
            let mut progressed = false;
            for (position, queue) in &mut queues {
                if picked.len() == limit {
                    break;
                }
                while let Some((index, fit)) = (!queue.is_empty()).then(|| queue.remove(0)) {
                    if used.insert(index) {
                        picked.push(self.to_match(index, fit, &found[*position], listing));
                        progressed = true;
                        break;
                    }
                }
            }
            if !progressed {
                break;
            }
        }
        picked
    }

    /// Entries serving `topic`, with their fit to `listing`, best first (ties by entry id).
    fn ranked(
        &self,
        topic: &str,
        listing: &Listing,
        text: &HashMap<usize, f32>,
    ) -> Vec<(usize, f32)> {
        let heaviest = listing
            .skills
            .iter()
            .map(mention_weight)
            .fold(0.0, f32::max);
        let mut ranked: Vec<(usize, f32)> = self
            .catalog
            .entries()
            .iter()
            .enumerate()
            .filter_map(|(index, entry)| {
                let rank = entry.topics.iter().position(|t| t == topic)?;
                let fit = fit(entry, rank, listing, heaviest)
                    + TEXT_WEIGHT * text.get(&index).copied().unwrap_or(0.0);
                Some((index, fit))
            })
            .collect();
        let entries = self.catalog.entries();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| entries[a.0].id.cmp(&entries[b.0].id))
        });
        ranked
    }

    fn to_match(
        &self,
        index: usize,
        fit: f32,
        evidence: &TopicEvidence,
        listing: &Listing,
    ) -> PrepMatch {
        let entry = &self.catalog.entries()[index];
        let label = self.catalog.topics().label(&evidence.topic);
        let mut reasons = vec![match &evidence.sentence {
            Some(sentence) => format!("{label} {}: “{sentence}”", evidence.place.phrase()),
            None => format!("{label}: part of almost every engineering interview"),
        }];
        let asked: HashSet<&str> = listing.skill_ids().collect();
        reasons.extend(
            entry
                .skills
                .iter()
                .filter(|skill| asked.contains(skill.as_str()))
                .map(|skill| format!("asks for {}", self.catalog.skill_label(skill))),
        );
        let basis = if evidence.place == Place::Role {
            MatchBasis::Role
        } else {
            MatchBasis::Skill
        };
        PrepMatch {
            entry_id: entry.id.clone(),
            score: evidence.score * fit,
            reasons,
            basis,
            topic: Some(evidence.topic.clone()),
            evidence: evidence.sentence.clone(),
        }
    }
}

/// How well `entry` (serving the topic at position `rank` of its topics) fits `listing`.
fn fit(entry: &PrepEntry, rank: usize, listing: &Listing, heaviest: f32) -> f32 {
    let topic = if rank == 0 { 1.0 } else { SIDE_TOPIC };
    let skills = if entry.skills.is_empty() {
        NO_SKILLS
    } else {
        let overlap: f32 = entry
            .skills
            .iter()
            .enumerate()
            .filter_map(|(position, skill)| {
                let mention = listing.skills.iter().find(|m| m.skill == *skill)?;
                let centrality = ENTRY_SKILL_RANK
                    .get(position)
                    .copied()
                    .unwrap_or(ENTRY_SKILL_RANK[ENTRY_SKILL_RANK.len() - 1]);
                Some(mention_weight(mention) / heaviest.max(f32::MIN_POSITIVE) * centrality)
            })
            .sum();
        if overlap > 0.0 {
            1.0 + OVERLAP_BONUS * overlap.min(OVERLAP_CAP)
        } else {
            OTHER_STACK
        }
    };
    let family = match entry.families.iter().position(|&f| f == listing.family) {
        Some(0) => FAMILY_FIRST,
        Some(_) => FAMILY_LISTED,
        None if entry.families.is_empty() => 1.0,
        None => FAMILY_OTHER,
    };
    topic * skills * family
}

/// How strongly a listing asks for a skill: by where it names it and how often.
fn mention_weight(mention: &SkillMention) -> f32 {
    let place = match mention.place {
        SkillPlace::Title => 4.0,
        SkillPlace::Requirements => 2.0,
        SkillPlace::Body => 1.0,
    };
    place * (1.0 + (mention.mentions.clamp(1, 10) as f32).ln())
}
