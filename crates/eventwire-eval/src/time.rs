//! Gold-data scoring for the time stage (being built).

use std::path::Path;

/// Score the stage on its gold data and print the report.
pub fn run(_data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the time evaluation is not built yet")
}
