// `sqlx::migrate!` embeds the files of `migrations/` at compile time, but cargo does not know the
// macro read them: without this, adding a migration would not rebuild the crate.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
