//! Evaluation of the clean stage.

use std::path::Path;

/// Run the clean evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("clean evaluation is not implemented yet (data: {})", data.display())
}
