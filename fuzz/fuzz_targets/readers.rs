//! The normaliser's readers on any text: salary (free text and description), location and
//! eligibility (field and prose, UTC bands), title family and seniority, workplace and employment
//! type, skills, and the URL rule; then a whole listing with the text in every field. Seeds:
//! `fuzz/seeds/readers/` (salary, location and title texts from the fixtures).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepboard_core::normalize::eligibility::{self, TextKind};
use prepboard_core::normalize::{Normalizer, salary, url, workplace};
use prepboard_core::{EmploymentType, SourceKind, WorkplaceType};

fuzz_target!(|data: &[u8]| {
    let text = prepboard_fuzz::text(data);
    let normalizer = Normalizer::bundled();

    let _ = salary::parse_salary_text(normalizer.rates(), &text);
    if let Some(salary) = salary::read_salary(normalizer.rates(), None, Some(&text), &text)
        && let (Some(min), Some(max)) = (salary.min, salary.max)
    {
        assert!(min <= max, "salary min {min} > max {max} from {text:?}");
    }

    let _ = eligibility::read_places(&text, TextKind::Field);
    let _ = eligibility::read_places(&text, TextKind::Prose);
    if let Some(band) = eligibility::utc_band(&text) {
        assert!(band.min_offset_minutes <= band.max_offset_minutes, "{band:?} from {text:?}");
    }
    let places = vec![text.clone()];
    let _ = eligibility::read_eligibility(&places, &text, &text);

    let _ = normalizer.classify_title(&text);
    for source in SourceKind::ALL {
        let _ = workplace::workplace_type(source, WorkplaceType::Unknown, &text, &text, &text);
    }
    let _ = workplace::employment_type(EmploymentType::Unknown, &text);

    if let Ok(kept) = url::http_url(&text) {
        prepboard_fuzz::assert_http(&kept);
    }

    let source = SourceKind::ALL[data.len() % SourceKind::ALL.len()];
    if let Ok(normalized) = normalizer.normalize(prepboard_fuzz::raw_listing(source, &text)) {
        prepboard_fuzz::check_listing(&normalized.listing);
    }
});
