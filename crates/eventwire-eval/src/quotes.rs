//! Gold-data scoring for the quotes stage (being built).

use std::path::Path;

/// Score the stage on its gold data and print the report.
pub fn run(_data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the quotes evaluation is not built yet")
}
