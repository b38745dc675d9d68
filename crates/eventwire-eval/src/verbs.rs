//! Builds the verb-pattern model (`eventwire train verbs`) from PETRARCH2's
//! CAMEO.2.0 verb dictionary.

use anyhow::Context;
use eventwire_core::events::verbs::VerbDictionary;
use std::path::Path;
use std::time::Instant;

/// Where the production verb dictionary sits under the data folder.
pub const CAMEO_VERBS: &str = "petrarch2/dictionaries/CAMEO.2.0.txt";

/// A dictionary file as text; the PETRARCH files are mostly ASCII with a
/// few Latin-1 bytes.
pub fn read_latin1(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

/// `eventwire train verbs`: compile CAMEO.2.0.txt into `models/verbs.ewm`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let source = data.join(CAMEO_VERBS);
    let text = read_latin1(&source)?;
    let started = Instant::now();
    let (dict, issues) = VerbDictionary::from_petrarch(&text, "CAMEO.2.0.txt");
    let parse_ms = started.elapsed().as_secs_f64() * 1e3;
    if !issues.is_empty() {
        eprintln!("verbs: {} lines skipped, e.g.", issues.len());
        for issue in issues.iter().take(10) {
            eprintln!("  {issue}");
        }
    }
    let bytes = dict.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let started = Instant::now();
    let reloaded = VerbDictionary::from_bytes(&bytes).context("reloading the written model")?;
    let load_ms = started.elapsed().as_secs_f64() * 1e3;
    let s = reloaded.stats();
    anyhow::ensure!(
        s == dict.stats(),
        "the written model does not reload to the same dictionary"
    );
    println!(
        "verbs: {} blocks, {} verb entries ({} multi-word), {} forms, {} patterns, {} synsets, {} words, {} codes, {} transformations, {} issues",
        s.blocks,
        s.verbs,
        s.multi_word,
        s.forms,
        s.patterns,
        s.synsets,
        s.words,
        s.codes,
        s.transformations,
        issues.len()
    );
    println!(
        "verbs: wrote {} ({} bytes); parse {parse_ms:.1} ms, load {load_ms:.1} ms",
        out.display(),
        bytes.len()
    );
    Ok(())
}
