//! Prints the clean-stage report (`eventwire eval clean` without the CLI):
//! `cargo run --release -p eventwire-eval --example clean_report [DATA_DIR]`.
//! `EVENTWIRE_CLEAN_SAMPLE=N` adds N seeded random removals per rule.

fn main() -> anyhow::Result<()> {
    let explicit = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let data = eventwire_eval::require_data_dir(explicit.as_deref())?;
    eventwire_eval::clean::run(&data)
}
