//! Evaluation of the extract stage.

use std::path::Path;

/// Run the extract evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("extract evaluation is not implemented yet (data: {})", data.display())
}
