//! Gold-data scoring for the places stage (being built).

use std::path::Path;

/// Score the stage on its gold data and print the report.
pub fn run(_data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the places evaluation is not built yet")
}

/// Build the compact gazetteer from the GeoNames files.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    crate::gazetteer::build(data, out)
}
