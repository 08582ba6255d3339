//! The We Work Remotely RSS parser on any body, and the normaliser on whatever it reads (WWR's
//! description header and boilerplate readers included). Seeds: `tests/fixtures/wwr/`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepboard_core::SourceKind;
use prepboard_fetcher::{ParseContext, registry};

fuzz_target!(|data: &[u8]| {
    let ctx = ParseContext::at(prepboard_fuzz::fetched_at());
    if let Ok(output) = registry::parse(SourceKind::WeWorkRemotely, data, &ctx)
        && prepboard_fuzz::small_enough(data)
    {
        prepboard_fuzz::normalize_all(output.listings);
    }
});
