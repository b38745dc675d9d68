//! WARC (ISO 28500, versions 0.17 to 1.1) and its predecessor, the Internet
//! Archive's ARC format: HTTP `response` records and `resource` records that
//! hold HTML become articles; every other record (requests, metadata, DNS,
//! images, redirects) is passed over. Compressed files are handed in already
//! wrapped in a gzip decoder.

use super::encoding::decode_text;
use super::{Body, RawArticle, ReadError};
use crate::document::{Format, Input};
use encoding_rs::Encoding;
use std::io::{BufRead, Read};

/// Largest record payload read into memory; larger ones are skipped with an
/// error for that record, so one huge capture cannot exhaust memory.
const MAX_RECORD_BYTES: u64 = 256 * 1024 * 1024;

/// Articles of a WARC stream.
pub struct WarcArticles<R> {
    reader: R,
    path: String,
    record_number: u64,
    finished: bool,
    /// The stream is an ARC file (one-line record headers).
    arc: bool,
}

/// The header fields of one WARC record that matter here.
#[derive(Debug, Default)]
struct WarcHeader {
    kind: String,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: String,
    content_length: Option<u64>,
}

impl<R: BufRead> WarcArticles<R> {
    pub fn new(reader: R, path: impl Into<String>) -> Self {
        WarcArticles {
            reader,
            path: path.into(),
            record_number: 0,
            finished: false,
            arc: false,
        }
    }

    /// Reads one line, without its line ending. `None` at end of input.
    fn read_line(&mut self, line: &mut Vec<u8>) -> std::io::Result<Option<()>> {
        line.clear();
        // Header lines are short; a line longer than this is not a WARC header.
        let read = (&mut self.reader).take(64 * 1024).read_until(b'\n', line)?;
        if read == 0 {
            return Ok(None);
        }
        while matches!(line.last(), Some(b'\n' | b'\r')) {
            line.pop();
        }
        Ok(Some(()))
    }

    /// Reads the next record's header. `Ok(None)` at a clean end of input.
    fn read_header(&mut self) -> Result<Option<WarcHeader>, ReadError> {
        let record = self.record_number + 1;
        let io = |e: std::io::Error| ReadError::at_record(record, format!("read failed: {e}"));
        let mut line = Vec::new();
        // Blank lines separate records.
        loop {
            match self.read_line(&mut line).map_err(io)? {
                None => return Ok(None),
                Some(()) if line.is_empty() => continue,
                Some(()) => break,
            }
        }
        if record == 1 && line.starts_with(b"filedesc://") {
            self.arc = true;
        }
        if self.arc {
            self.record_number = record;
            return arc_header(&line)
                .map(Some)
                .ok_or_else(|| ReadError::at_record(record, "malformed ARC record header"));
        }
        if !line.starts_with(b"WARC/") {
            let hint = if record == 1 {
                "not a WARC or ARC file (no WARC/ version line or ARC file header)"
            } else {
                "expected a WARC/ version line: the file is corrupt or a record's Content-Length is wrong"
            };
            return Err(ReadError::at_record(record, hint));
        }
        self.record_number = record;
        let mut header = WarcHeader::default();
        loop {
            if self.read_line(&mut line).map_err(io)?.is_none() {
                return Err(ReadError::at_record(
                    record,
                    "file ends inside a record header (truncated)",
                ));
            }
            if line.is_empty() {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "warc-record-id" => {
                    header.record_id = Some(value.trim_matches(['<', '>']).to_string())
                }
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => {
                    header.content_length = Some(value.parse().map_err(|_| {
                        ReadError::at_record(record, format!("bad Content-Length {value:?}"))
                    })?)
                }
                _ => {}
            }
        }
        if header.content_length.is_none() {
            return Err(ReadError::at_record(record, "record has no Content-Length"));
        }
        Ok(Some(header))
    }

    /// Reads (or skips) the payload of a record whose header was just read.
    fn read_payload(&mut self, length: u64, keep: bool) -> Result<Vec<u8>, ReadError> {
        let record = self.record_number;
        let mut payload = Vec::new();
        let mut limited = (&mut self.reader).take(length);
        let read = if keep && length <= MAX_RECORD_BYTES {
            payload.reserve(length.min(16 * 1024 * 1024) as usize);
            limited.read_to_end(&mut payload)
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map(|n| n as usize)
        }
        .map_err(|e| ReadError::at_record(record, format!("read failed: {e}")))?;
        if (read as u64) < length {
            return Err(ReadError::at_record(
                record,
                format!("file ends inside the record ({read} of {length} bytes): truncated"),
            ));
        }
        if keep && length > MAX_RECORD_BYTES {
            return Err(ReadError::at_record(
                record,
                format!("record of {length} bytes is larger than the {MAX_RECORD_BYTES}-byte limit; skipped"),
            ));
        }
        Ok(payload)
    }

    fn article(
        &self,
        header: WarcHeader,
        payload: Vec<u8>,
    ) -> Result<Option<RawArticle>, ReadError> {
        let record = self.record_number;
        let (content_type, body) =
            if header.kind == "response" && header.content_type.starts_with("application/http") {
                match split_http_response(&payload) {
                    Some(response) if !(200..300).contains(&response.status) => return Ok(None),
                    Some(response) => {
                        let body = decode_http_body(&response, &payload[response.body_start..])
                            .map_err(|message| ReadError::at_record(record, message))?;
                        (response.content_type, body)
                    }
                    None => {
                        return Err(ReadError::at_record(
                            record,
                            "malformed HTTP response in record",
                        ))
                    }
                }
            } else if header.kind == "resource" {
                (header.content_type.clone(), payload)
            } else {
                return Ok(None);
            };
        if !is_html_type(&content_type) {
            return Ok(None);
        }
        let charset = content_type
            .split(';')
            .filter_map(|param| param.trim().strip_prefix("charset="))
            .find_map(|label| Encoding::for_label(label.trim_matches('"').as_bytes()));
        let (text, warnings) = match charset {
            Some(encoding) => {
                let (text, _, had_errors) = encoding.decode(&body);
                let warnings = if had_errors {
                    vec![format!(
                        "invalid {} sequences replaced with U+FFFD",
                        encoding.name()
                    )]
                } else {
                    Vec::new()
                };
                (text.into_owned(), warnings)
            }
            None => {
                let decoded = decode_text(&body, true)
                    .map_err(|e| ReadError::at_record(record, e.message))?;
                (decoded.text, decoded.warnings)
            }
        };
        Ok(Some(RawArticle {
            input: Input {
                path: self.path.clone(),
                format: Format::Warc,
                url: header.target_uri,
                record: Some(record),
                source_id: header.record_id,
                fetched: header.date,
            },
            body: Body::Html(text),
            title: None,
            date: None,
            warnings,
        }))
    }
}

/// An ARC record header: `URL IP-address Archive-date Content-type [...] Archive-length`
/// on one line (version 1 has five fields, version 2 ten; the length is last).
fn arc_header(line: &[u8]) -> Option<WarcHeader> {
    let line = String::from_utf8_lossy(line);
    let fields: Vec<&str> = line.split(' ').filter(|f| !f.is_empty()).collect();
    if fields.len() < 5 {
        return None;
    }
    let content_length = fields.last()?.parse().ok()?;
    let url = fields[0];
    let kind = if url.starts_with("filedesc:") {
        "warcinfo"
    } else if url.starts_with("http:") || url.starts_with("https:") {
        "response"
    } else {
        "metadata"
    };
    let stamp = fields[2];
    let date = (stamp.len() == 14 && stamp.bytes().all(|b| b.is_ascii_digit())).then(|| {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &stamp[0..4],
            &stamp[4..6],
            &stamp[6..8],
            &stamp[8..10],
            &stamp[10..12],
            &stamp[12..14]
        )
    });
    Some(WarcHeader {
        kind: kind.to_string(),
        target_uri: Some(url.to_string()),
        date,
        record_id: None,
        // ARC stores the whole HTTP response, headers included.
        content_type: "application/http".to_string(),
        content_length: Some(content_length),
    })
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    matches!(mime, "text/html" | "application/xhtml+xml" | "")
}

struct HttpResponse {
    status: u16,
    content_type: String,
    chunked: bool,
    content_encoding: String,
    body_start: usize,
}

/// Status, the headers that matter, and where the body starts.
fn split_http_response(payload: &[u8]) -> Option<HttpResponse> {
    let header_end = memchr::memmem::find(payload, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(payload, b"\n\n").map(|i| i + 2))?;
    let head = String::from_utf8_lossy(&payload[..header_end]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let status = status_line.split_whitespace().nth(1)?.parse().ok()?;
    let mut response = HttpResponse {
        status,
        content_type: String::new(),
        chunked: false,
        content_encoding: String::new(),
        body_start: header_end,
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => response.content_type = value,
            "transfer-encoding" => response.chunked = value.contains("chunked"),
            "content-encoding" => response.content_encoding = value,
            _ => {}
        }
    }
    Some(response)
}

/// The HTTP body with transfer and content encodings undone.
fn decode_http_body(response: &HttpResponse, body: &[u8]) -> Result<Vec<u8>, String> {
    let body = if response.chunked {
        // Archives often store the body de-chunked while keeping the header.
        dechunk(body).unwrap_or_else(|| body.to_vec())
    } else {
        body.to_vec()
    };
    match response.content_encoding.as_str() {
        "" | "identity" => Ok(body),
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip HTTP body could not be decoded: {e}"))?;
            Ok(out)
        }
        "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .or_else(|_| {
                    out.clear();
                    flate2::read::DeflateDecoder::new(&body[..]).read_to_end(&mut out)
                })
                .map_err(|e| format!("deflate HTTP body could not be decoded: {e}"))?;
            Ok(out)
        }
        other => Err(format!("unsupported HTTP Content-Encoding {other:?}")),
    }
}

/// Undo HTTP/1.1 chunked transfer coding; `None` if the body is not chunked.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let size_text = std::str::from_utf8(&body[..line_end]).ok()?.trim();
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

impl<R: BufRead> Iterator for WarcArticles<R> {
    type Item = Result<RawArticle, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            let header = match self.read_header() {
                Ok(Some(header)) => header,
                Ok(None) => {
                    self.finished = true;
                    return None;
                }
                Err(error) => {
                    // After a broken header the record boundaries are lost.
                    self.finished = true;
                    return Some(Err(error));
                }
            };
            let length = header.content_length.unwrap_or(0);
            let keep = matches!(header.kind.as_str(), "response" | "resource");
            let payload = match self.read_payload(length, keep) {
                Ok(payload) => payload,
                Err(error) => {
                    self.finished = error.message.contains("truncated")
                        || error.message.starts_with("read failed");
                    return Some(Err(error));
                }
            };
            if !keep {
                continue;
            }
            match self.article(header, payload) {
                Ok(Some(article)) => return Some(Ok(article)),
                Ok(None) => continue,
                Err(error) => return Some(Err(error)),
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, content_type: &str, payload: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://example.com/{kind}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n{payload}\r\n\r\n",
            payload.len()
        )
    }

    fn read(warc: &str) -> Vec<Result<RawArticle, ReadError>> {
        WarcArticles::new(warc.as_bytes(), "t.warc").collect()
    }

    #[test]
    fn html_responses_become_articles_and_other_records_are_passed_over() {
        let warc = [
            record("warcinfo", "application/warc-fields", "software: test\r\n"),
            record("request", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n"),
            record(
                "response",
                "application/http; msgtype=response",
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><p>Caf\u{e9}</p></html>",
            ),
            record(
                "response",
                "application/http; msgtype=response",
                "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG",
            ),
            record(
                "response",
                "application/http; msgtype=response",
                "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
            ),
        ]
        .concat();
        let items = read(&warc);
        assert_eq!(items.len(), 1);
        let article = items[0].as_ref().unwrap();
        assert_eq!(
            article.body,
            Body::Html("<html><p>Caf\u{e9}</p></html>".into())
        );
        assert_eq!(
            article.input.url.as_deref(),
            Some("http://example.com/response")
        );
        assert_eq!(
            article.input.fetched.as_deref(),
            Some("2020-01-01T00:00:00Z")
        );
        assert_eq!(article.input.record, Some(3));
    }

    #[test]
    fn chunked_bodies_are_dechunked() {
        let http = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\n<p>ab\r\n5\r\nc</p>\r\n0\r\n\r\n";
        let items = read(&record("response", "application/http", http));
        assert_eq!(
            items[0].as_ref().unwrap().body,
            Body::Html("<p>abc</p>".into())
        );
    }

    #[test]
    fn truncated_record_is_an_error_naming_the_record() {
        let full = record("resource", "text/html", "<p>one</p>")
            + &record("resource", "text/html", "<p>two two two</p>");
        let cut = &full[..full.len() - 12];
        let items = read(cut);
        assert_eq!(items.len(), 2);
        assert!(items[0].is_ok());
        let error = items[1].as_ref().unwrap_err();
        assert_eq!(error.record, Some(2));
        assert!(error.message.contains("truncated"), "{}", error.message);
    }

    #[test]
    fn not_a_warc_file() {
        let items = read("hello world\n");
        assert_eq!(items.len(), 1);
        assert!(items[0]
            .as_ref()
            .unwrap_err()
            .message
            .starts_with("not a WARC or ARC file"));
    }

    #[test]
    fn arc_files_are_read_too() {
        let filedesc_body =
            "1 1 InternetArchive\nURL IP-address Archive-date Content-type Archive-length\n";
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Archived</p>";
        let arc = format!(
            "filedesc://x.arc 0.0.0.0 20080430204825 text/plain {}\n{filedesc_body}\ndns:example.org 1.2.3.4 20080430204825 text/dns 3\nabc\nhttp://example.org/ 1.2.3.4 20080430204826 text/html {}\n{http}\n",
            filedesc_body.len(),
            http.len()
        );
        let items = read(&arc);
        assert_eq!(items.len(), 1, "{items:?}");
        let article = items[0].as_ref().unwrap();
        assert_eq!(article.body, Body::Html("<p>Archived</p>".into()));
        assert_eq!(article.input.url.as_deref(), Some("http://example.org/"));
        assert_eq!(
            article.input.fetched.as_deref(),
            Some("2008-04-30T20:48:26Z")
        );
        assert_eq!(article.input.record, Some(3));
    }
}
