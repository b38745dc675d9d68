//! Extract every page of the article-extraction benchmark and print the
//! results as one JSON object on stdout:
//! `{"html_bytes": N, "seconds": S, "pages": {id: {text, title, published, site_name, url}}}`.
//! `seconds` is the extraction time alone (one thread, reading excluded).
//!
//! With `--html FILE...` it extracts those files instead and prints one
//! JSON object per file (with the removals), for looking at other pages.
//!
//! With `--report` it prints the stage report instead (what
//! `eventwire eval extract` prints).
//!
//! Usage: extract_dump [--data DIR] [--limit N] [--report] | extract_dump --html FILE...

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut data: Option<PathBuf> = None;
    let mut limit = usize::MAX;
    let mut report_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--html" => return dump_files(args),
            "--report" => report_only = true,
            "--data" => data = args.next().map(PathBuf::from),
            "--limit" => {
                limit = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| anyhow::anyhow!("--limit needs a number"))?
            }
            other => anyhow::bail!(
                "unknown argument {other:?}; usage: extract_dump [--data DIR] [--limit N]"
            ),
        }
    }
    let data = eventwire_eval::require_data_dir(data.as_deref())?;
    if report_only {
        return eventwire_eval::extract::run(&data);
    }
    let pages = eventwire_eval::extract::load_benchmark(&data)?;
    let mut out = serde_json::Map::new();
    let mut seconds = 0.0;
    let mut bytes = 0usize;
    for page in pages.iter().take(limit) {
        let start = std::time::Instant::now();
        let article = eventwire_core::extract::extract(&page.html);
        seconds += start.elapsed().as_secs_f64();
        bytes += page.html.len();
        out.insert(
            page.id.clone(),
            serde_json::json!({
                "text": article.text,
                "title": article.title,
                "published": article.published,
                "site_name": article.site_name,
                "url": article.url,
            }),
        );
    }
    let report = serde_json::json!({ "html_bytes": bytes, "seconds": seconds, "pages": out });
    println!("{report}");
    Ok(())
}

fn dump_files(paths: impl Iterator<Item = String>) -> anyhow::Result<()> {
    use anyhow::Context;
    for path in paths {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
        let article = eventwire_core::extract::extract(&String::from_utf8_lossy(&bytes));
        let removed: Vec<_> = article
            .removed
            .iter()
            .map(|r| serde_json::json!({"kind": r.kind.as_str(), "rule": r.rule, "text": r.text}))
            .collect();
        let record = serde_json::json!({
            "path": path,
            "title": article.title,
            "published": article.published,
            "site_name": article.site_name,
            "url": article.url,
            "text": article.text,
            "removed": removed,
        });
        println!("{record}");
    }
    Ok(())
}
