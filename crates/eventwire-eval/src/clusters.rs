//! Word clusters learned from unlabelled news text (being built).

use std::path::Path;

/// Learn the clusters and write them to `out`.
pub fn train(_data: &Path, _out: &Path) -> anyhow::Result<()> {
    anyhow::bail!("training word clusters is not built yet")
}
