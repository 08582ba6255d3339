use prepboard_fetcher::sources::hn;
#[test]
fn debug() {
    let ids: Vec<u64> = std::env::var("IDS").unwrap().split(',').map(|s| s.parse().unwrap()).collect();
    for thread in ["46466074", "46857488", "47219668"] {
        let body = std::fs::read(format!("{}/../../tests/fixtures/hn/firebase/items-{thread}.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let (items, _) = hn::api::firebase_items(&body).unwrap();
        for item in items.iter().filter(|i| ids.contains(&i.id)) {
            println!("=== {}", item.id);
            match hn::listings(item, chrono::Utc::now()) {
                Ok(ls) => for l in ls { println!("  {:?} | {:?} | {:?} | {:?} | {:?}", l.title, l.company.name, l.workplace, l.location_text, l.structured_salary.as_ref().map(|s| (s.min, s.max, s.currency.clone()))); },
                Err(e) => println!("  skip {e:?}"),
            }
        }
    }
}
