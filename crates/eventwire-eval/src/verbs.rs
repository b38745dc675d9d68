//! Builds the verb-pattern model (`eventwire train verbs`) from PETRARCH2's
//! CAMEO.2.0 verb dictionary.

use std::path::Path;

/// `eventwire train verbs`: compile CAMEO.2.0.txt into `models/verbs.ewm`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let _ = (data, out);
    anyhow::bail!("the verb-pattern model is not built yet")
}
