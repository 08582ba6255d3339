//! The normaliser's readers on any text: salary (free text and description), places (structured,
//! field and prose), eligibility, workplace and offices (every kind of board, the text as a
//! structured field too), UTC bands, title family and seniority, employment type, the badge, and
//! the URL rule; then a whole listing with the text in every field. Seeds: `fuzz/seeds/readers/`
//! (salary, location and title texts from the fixtures).
#![no_main]

use libfuzzer_sys::fuzz_target;
use prepboard_core::normalize::place_scan::{self, TextKind};
use prepboard_core::normalize::workplace::{self, Board, PlaceSignals};
use prepboard_core::normalize::{Normalizer, badge, eligibility, salary, salary_text, url, utc_band};
use prepboard_core::{EmploymentType, PlaceFields, SourceKind, WorkplaceType};

fuzz_target!(|data: &[u8]| {
    let text = prepboard_fuzz::text(data);
    let normalizer = Normalizer::bundled();

    let _ = salary_text::parse_salary_text(normalizer.rates(), &text);
    if let Some(salary) = salary::read_salary(normalizer.rates(), None, Some(&text), &text)
        && let (Some(min), Some(max)) = (salary.min, salary.max)
    {
        assert!(min <= max, "salary min {min} > max {max} from {text:?}");
    }

    for kind in [TextKind::Structured, TextKind::Field, TextKind::Prose] {
        let _ = place_scan::read_places(&text, kind);
    }
    if let Some(band) = utc_band::utc_band(&text) {
        assert!(
            band.min_offset_minutes <= band.max_offset_minutes,
            "{band:?} from {text:?}"
        );
    }
    let places = vec![text.clone()];
    let _ = eligibility::read_eligibility(&places, &text, &text);

    let fields = PlaceFields {
        fields: vec![PlaceFields::field("Workplace Type", &text)],
        offices: vec![text.clone()],
    };
    for board in [Board::Employer, Board::RemoteOnly, Board::Mixed] {
        let (workplace, eligibility) = workplace::read_location(&PlaceSignals {
            board,
            board_name: "Fuzz",
            source_workplace: WorkplaceType::Unknown,
            fields: &fields,
            structured_places: &places,
            location_text: &text,
            title: &text,
            description_text: &text,
        });
        let _ = badge::eligibility_badge(workplace, &eligibility);
    }

    let _ = normalizer.classify_title(&text);
    let _ = workplace::employment_type(EmploymentType::Unknown, &text);

    if let Ok(kept) = url::http_url(&text) {
        prepboard_fuzz::assert_http(&kept);
    }

    let source = SourceKind::ALL[data.len() % SourceKind::ALL.len()];
    if let Ok(normalized) = normalizer.normalize(prepboard_fuzz::raw_listing(source, &text)) {
        prepboard_fuzz::check_listing(&normalized.listing);
    }
});
