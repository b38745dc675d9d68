//! Cleans one article read from stdin and prints the result as JSON
//! (`{"text": ..., "removed": [...]}`), for scripts and for looking at output:
//! `cargo run --release -p eventwire-eval --example clean_dump < article.txt`.

use std::io::Read;

fn main() -> anyhow::Result<()> {
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    let cleaned = eventwire_core::clean::clean(&text);
    let json = serde_json::json!({"text": cleaned.text, "removed": cleaned.removed});
    println!("{}", serde_json::to_string_pretty(&json)?);
    Ok(())
}
