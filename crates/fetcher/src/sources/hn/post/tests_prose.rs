//! Whole posts whose roles are named in running prose, in announced lists and under headings
//! that say where they are (the seventeenth round's made-up shapes), one test per rule.
use super::tests::titles;
use super::tests_workplace::workplaces;
use super::*;

#[test]
fn a_hiring_sentences_list_goes_on_after_each_roles_clause() {
    // An article or a count after a comma, or after "and" before a capitalised title, opens the
    // next role, whatever clause the one before it had.
    assert_eq!(
        titles(
            "Acme | Boston | REMOTE<p>We build dashboards.<p>We&#x27;re looking for a senior backend engineer who knows Postgres well, a product designer who has shipped B2B dashboards, and an SRE to take the pager."
        ),
        ["Senior Backend Engineer", "Product Designer", "SRE"]
    );
    assert_eq!(
        titles(
            "Acme | Chicago | REMOTE<p>This quarter we&#x27;re hiring a Staff Backend Engineer to own the rating engine (Python, Postgres, a lot of SQL) and a Mobile Engineer for the driver app."
        ),
        ["Staff Backend Engineer", "Mobile Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | Portland, OR | REMOTE<p>We&#x27;re hiring on a few fronts: a Senior Android Engineer to lead the rewrite; a GIS Data Engineer to own the tile pipeline; and a part-time Community Manager for the forums."
        ),
        [
            "Senior Android Engineer",
            "GIS Data Engineer",
            "Community Manager"
        ]
    );
    // Colleagues in lower case after a clause are not openings.
    assert_eq!(
        titles(
            "Acme | NYC | ONSITE<p>We&#x27;re hiring a Senior Engineer to work with a designer and a product manager."
        ),
        ["Senior Engineer"]
    );
}

#[test]
fn a_sentence_announcing_roles_before_a_colon_lists_them() {
    assert_eq!(
        titles(
            "Acme | London | REMOTE (UK)<p>We trade storage.<p>Roles we&#x27;re trying to fill before the summer: a Senior Data Engineer (Snowflake, dbt), an Analytics Engineer, and a Data Engineering Manager to lead them both."
        ),
        [
            "Senior Data Engineer (Snowflake, Dbt)",
            "Analytics Engineer",
            "Data Engineering Manager"
        ]
    );
    // Numbered inline, "(1) a …, (2) a …".
    assert_eq!(
        titles(
            "Acme | Remote (US)<p>We have three openings: (1) a Senior Platform Engineer to run our clusters, (2) a Data Engineer for the ingestion team, and (3) a Sales Engineer covering the East Coast."
        ),
        [
            "Senior Platform Engineer",
            "Data Engineer",
            "Sales Engineer"
        ]
    );
    // "adding" after a subject hires; "one more" and "our first" are no part of a title.
    assert_eq!(
        titles(
            "Acme | Denver, CO | REMOTE<p>After two years we&#x27;re finally adding to the team: one more Senior Rails Engineer, our first QA Engineer, and a Product Manager who has worked in healthcare."
        ),
        ["Senior Rails Engineer", "QA Engineer", "Product Manager"]
    );
}

#[test]
fn list_items_lettered_tagged_or_qualified_after_a_comma_are_titles() {
    assert_eq!(
        titles(
            "Acme | Chicago, IL | ONSITE<p>We settle trades. Openings:<p>a) Senior Backend Engineer – payments ledger<p>b) Technical Program Manager"
        ),
        ["Senior Backend Engineer", "Technical Program Manager"]
    );
    assert_eq!(
        titles(
            "Acme | Seattle, WA | HYBRID<p>We forecast tides.<p>Open roles right now:<p>- a Senior Frontend Engineer, ideally with design-system experience<p>- a Product Manager, who will own onboarding"
        ),
        ["Senior Frontend Engineer", "Product Manager"]
    );
    // A bracketed tag that says where is the role's place; one naming a company is left alone.
    let html = "Acme | Lyon, France<p>We build robot cells.<p>[REMOTE] Senior DevOps Engineer<p>[ONSITE – Lyon] Robotics Engineer";
    assert_eq!(
        titles(html),
        ["Senior DevOps Engineer", "Robotics Engineer"]
    );
    assert_eq!(
        workplaces(html),
        [WorkplaceType::Remote, WorkplaceType::Onsite]
    );
    // A title heading with its team after a comma heads the paragraph about it.
    assert_eq!(
        titles(
            "Acme | San Francisco, CA | ONSITE<p>We build tooling.<p>Senior Software Engineer, Integrations<p>You&#x27;ll build connectors to hospital systems.<p>Founding Product Designer<p>Our first design hire."
        ),
        [
            "Senior Software Engineer, Integrations",
            "Founding Product Designer"
        ]
    );
}

#[test]
fn a_header_list_broken_after_a_comma_goes_on_in_the_next_line() {
    assert_eq!(
        titles(
            "Acme | Remote (UK) | Senior Backend Engineer (Python), Senior Frontend Engineer,<p>Engineering Manager, Product Designer<p>Acme builds compliance software."
        )
        .len(),
        4
    );
}

#[test]
fn where_a_heading_or_the_header_puts_some_roles_leaves_the_others_where_they_are() {
    // "Remote roles (US only):" heads remote roles under a hybrid post.
    assert_eq!(
        workplaces(
            "Acme | Boston, MA<p>We make grant software.<p>Boston roles (these roles are hybrid, 3 days a week in our office):<p>- Senior Full Stack Engineer<p>Remote roles (US only):<p>- Senior Data Engineer"
        ),
        [WorkplaceType::Hybrid, WorkplaceType::Remote]
    );
    // "remote for some roles": the roles not marked remote are at the header's office.
    assert_eq!(
        workplaces(
            "Acme | Denver, CO (remote for some roles)<p>We build storage.<p>Open roles:<p>- Senior Software Engineer (Remote, US)<p>- Electrical Engineer"
        ),
        [WorkplaceType::Remote, WorkplaceType::Onsite]
    );
    // A piece that only says where the work is names no role.
    assert_eq!(
        titles(
            "Acme | Amsterdam<p>We sell lab equipment.<p>Senior Backend Engineer · Remote (EU)<p>Frontend Engineer · Remote (EU)<p>Office Manager · Amsterdam, on-site<p>Warehouse Lead · Amsterdam, on-site"
        ),
        [
            "Senior Backend Engineer",
            "Frontend Engineer",
            "Office Manager",
            "Warehouse Lead"
        ]
    );
}

#[test]
fn fillers_after_a_header_role_name_nothing() {
    assert_eq!(
        titles("Acme | Developer Advocates + many others | Remote"),
        ["Developer Advocate"]
    );
}

#[test]
fn a_title_line_that_says_what_it_is_for_names_a_header_roleless_posts_role() {
    assert_eq!(
        titles("Acme | NYC | REMOTE<p>Senior Backend Engineer wanted!<p>Acme builds ledgers."),
        ["Senior Backend Engineer"]
    );
    // A line whose own list adds roles keeps the header's: "Other roles we're also hiring for:".
    assert_eq!(
        titles(
            "Acme | NYC | Hybrid (2 days/week in-office)<p>Senior/Staff Python Engineers for our patient experience and core teams!<p>Acme builds a health platform.<p>Open roles (apply here): https://acme.example/careers<p>Other roles we&#x27;re also hiring for: SRE, iOS, and a few leadership roles."
        ),
        ["Senior/Staff Python Engineer", "SRE", "iOS Engineer"]
    );
    // A line of prose that is no title names nothing.
    assert_eq!(
        titles("Acme | NYC | REMOTE<p>Engineers for the win<p>We are hiring a Data Engineer."),
        ["Data Engineer"]
    );
}

#[test]
fn first_person_and_enumerated_prose_names_its_roles() {
    // A sentence per role of an enumeration.
    assert_eq!(
        titles(
            "Acme | Remote (EU)<p>We&#x27;re hiring three people this spring.<p>First, a backend engineer to own the pipeline. Second, a designer who can write CSS. Third, a support engineer for our customers."
        ),
        ["Backend Engineer", "Designer", "Support Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | Dublin | HYBRID<p>There are two openings this quarter.<p>The first is a staff infrastructure engineer to lead our move to AWS. The second is an engineering manager for the payments team."
        ),
        ["Staff Infrastructure Engineer", "Engineering Manager"]
    );
    // "one for a …, one for a …" after an announced count.
    assert_eq!(
        titles(
            "Acme | Austin, TX | HYBRID<p>My team (payments infrastructure) has two openings: one for a senior SRE, one for a backend engineer who has done PCI work."
        ),
        ["Senior SRE", "Backend Engineer"]
    );
    // A conditional that addresses the reader as the role ends at its comma.
    assert_eq!(
        titles(
            "Acme | Cambridge, UK | ONSITE<p>If this sounds like fun and you&#x27;re a compiler engineer, we&#x27;d love to hear from you."
        ),
        ["Compiler Engineer"]
    );
    // A lower-case poster's second title after "and a", and a lower-case sentence after "!".
    assert_eq!(
        titles(
            "Acme | Remote (US)<p>We&#x27;re hiring a senior frontend engineer at $160k–$185k and a junior QA engineer at $85k–$95k."
        ),
        ["Senior Frontend Engineer", "Junior QA Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | Remote (US/Canada)<p>we&#x27;re hiring! looking for a senior golang dev and a devops engineer, both remote."
        )
        .len(),
        2
    );
    // ", and we could also use a …" is a clause with a verb of its own.
    assert_eq!(
        titles(
            "Acme | Remote (EU)<p>We&#x27;re looking to hire a couple of mid-level backend engineers, and we could also use a technical writer for the docs."
        ),
        ["Mid-level Backend Engineer", "Technical Writer"]
    );
    // More verbs: headcount, taking on, "we're after"; areas in a parenthesis; a TL;DR line.
    assert_eq!(
        titles(
            "Acme | Bristol, UK | HYBRID<p>I have headcount for two analytics engineers and one data scientist."
        ),
        ["Analytics Engineer", "Data Scientist"]
    );
    assert_eq!(
        titles(
            "Acme | Remote (Europe)<p>We&#x27;re hiring (backend, infra, ML) and all three roles are remote."
        ),
        ["Backend Engineer", "Infra Engineer", "ML Engineer"]
    );
    assert_eq!(
        titles(
            "Acme | Remote (US)<p>TL;DR: senior Rails dev, remote US, small team.<p>We make software."
        ),
        ["Senior Rails Dev"]
    );
    // "Our only opening right now is a …" announces without a colon.
    assert_eq!(
        titles(
            "Acme | Vilnius | HYBRID<p>Our only opening right now is a senior backend engineer."
        ),
        ["Senior Backend Engineer"]
    );
}

#[test]
fn body_sentences_offering_an_office_or_remote_beside_the_header() {
    use WorkplaceType::{Hybrid, Onsite, RemoteOrOffice};
    let one = |html: &str| workplaces(html)[0];
    // An office the hire may use, beside REMOTE, is a choice.
    for body in [
        "Most of us work from home; we also have a WeWork in Denver you can use whenever you like.",
        "We prefer people who can work from our Berlin office, but remote is fine too.",
        "A few of us work from a shared office in Brooklyn that&#x27;s open to anyone on the team.",
        "Our Ghent office is open to contractors too, if you&#x27;d like a desk.",
    ] {
        assert_eq!(
            one(&format!("Acme | Senior Engineer | REMOTE<p>{body}")),
            RemoteOrOffice,
            "{body}"
        );
    }
    // Remote offered under a header that names a city, with words between.
    for body in [
        "Remote within the US considered.",
        "Remote work is available for this role.",
        "Remote is fine within Germany.",
    ] {
        assert_eq!(
            one(&format!("Acme | Data Engineer | Minneapolis, MN<p>{body}")),
            RemoteOrOffice,
            "{body}"
        );
    }
    assert_eq!(
        one(
            "Acme | Frontend Engineer | Denver, CO<p>We sit together in our Denver office; a day or two a week from home is fine."
        ),
        Hybrid
    );
    assert_eq!(
        one("Acme | Data Engineer | Paris | On-site 3 days, remote 2"),
        Hybrid
    );
    assert_eq!(
        one("Acme | Security Engineer | ONSITE in Zurich; remote not possible"),
        Onsite
    );
}
