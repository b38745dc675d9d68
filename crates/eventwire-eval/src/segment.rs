//! Evaluation of the segment stage.

use std::path::Path;

/// Run the segment evaluation over the gold data in `data` and print the report.
pub fn run(data: &Path) -> anyhow::Result<()> {
    anyhow::bail!(
        "segment evaluation is not implemented yet (data: {})",
        data.display()
    )
}
