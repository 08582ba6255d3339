//! Whole posts read for their workplace: the body's words beside the header's, offices and
//! remote offered as options, and words that look like workplace words but are not.
use super::*;

/// The workplace of each listing a post yields.
fn workplaces(html: &str) -> Vec<WorkplaceType> {
    read(html)
        .unwrap()
        .into_iter()
        .map(|reading| reading.workplace)
        .collect()
}

/// The workplace of a post's first listing.
fn workplace(html: &str) -> WorkplaceType {
    read(html).unwrap()[0].workplace
}

#[test]
fn the_bodys_workplace_comes_before_a_place_alone_in_the_header() {
    assert_eq!(
        workplaces(
            "Acme | Senior Engineers | New York<p>We're a remote-first team, with an office in NYC."
        ),
        [WorkplaceType::Remote]
    );
    assert_eq!(
        workplaces("Acme | Senior Engineers | Boston<p>This is a hybrid role."),
        [WorkplaceType::Hybrid]
    );
    // A place alone, and nothing below: an office.
    assert_eq!(
        workplaces("Acme | Senior Engineers | Boston<p>We build boats."),
        [WorkplaceType::Onsite]
    );
}

#[test]
fn an_office_post_that_speaks_to_candidates_elsewhere_offers_remote() {
    assert_eq!(
        workplace(
            "Acme | Senior Engineer | St. Louis or NYC | 150-200k<p>We're headquartered in NYC. If you're not in NYC, quarterly travel to the office is expected."
        ),
        WorkplaceType::RemoteOrOffice
    );
    // An office post that says nothing of candidates elsewhere stays on-site.
    assert_eq!(
        workplace("Acme | Senior Engineer | NYC<p>We're headquartered in NYC."),
        WorkplaceType::Onsite
    );
}

#[test]
fn hybrid_naming_a_kind_of_thing_is_no_workplace() {
    assert_eq!(
        workplaces(
            "Acme | Remote (Worldwide)<p>• Product Designer ($130-180k USD): Hybrid design and research role.<p>• Senior Backend Engineer ($150k): our hybrid cloud."
        ),
        [WorkplaceType::Remote, WorkplaceType::Remote]
    );
    assert_eq!(
        workplaces("Acme | Senior Backend Engineer | NYC | Hybrid"),
        [WorkplaceType::Hybrid]
    );
}

#[test]
fn a_typed_double_dash_cuts_header_fields_and_remote_for_the_right_candidate_is_an_option() {
    assert_eq!(
        workplace(
            "SF Sauna -- SF Bay Area<p>Electrical / Power Systems Engineer - Build a battery-integrated sauna heater"
        ),
        WorkplaceType::Onsite
    );
    assert_eq!(
        workplace("Acme | Senior Backend Engineer | Austin, TX (Remote for the right candidate)"),
        WorkplaceType::RemoteOrOffice
    );
}

#[test]
fn remote_offered_in_the_body_beside_the_headers_office_is_a_choice() {
    assert_eq!(
        workplace(
            "Acme | Senior Backend Engineer | Berlin | Full-time<p>We're remote-friendly: most of the team works from home."
        ),
        WorkplaceType::RemoteOrOffice
    );
    // A role said to be fully remote is remote; the header's city is the company's base.
    assert_eq!(
        workplace("Acme | Seattle, WA | Senior Backend Engineer<p>This role is fully remote."),
        WorkplaceType::Remote
    );
}

#[test]
fn an_office_offered_beside_remote_is_a_choice() {
    for post in [
        "Acme | Senior Backend Engineer | Remote (US); office in NYC if you want it",
        "Acme | Senior Backend Engineer | Remote (US) | Office in Austin, TX optional",
        "Acme | Senior Backend Engineer | Remote<p>We have offices in London and New York for those who want them.",
        "Acme | Senior Backend Engineer | Remote<p>You can work from our Berlin office or from home.",
    ] {
        assert_eq!(workplace(post), WorkplaceType::RemoteOrOffice, "{post}");
    }
    // An office the post only mentions offers nothing.
    assert_eq!(
        workplace("Acme | Senior Backend Engineer | Remote<p>Our office is in Berlin."),
        WorkplaceType::Remote
    );
}
