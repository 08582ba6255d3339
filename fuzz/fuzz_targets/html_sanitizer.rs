//! The description pipeline on any HTML: decoding what is still escaped, the per-source
//! boilerplate and header readers, the ammonia allow-list, blocks and plain text. The first byte
//! picks the source whose boilerplate rules apply. Seeds: `fuzz/seeds/html_sanitizer/` (real
//! descriptions from the fixtures).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepboard_core::SourceKind;
use prepboard_core::normalize::html;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let source = SourceKind::ALL[usize::from(selector) % SourceKind::ALL.len()];
    let input = prepboard_fuzz::text(rest);
    let decoded = html::decode_if_still_escaped(&input);
    let header = html::wwr_header_facts(source, &decoded);
    if let Some(url) = &header.company_url {
        // The header reader's URL is checked again by normalisation; it must at least be text.
        let _ = prepboard_core::normalize::url::http_url(url);
    }
    let stripped = html::strip_boilerplate(source, &decoded);
    let sanitized = html::sanitize(&stripped);
    prepboard_fuzz::check_sanitized(&sanitized);
    let blocks = html::blocks(&sanitized);
    let _ = html::blocks_to_text(&blocks);
    let _ = html::to_plain_text(&sanitized);
    let _ = html::collapse_whitespace(&html::decode_entities_in_text(&input));
});
