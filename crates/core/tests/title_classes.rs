//! One test per failure class of the title classifier (issue 12), each with examples written for
//! it: none of them is a row of the labelled table, so these check the class, not the table.

use prepboard_core::{Normalizer, Seniority, TitleFamily};

use Seniority as S;
use TitleFamily as F;

fn family(title: &str) -> TitleFamily {
    Normalizer::bundled().classify_title(title).0
}

fn level(title: &str) -> Seniority {
    Normalizer::bundled().classify_title(title).1
}

fn check_families(cases: &[(&str, TitleFamily)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(title, expected)| family(title) != *expected)
        .map(|(title, expected)| format!("{title:?}: expected {expected}, got {}", family(title)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn check_levels(cases: &[(&str, Seniority)]) {
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(title, expected)| level(title) != *expected)
        .map(|(title, expected)| format!("{title:?}: expected {expected}, got {}", level(title)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn an_infrastructure_or_developer_platform_is_platform_engineering() {
    check_families(&[
        ("Platform Engineer", F::PlatformEngineer),
        ("Senior Platform Engineer, Remote", F::PlatformEngineer),
        ("Software Engineer, Platform", F::PlatformEngineer),
        ("Staff Engineer - Cloud Platform", F::PlatformEngineer),
        (
            "Backend Developer, Internal Developer Platform",
            F::PlatformEngineer,
        ),
        (
            "Software Engineer II, Kubernetes Platform",
            F::PlatformEngineer,
        ),
        ("Engineer, Developer Experience", F::PlatformEngineer),
        ("Go Platform Engineer", F::PlatformEngineer),
    ]);
}

#[test]
fn a_platform_engineer_joined_to_another_area_is_still_a_platform_engineer() {
    // "&" and "and" join two role areas; without them the first word would name a business
    // domain's platform ("Payments Platform" builds backend services).
    check_families(&[
        ("Senior Product & Platform Engineer", F::PlatformEngineer),
        ("Infrastructure and Platform Engineer", F::PlatformEngineer),
        (
            "Senior Infastructure & Platform Engineer",
            F::PlatformEngineer,
        ),
        (
            "Software Engineer, Payments & Platform",
            F::PlatformEngineer,
        ),
        ("Software Engineer, Payments Platform", F::BackendEngineer),
    ]);
}

#[test]
fn a_business_domain_platform_builds_backend_services() {
    check_families(&[
        ("Software Engineer, Payments Platform", F::BackendEngineer),
        ("Senior Engineer - Checkout Platform", F::BackendEngineer),
        (
            "Staff Software Engineer, Lending Platform",
            F::BackendEngineer,
        ),
        ("Billing Platform Engineer", F::BackendEngineer),
        // Another family's own word before "platform" keeps that family.
        ("Senior Engineer, Data Platform (Remote)", F::DataEngineer),
        ("Senior Frontend Engineer, UI Platform", F::FrontendEngineer),
        ("Product Manager, Payments Platform", F::NonEngineering),
    ]);
}

#[test]
fn web_and_website_stacks_are_frontend() {
    check_families(&[
        ("Web Engineer", F::FrontendEngineer),
        ("Senior Web Developer (Remote)", F::FrontendEngineer),
        ("WordPress Theme Developer", F::FrontendEngineer),
        ("Drupal Developer", F::FrontendEngineer),
        ("Webflow Developer - Contract", F::FrontendEngineer),
        // A backend word with the web makes it full stack; an explicit layer wins.
        ("PHP Web Developer", F::FullStackEngineer),
        ("Drupal Backend Developer", F::BackendEngineer),
        ("Web Designer (Figma)", F::NonEngineering),
    ]);
}

#[test]
fn a_language_or_framework_alone_is_backend_and_two_stacks_are_full_stack() {
    check_families(&[
        ("Elixir Developer", F::BackendEngineer),
        ("Spring Developer", F::BackendEngineer),
        ("Senior Scala Engineer", F::BackendEngineer),
        ("Perl Programmer", F::BackendEngineer),
        ("Django + Vue Developer", F::FullStackEngineer),
        ("Laravel / React Engineer", F::FullStackEngineer),
        ("React Developer", F::FrontendEngineer),
        // Languages that run on either side say nothing.
        ("TypeScript Engineer", F::OtherEngineering),
        ("C++ Engineer", F::OtherEngineering),
        // A speciality beats a language; a named infrastructure area does too.
        ("Machine Learning Engineer (Python)", F::OtherEngineering),
        ("Golang Engineer, Kubernetes", F::DevopsSre),
    ]);
}

#[test]
fn keeping_systems_up_and_sized_is_devops_and_devex_is_platform() {
    // Why: disaster recovery, resiliency, compute fleets and capacity are the reliability side of
    // running infrastructure; "DevEx" is developer experience spelt short.
    check_families(&[
        (
            "Member of Technical Staff (Disaster Recovery)",
            F::DevopsSre,
        ),
        (
            "Staff Software Engineer, Resiliency (Federal)",
            F::DevopsSre,
        ),
        ("Principal Engineer, Compute Fleet Management", F::DevopsSre),
        ("Software Engineer, Capacity Planning", F::DevopsSre),
        ("Staff Engineer, FGA DevEx", F::PlatformEngineer),
        // Without an engineering word they are no engineering job.
        ("Capacity Planning Manager", F::NonEngineering),
    ]);
}

#[test]
fn an_infrastructure_technology_is_a_stack_word_below_an_explicit_layer() {
    // Why: Kubernetes and Terraform name tools, as Kafka and Spark do for data; an explicit
    // layer beats a stack word (config/titles.toml's precedence), while an infrastructure area
    // ("Backend Engineer, Infrastructure") still beats the layer.
    check_families(&[
        (
            "Senior Backend Engineer (Go, Kubernetes)",
            F::BackendEngineer,
        ),
        ("Backend Engineer (Terraform)", F::BackendEngineer),
        ("Kubernetes Engineer", F::DevopsSre),
        ("Software Engineer (Kubernetes)", F::DevopsSre),
        ("Software Engineer - Python and K8s", F::DevopsSre),
        ("Backend Engineer, Infrastructure", F::DevopsSre),
    ]);
}

#[test]
fn product_engineers_do_full_stack_product_work() {
    check_families(&[
        ("Product Engineer", F::FullStackEngineer),
        ("Senior Product Engineer (Remote, EU)", F::FullStackEngineer),
        ("Software Engineer, Product", F::FullStackEngineer),
        ("Backend Product Engineer", F::BackendEngineer),
        ("Product Engineering Manager", F::EngineeringManager),
    ]);
}

#[test]
fn a_weak_keyword_does_not_override_a_stronger_one_of_another_family() {
    check_families(&[
        ("ETL Integration Developer", F::DataEngineer),
        ("Integration Engineer", F::ApiEngineer),
        ("Backend Engineer, Partner Integrations", F::ApiEngineer),
        ("Software Engineer, Sales Tools", F::OtherEngineering),
        (
            "Software Engineer, Marketing Technology",
            F::OtherEngineering,
        ),
        ("Senior Engineer - Recruiting Systems", F::OtherEngineering),
        ("Marketing Operations Manager", F::NonEngineering),
        ("Engineering Compensation Partner, EMEA", F::NonEngineering),
        ("Continuous Integration Engineer", F::DevopsSre),
        ("Technical Account Manager, Strategic", F::SolutionsEngineer),
        ("Data Center Operations Technician", F::NonEngineering),
        ("Go-To-Market Systems Engineer", F::OtherEngineering),
    ]);
}

#[test]
fn analysts_and_data_scientists_are_not_engineers() {
    check_families(&[
        ("Full Stack Data Analyst", F::NonEngineering),
        ("Full-Stack Data Scientist", F::NonEngineering),
        ("Data Analyst, Engineering", F::NonEngineering),
        ("Security Analyst (SOC)", F::NonEngineering),
        ("Research Scientist, Backend Systems", F::NonEngineering),
        ("Analytics Engineer", F::DataEngineer),
        ("QA Analyst", F::QaSdet),
    ]);
}

#[test]
fn managers_of_customer_facing_engineering_are_solutions() {
    check_families(&[
        ("Manager, Sales Engineering", F::SolutionsEngineer),
        (
            "Director of Solutions Engineering, EMEA",
            F::SolutionsEngineer,
        ),
        ("Head of Customer Engineering", F::SolutionsEngineer),
        ("Support Engineering Manager", F::SolutionsEngineer),
        ("Field CTO, Financial Services", F::SolutionsEngineer),
        ("Manager, Platform Engineering", F::EngineeringManager),
        ("Director, Security Operations", F::EngineeringManager),
        ("Business Development Manager, Cloud", F::NonEngineering),
    ]);
}

#[test]
fn sales_segments_and_staff_nouns_are_not_levels() {
    check_levels(&[
        ("Mid-Market Account Executive, DACH", S::Unknown),
        ("Senior Mid Market Account Executive", S::Senior),
        ("SMB Account Manager", S::Unknown),
        ("Enterprise Sales Executive", S::Unknown),
        ("Chief of Staff, Engineering", S::Unknown),
        ("Member of Technical Staff, Storage", S::Unknown),
        ("Senior Member of Technical Staff", S::Senior),
        ("Lead Generation Specialist", S::Unknown),
        ("Mid-level Backend Developer", S::Mid),
    ]);
}

#[test]
fn ladder_numbers_count_only_after_a_role_noun() {
    check_levels(&[
        ("Backend Engineer I", S::Junior),
        ("Data Analyst II, Growth", S::Mid),
        ("Support Engineer, Tier 3", S::Senior),
        ("Developer IV", S::Senior),
        ("Software Engineer (5+ years), Payments 2", S::Unknown),
        ("Platform Engineer (3 YOE)", S::Unknown),
        ("Manager II, Customer Success", S::Unknown),
        ("Software Engineer L4", S::Unknown),
    ]);
}

#[test]
fn associates_are_junior_but_associate_directors_and_counsel_are_not() {
    check_levels(&[
        ("Associate Software Developer", S::Junior),
        ("Customer Support Associate", S::Junior),
        ("Associate Director, Analytics", S::Director),
        ("Associate General Counsel, Employment", S::Unknown),
    ]);
}

#[test]
fn plural_titles_read_like_singular_ones() {
    check_families(&[
        ("Sales Engineers (EMEA)", F::SolutionsEngineer),
        ("Product Managers, Growth", F::NonEngineering),
        ("Backend Engineers - Go", F::BackendEngineer),
        ("Site Reliability Engineers", F::DevopsSre),
        ("Engineers, Public APIs", F::ApiEngineer),
    ]);
    check_levels(&[
        ("Tech Leads, Payments", S::Lead),
        ("Summer Interns", S::Intern),
    ]);
}

#[test]
fn levels_written_without_a_space_still_read() {
    check_levels(&[
        ("Sr.Backend Engineer", S::Senior),
        ("Sr.Staff Engineer, Storage", S::Staff),
    ]);
    check_families(&[("Node.js Engineer", F::BackendEngineer)]);
}

#[test]
fn named_stacks_and_tools_pick_their_family() {
    check_families(&[
        ("MERN Stack Developer", F::FullStackEngineer),
        ("Magento Developer", F::FrontendEngineer),
        ("Express.js Developer", F::BackendEngineer),
        ("SQL Developer", F::DataEngineer),
        ("Kafka Engineer", F::DataEngineer),
        ("Penetration Tester", F::SecurityEngineer),
        ("Network Administrator", F::DevopsSre),
        ("Developer Evangelist", F::SolutionsEngineer),
    ]);
    check_levels(&[
        ("SDE II, Payments", S::Mid),
        ("Staff+ Engineer, Infrastructure", S::Staff),
        ("Praktikant Softwareentwicklung", S::Intern),
    ]);
}

#[test]
fn ops_words_of_running_systems_are_devops() {
    check_families(&[
        ("CloudOps Engineer", F::DevopsSre),
        ("Staff Cloud Ops Engineer (AWS)", F::DevopsSre),
        ("IT Ops Engineer II", F::DevopsSre),
        ("SysOps Administrator", F::DevopsSre),
        ("NetOps Engineer", F::DevopsSre),
        ("TechOps Lead", F::DevopsSre),
        ("Technical Operations Engineer", F::DevopsSre),
        // Other "-Ops" words keep their own families.
        ("MLOps Engineer", F::OtherEngineering),
        ("DevSecOps Engineer", F::SecurityEngineer),
        ("RevOps Manager", F::NonEngineering),
    ]);
}

#[test]
fn a_technical_founder_is_an_engineer() {
    check_families(&[
        ("Technical Co-Founder", F::OtherEngineering),
        ("Technical Cofounder (Backend)", F::BackendEngineer),
        ("Technical Founder", F::OtherEngineering),
        ("Co-Founder", F::NonEngineering),
    ]);
}

#[test]
fn a_mobile_stack_in_a_later_segment_loses_to_the_role_segments_layer() {
    check_families(&[
        (
            "Product Engineer (React Native, Node)",
            F::FullStackEngineer,
        ),
        ("Backend Engineer - Flutter", F::BackendEngineer),
        // Still above the speciality and stack words.
        ("AI Engineer (Flutter)", F::MobileEngineer),
        ("Software Engineer (React, React Native)", F::MobileEngineer),
        ("React Native Engineer", F::MobileEngineer),
    ]);
}

#[test]
fn dx_is_developer_experience_beside_an_engineering_word() {
    check_families(&[
        ("DX Engineer", F::PlatformEngineer),
        ("Senior Software Engineer, DX", F::PlatformEngineer),
        ("Forward Deploy Engineer", F::SolutionsEngineer),
    ]);
    check_levels(&[("Software Engineer (Fresher)", S::Junior)]);
}

#[test]
fn a_backend_layer_outranks_a_data_team_and_short_forms_name_their_layer() {
    check_families(&[
        // The explicit layer beats the team word, as the precedence in titles.toml lists them.
        ("Software Engineer, Backend/Data", F::BackendEngineer),
        ("Founding Engineer: Backend + Data", F::BackendEngineer),
        ("Software Engineer, Data", F::DataEngineer),
        ("Backend/Data Engineer", F::DataEngineer),
        ("Senior FE Engineer", F::FrontendEngineer),
        ("Senior Software Engineer (Vector DB)", F::BackendEngineer),
        // A tech lead is an engineer: the area the title names decides.
        ("Tech Lead iOS App", F::MobileEngineer),
        ("Tech Lead", F::OtherEngineering),
    ]);
}

#[test]
fn heads_of_technology_and_security_manage_engineers_and_a_development_lead_is_one() {
    check_families(&[
        ("Head of Security", F::EngineeringManager),
        ("VP of Technology", F::EngineeringManager),
        ("Chief Product & Technology Officer", F::EngineeringManager),
        ("Head of Tooling", F::EngineeringManager),
        // Commercial and recruiting teams of the same name are not engineering.
        ("Head of Technology Partnerships", F::NonEngineering),
        ("Head of Tech Recruiting", F::NonEngineering),
        ("Product Manager - Security", F::NonEngineering),
        ("Development Lead", F::OtherEngineering),
        ("Business Development Lead", F::NonEngineering),
        ("Sales Development Lead", F::NonEngineering),
        ("Developer Success Engineer", F::SolutionsEngineer),
        ("Founding Engineer (CTO-track)", F::OtherEngineering),
    ]);
    check_levels(&[("Founding Engineer (CTO-track)", S::Senior)]);
}

#[test]
fn hackers_and_software_interns_are_engineers_and_growth_hackers_market() {
    check_families(&[
        ("Founding Hacker", F::OtherEngineering),
        ("Growth Hacker", F::NonEngineering),
        ("Software Intern", F::OtherEngineering),
        ("Software Co-op", F::OtherEngineering),
    ]);
    check_levels(&[("Software Intern", S::Intern)]);
}
