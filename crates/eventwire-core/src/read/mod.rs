//! Readers: the bytes of a text, HTML, JSON Lines or WARC file in, raw
//! articles out. The caller opens files; readers only see bytes or a
//! [`std::io::BufRead`] they are handed.

mod encoding;
mod jsonl;
mod warc;

pub use encoding::{decode_text, Decoded};
pub use jsonl::JsonlArticles;
pub use warc::WarcArticles;

use crate::document::{Format, Input};
use std::fmt;

/// The body of a raw article, before extraction and cleaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Html(String),
}

/// One article as a reader found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawArticle {
    pub input: Input,
    pub body: Body,
    /// Title given by the container (JSON Lines `title`), if any.
    pub title: Option<String>,
    /// Date given by the container (JSON Lines `date`, `WARC-Date`), if any.
    pub date: Option<String>,
    /// Notes for the document's `warnings` (e.g. a legacy encoding was decoded).
    pub warnings: Vec<String>,
}

/// What went wrong reading one file or one record of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based record (line of a JSON Lines file, record of a WARC file).
    pub record: Option<u64>,
    pub message: String,
}

impl ReadError {
    pub fn new(message: impl Into<String>) -> ReadError {
        ReadError {
            record: None,
            message: message.into(),
        }
    }

    pub fn at_record(record: u64, message: impl Into<String>) -> ReadError {
        ReadError {
            record: Some(record),
            message: message.into(),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(record) => write!(f, "record {record}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ReadError {}

/// Whether `head` (the first bytes of a file) is gzip-compressed.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}

/// The format of a file, from its name when that is telling, else from its
/// first bytes (already decompressed when the file is gzip).
pub fn detect_format(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
    let extension = stem.rsplit_once('.').map(|(_, ext)| ext).unwrap_or("");
    match extension {
        "warc" | "arc" => return Format::Warc,
        "jsonl" | "ndjson" => return Format::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => return Format::Html,
        "txt" | "text" => return Format::Txt,
        _ => {}
    }
    sniff_format(head)
}

/// The format of content with no telling name (stdin, unknown extension).
pub fn sniff_format(head: &[u8]) -> Format {
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = head[start..]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&head[start..]);
    if head.starts_with(b"WARC/") || head.starts_with(b"filedesc://") {
        return Format::Warc;
    }
    if head.first() == Some(&b'{') {
        return Format::Jsonl;
    }
    let probe_len = head.len().min(4096);
    let probe = head[..probe_len].to_ascii_lowercase();
    let has = |needle: &[u8]| memchr::memmem::find(&probe, needle).is_some();
    if probe.starts_with(b"<")
        && (has(b"<html") || has(b"<!doctype html") || has(b"<body") || has(b"<head") || has(b"<p"))
    {
        return Format::Html;
    }
    if has(b"<html") || has(b"<!doctype html") {
        return Format::Html;
    }
    Format::Txt
}

/// A single-article file (plain text or HTML) decoded into a raw article.
pub fn read_document(bytes: &[u8], input: Input) -> Result<RawArticle, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::new(if bytes.is_empty() {
            "file is empty"
        } else {
            "file holds only white space"
        }));
    }
    let is_html = input.format == Format::Html;
    let decoded = decode_text(bytes, is_html)?;
    let body = if is_html {
        Body::Html(decoded.text)
    } else {
        Body::Text(decoded.text)
    };
    Ok(RawArticle {
        input,
        body,
        title: None,
        date: None,
        warnings: decoded.warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_from_name_then_content() {
        assert_eq!(detect_format("a/b.WARC.gz", b""), Format::Warc);
        assert_eq!(detect_format("x.jsonl", b"hello"), Format::Jsonl);
        assert_eq!(detect_format("x.htm", b"hello"), Format::Html);
        assert_eq!(
            detect_format("-", b"\n  <!DOCTYPE html><html>"),
            Format::Html
        );
        assert_eq!(detect_format("-", b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect_format("-", b"{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(
            detect_format("notes", b"LONDON (Reuters) - Shares fell."),
            Format::Txt
        );
        assert_eq!(detect_format("notes.txt", b"<html>"), Format::Txt);
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        let input = Input::text("e.txt");
        assert_eq!(
            read_document(b"", input.clone()).unwrap_err().message,
            "file is empty"
        );
        assert!(read_document(b" \n\t\n", input).is_err());
    }
}
