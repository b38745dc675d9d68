//! Event-coding evaluation: the PETRARCH2 unit-test records (with their own
//! dictionaries), and the real-news gold sets PETR2_GSR_validation.xml and
//! PLOVER_GSR_CAMEO.json. Also builds the verb-pattern model.

use std::path::Path;

/// `eventwire eval events`.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let _ = data;
    anyhow::bail!("the events evaluation is not built yet")
}

/// `eventwire train verbs`: compile CAMEO.2.0.txt into `models/verbs.ewm`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let _ = (data, out);
    anyhow::bail!("the verb-pattern model is not built yet")
}
