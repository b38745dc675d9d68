//! Event-coding evaluation: the PETRARCH2 unit-test records (with their own
//! dictionaries), and the real-news gold sets PETR2_GSR_validation.xml and
//! PLOVER_GSR_CAMEO.json.

use std::path::Path;

/// `eventwire eval events`.
pub fn run(data: &Path) -> anyhow::Result<()> {
    let _ = data;
    anyhow::bail!("the events evaluation is not built yet")
}
