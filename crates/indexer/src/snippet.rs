//! Result snippets: the best passage of a description with the query's words in `<mark>`.
//!
//! The passage and its markup are exactly those of Tantivy's `SnippetGenerator`, which runs the
//! whole description through the field's analyser and allocates a lower-cased copy of every word
//! to look it up; that was a tenth of search time. Here the analyser's words are found by scanning
//! the text (they are the runs of alphanumeric characters, as `SimpleTokenizer` cuts them) and an
//! ASCII word is compared with the query's words in place; only words with other characters go
//! through the analyser, one by one, to be lower-cased and folded exactly as it would.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::ops::Range;

use std::cell::RefCell;

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::snippet::collapse_overlapped_ranges;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

/// Words longer than this (in bytes) are dropped by the text analyser's `RemoveLongFilter`.
const LONG_WORD_BYTES: usize = 40;

/// Makes snippets of one field's texts for one query.
pub(crate) struct Snippets {
    /// The query's words in the field that some document holds, with Tantivy's snippet score
    /// `1 / (1 + document frequency)`.
    terms: Vec<(String, Score)>,
    max_num_chars: usize,
    /// The field's analyser, for words that are not ASCII.
    analyzer: RefCell<TextAnalyzer>,
}

impl Snippets {
    /// As `SnippetGenerator::create` followed by `set_max_num_chars(max_num_chars)`.
    pub fn create(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        max_num_chars: usize,
    ) -> tantivy::Result<Snippets> {
        let mut query_terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                query_terms.insert(term);
            }
        });
        let mut terms: Vec<(String, Score)> = Vec::new();
        for term in query_terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                terms.push((text.to_owned(), 1.0 / (1.0 + doc_freq as Score)));
            }
        }
        Ok(Snippets {
            terms,
            max_num_chars,
            analyzer: RefCell::new(searcher.index().tokenizer_for_field(field)?),
        })
    }

    /// The snippet of `text` as HTML (its text escaped, matched words in `<mark>`), or `None` when
    /// no word of the query occurs in it.
    pub fn html(&self, text: &str) -> Option<String> {
        let best = self.best_fragment(text)?;
        let fragment = &text[best.start..best.stop];
        let highlighted: Vec<Range<usize>> = best
            .highlighted
            .iter()
            .map(|range| range.start - best.start..range.end - best.start)
            .collect();
        let mut html = String::with_capacity(fragment.len() + 32);
        let mut from = 0;
        for range in collapse_overlapped_ranges(&highlighted) {
            escape_minimal(&fragment[from..range.start], &mut html);
            html.push_str("<mark>");
            escape_minimal(&fragment[range.clone()], &mut html);
            html.push_str("</mark>");
            from = range.end;
        }
        escape_minimal(&fragment[from..], &mut html);
        Some(html)
    }

    /// Tantivy's `search_fragments` and `select_best_fragment_combination` over the analyser's
    /// words of `text` ([`words`]).
    fn best_fragment(&self, text: &str) -> Option<Fragment> {
        let mut fragments: Vec<Fragment> = Vec::new();
        let mut fragment = Fragment::new(0);
        for word in words(text) {
            if word.end - fragment.start > self.max_num_chars {
                if fragment.score > 0.0 {
                    fragments.push(fragment);
                }
                fragment = Fragment::new(word.start);
            }
            fragment.stop = word.end;
            if let Some(score) = self.score(&text[word.clone()]) {
                fragment.score += score;
                fragment.highlighted.push(word);
            }
        }
        if fragment.score > 0.0 {
            fragments.push(fragment);
        }
        fragments.into_iter().max_by(|left, right| {
            match left
                .score
                .partial_cmp(&right.score)
                .unwrap_or(Ordering::Equal)
            {
                Ordering::Equal => (right.start, right.stop).cmp(&(left.start, left.stop)),
                unequal => unequal,
            }
        })
    }

    /// The score of `word` (as the text has it) if, as the analyser emits it and lower-cased as
    /// Tantivy then looks it up, it is a query term.
    fn score(&self, word: &str) -> Option<Score> {
        if word.is_ascii() {
            // The analyser lower-cases ASCII and folds nothing: compare without copying.
            return self
                .terms
                .iter()
                .find(|(term, _)| {
                    term.len() == word.len()
                        && term
                            .bytes()
                            .zip(word.bytes())
                            .all(|(t, w)| t == w.to_ascii_lowercase())
                })
                .map(|&(_, score)| score);
        }
        // A run of alphanumeric characters is one word to the analyser wherever it stands.
        let mut analyzer = self.analyzer.borrow_mut();
        let mut stream = analyzer.token_stream(word);
        let emitted = stream.next()?.text.to_lowercase();
        self.terms
            .iter()
            .find(|(term, _)| *term == emitted)
            .map(|&(_, score)| score)
    }
}

struct Fragment {
    score: Score,
    start: usize,
    stop: usize,
    highlighted: Vec<Range<usize>>,
}

impl Fragment {
    fn new(start: usize) -> Fragment {
        Fragment {
            score: 0.0,
            start,
            stop: start,
            highlighted: Vec::new(),
        }
    }
}

/// The byte ranges of the words the text analyser emits for `text`: runs of alphanumeric
/// characters (`SimpleTokenizer`), but for those of [`LONG_WORD_BYTES`] or more, which its
/// `RemoveLongFilter` drops before anything changes their length.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let bytes = text.as_bytes();
    // The length in bytes of the character starting at `at`, and whether it is alphanumeric;
    // ASCII, nearly all of a description, without decoding.
    let class = move |at: usize| -> (usize, bool) {
        let byte = bytes[at];
        if byte.is_ascii() {
            return (1, byte.is_ascii_alphanumeric());
        }
        text[at..]
            .chars()
            .next()
            .map_or((1, false), |c| (c.len_utf8(), c.is_alphanumeric()))
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            loop {
                if at >= bytes.len() {
                    return None;
                }
                let (len, alphanumeric) = class(at);
                if alphanumeric {
                    break;
                }
                at += len;
            }
            let start = at;
            while at < bytes.len() {
                let (len, alphanumeric) = class(at);
                if !alphanumeric {
                    break;
                }
                at += len;
            }
            if at - start < LONG_WORD_BYTES {
                return Some(start..at);
            }
        }
    })
}

/// Snippet length in characters.
pub(crate) const SNIPPET_CHARS: usize = 220;

/// HTML-escapes `text` onto `out` as Tantivy's snippets do (`htmlescape::encode_minimal`).
fn escape_minimal(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#x27;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// The first words of a description, HTML-escaped, for hits with nothing to highlight.
pub(crate) fn lead_html(description: &str) -> String {
    let mut end = description.len().min(SNIPPET_CHARS);
    while !description.is_char_boundary(end) {
        end -= 1;
    }
    let mut lead = &description[..end];
    if end < description.len()
        && let Some(space) = lead.rfind(char::is_whitespace)
    {
        lead = &lead[..space];
    }
    let mut html = String::with_capacity(lead.len());
    escape_minimal(lead.trim(), &mut html);
    if end < description.len() {
        html.push('…');
    }
    html
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::IndexRecordOption;
    use tantivy::snippet::SnippetGenerator;
    use tantivy::{Index, IndexWriter, TantivyDocument};

    use super::*;
    use crate::schema::{TEXT_ANALYZER, build_schema, register_analyzers};

    /// Every text, for every query, gives the snippet Tantivy's generator gives.
    #[test]
    fn snippets_are_tantivys() {
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let texts = [
            "Rust engineer wanted. We write Rust, Go and a little Python; rust is our core.",
            "RUST rust Rust-lang rust_lang rusty 'rust' <rust> & \"rust\" go-to GO go.",
            "Café owners: the café in Zürich needs a Rust engineer (café au lait).",
            "Curly quotes — “rust” and ‘go’ – dashes… bullets • and emoji 🦀 rust.",
            "averyveryveryveryveryveryveryveryverylongword rust averyveryveryveryveryveryveryveryverylongwordtoo",
            "",
            "no query word here at all",
            "kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka kafka rust at last",
            "Go go GO gO. Kafka streams; kafka connect, and more Kafka after a long stretch of words that are not the query at all, not even close, really nothing to see in this part of the text, until go again.",
            "Ünïcödé wörds with rust and Straße, ﬁne ligatures, ½ fractions and ǅ titlecase go",
            "Mojibake from a feed: weâ€™re hiring â€” Rust and GoÂ developers, ðŸš€ rust RÜST.",
            "Gorgeous Ärger über ÅSTRÖM: rustÜber GOÂ Über-rust αβγ rust",
        ];
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for text in texts {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.description, text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let queries: [&[&str]; 5] = [
            &["rust"],
            &["rust", "go"],
            &["kafka", "go", "rust"],
            &[
                "cafe", "zurich", "strasse", "fine", "rustuber", "uber", "astrom",
            ],
            &["absent"],
        ];
        let mut analyzer = index.tokenizers().get(TEXT_ANALYZER).unwrap();
        let mut snippets = Vec::new();
        for query_words in queries {
            let query = BooleanQuery::new(
                query_words
                    .iter()
                    .map(|w| {
                        let term = Term::from_field_text(fields.description, w);
                        let q: Box<dyn Query> =
                            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
                        (Occur::Should, q)
                    })
                    .collect(),
            );
            assert!(searcher.search(&query, &Count).is_ok());
            for max_num_chars in [20, 60, 220] {
                let ours =
                    Snippets::create(&searcher, &query, fields.description, max_num_chars).unwrap();
                let mut theirs =
                    SnippetGenerator::create(&searcher, &query, fields.description).unwrap();
                theirs.set_max_num_chars(max_num_chars);
                for text in texts {
                    let mut expected = theirs.snippet(text);
                    expected.set_snippet_prefix_postfix("<mark>", "</mark>");
                    let expected = (!expected.highlighted().is_empty()).then(|| expected.to_html());
                    snippets.extend(expected.clone());
                    assert_eq!(
                        ours.html(text),
                        expected,
                        "{query_words:?} in {text:?} ({max_num_chars} chars)"
                    );
                    // The scanned words are the analyser's words.
                    let analysed = crate::query::analyse(&mut analyzer, text);
                    let scanned: Vec<String> = words(text)
                        .flat_map(|r| crate::query::analyse(&mut analyzer, &text[r]))
                        .collect();
                    assert_eq!(scanned, analysed, "{text:?}");
                }
            }
        }
        // The cases above do highlight, ASCII and folded words alike.
        assert!(snippets.len() > 30, "{snippets:?}");
        assert!(snippets.iter().any(|s| s.contains("<mark>Über</mark>")));
        assert!(snippets.iter().any(|s| s.contains("<mark>RÜST</mark>")));
        assert!(snippets.iter().any(|s| s.contains("&#x27;")));
    }
}
