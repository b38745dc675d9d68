//! Gold-data scoring for the actors stage (being built).

use std::path::Path;

/// Score the stage on its gold data and print the report.
pub fn run(_data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the actors evaluation is not built yet")
}

/// Compile the actor dictionaries into the compact embedded form.
pub fn train(_data: &Path, _out: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the actor dictionary builder is not built yet")
}
