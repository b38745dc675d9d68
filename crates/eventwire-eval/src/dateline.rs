//! Evaluation of the dateline stage.

use std::path::Path;

/// Run the dateline evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("dateline evaluation is not implemented yet (data: {})", data.display())
}
