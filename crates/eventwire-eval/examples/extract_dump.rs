//! Extract every page of the article-extraction benchmark and print the
//! results as one JSON object on stdout:
//! `{"html_bytes": N, "seconds": S, "pages": {id: {text, title, published, site_name, url}}}`.
//! `seconds` is the extraction time alone (one thread, reading excluded).
//!
//! Usage: extract_dump [--data DIR] [--limit N]

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut data: Option<PathBuf> = None;
    let mut limit = usize::MAX;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
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
