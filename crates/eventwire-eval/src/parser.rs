//! Evaluation of the parser stage (being built).

use std::path::Path;

/// Print the stage's standard metrics on its gold data.
pub fn run(_data: &Path) -> anyhow::Result<()> {
    anyhow::bail!("the parser evaluation is not built yet")
}

/// Train the stage's model from the train split and write it to `out`.
pub fn train(_data: &Path, _out: &Path) -> anyhow::Result<()> {
    anyhow::bail!("training the parser model is not built yet")
}
