//! Gold-data loaders and scorers for each eventwire stage. `eventwire eval`
//! calls these; each prints the standard metric for its stage and its speed.

pub mod actors;
pub mod clean;
pub mod clusters;
pub mod coref;
pub mod counts;
pub mod dateline;
pub mod events;
pub mod extract;
pub mod gazetteer;
pub mod metrics;
pub mod ner;
pub mod parser;
pub mod pipeline;
pub mod places;
pub mod pos;
pub mod quotes;
pub mod segment;
pub mod time;
pub mod verbs;
pub mod xml;

use std::path::{Path, PathBuf};

/// The shared data folder: `$EVENTWIRE_DATA`, else `../shared/data` seen
/// from the current directory or any of its parents.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EVENTWIRE_DATA") {
        return Some(PathBuf::from(dir));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .map(|dir| dir.join("../shared/data"))
        .find(|candidate| candidate.is_dir())
}

/// The data folder or a clear error saying how to provide it.
pub fn require_data_dir(explicit: Option<&Path>) -> anyhow::Result<PathBuf> {
    match explicit.map(Path::to_path_buf).or_else(data_dir) {
        Some(dir) if dir.is_dir() => Ok(dir),
        Some(dir) => anyhow::bail!("data folder {} does not exist", dir.display()),
        None => anyhow::bail!(
            "no data folder: pass --data DIR or set EVENTWIRE_DATA to the folder holding the gold sets (shared/data)"
        ),
    }
}
