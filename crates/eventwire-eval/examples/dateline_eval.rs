//! Run the dateline evaluation until the CLI wires `eventwire eval dateline`:
//! `cargo run --release -p eventwire-eval --example dateline_eval [DATA_DIR]`.

fn main() -> anyhow::Result<()> {
    let explicit = std::env::args_os().nth(1).map(std::path::PathBuf::from);
    let data = eventwire_eval::require_data_dir(explicit.as_deref())?;
    eventwire_eval::dateline::run(&data)
}
