//! Print how extraction saw one benchmark page (by id prefix).
fn main() -> anyhow::Result<()> {
    let prefix = std::env::args().nth(1).unwrap_or_default();
    let data = eventwire_eval::require_data_dir(None)?;
    for page in eventwire_eval::extract::load_benchmark(&data)? {
        if page.id.starts_with(&prefix) {
            print!("{}", eventwire_core::extract::explain(&page.html));
        }
    }
    Ok(())
}
