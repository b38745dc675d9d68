//! JSON Lines: one article per line, as an object with the body in `text`
//! (or `body`, `content`) or `html`, and optional `id`, `url`, `title`, `date`.

use super::{Body, RawArticle, ReadError};
use crate::document::{Format, Input};
use serde::Deserialize;
use serde_json::Value;
use std::io::BufRead;

/// The fields of a line that are read; others are skipped unparsed, which
/// keeps wide records (tags, entities, raw metadata) cheap.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Line {
    text: Option<Value>,
    body: Option<Value>,
    content: Option<Value>,
    html: Option<Value>,
    #[serde(rename = "raw_html")]
    raw_html: Option<Value>,
    title: Option<Value>,
    headline: Option<Value>,
    date: Option<Value>,
    published: Option<Value>,
    #[serde(rename = "published_at")]
    published_at: Option<Value>,
    date_published: Option<Value>,
    url: Option<Value>,
    link: Option<Value>,
    id: Option<Value>,
}

/// Articles of a JSON Lines stream, one per non-blank line. A malformed line
/// is an error for that record; reading goes on with the next line. An I/O
/// error ends the stream.
pub struct JsonlArticles<R> {
    reader: R,
    path: String,
    line_number: u64,
    finished: bool,
    line: Vec<u8>,
}

impl<R: BufRead> JsonlArticles<R> {
    pub fn new(reader: R, path: impl Into<String>) -> Self {
        JsonlArticles {
            reader,
            path: path.into(),
            line_number: 0,
            finished: false,
            line: Vec::new(),
        }
    }

    fn parse_line(&self, record: u64) -> Result<RawArticle, ReadError> {
        let line = std::str::from_utf8(&self.line)
            .map_err(|e| ReadError::at_record(record, format!("line is not valid UTF-8: {e}")))?;
        if !line.trim_start().starts_with('{') {
            return Err(ReadError::at_record(record, "line is not a JSON object"));
        }
        let mut fields: Line = serde_json::from_str(line)
            .map_err(|e| ReadError::at_record(record, format!("malformed JSON: {e}")))?;
        let body = if let Some(text) =
            first_string([&mut fields.text, &mut fields.body, &mut fields.content])
        {
            Body::Text(text)
        } else if let Some(html) = first_string([&mut fields.html, &mut fields.raw_html]) {
            Body::Html(html)
        } else {
            return Err(ReadError::at_record(
                record,
                "object has no non-empty `text` or `html` string field",
            ));
        };
        let source_id = match fields.id.take() {
            Some(Value::String(id)) => Some(id),
            Some(Value::Number(id)) => Some(id.to_string()),
            _ => None,
        };
        Ok(RawArticle {
            input: Input {
                path: self.path.clone(),
                format: Format::Jsonl,
                url: first_string([&mut fields.url, &mut fields.link]),
                record: Some(record),
                source_id,
                fetched: None,
            },
            body,
            title: first_string([&mut fields.title, &mut fields.headline]),
            date: first_string([
                &mut fields.date,
                &mut fields.published,
                &mut fields.published_at,
                &mut fields.date_published,
            ]),
            warnings: Vec::new(),
        })
    }
}

/// The first field that holds a non-blank string, taken out of the line.
fn first_string<const N: usize>(fields: [&mut Option<Value>; N]) -> Option<String> {
    fields.into_iter().find_map(|field| match field.take() {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        _ => None,
    })
}

impl<R: BufRead> Iterator for JsonlArticles<R> {
    type Item = Result<RawArticle, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.finished {
            self.line.clear();
            match self.reader.read_until(b'\n', &mut self.line) {
                Ok(0) => self.finished = true,
                Ok(_) => {
                    self.line_number += 1;
                    if self.line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.parse_line(self.line_number));
                }
                Err(e) => {
                    self.finished = true;
                    return Some(Err(ReadError::at_record(
                        self.line_number + 1,
                        format!("read failed: {e}"),
                    )));
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<RawArticle, ReadError>> {
        JsonlArticles::new(input.as_bytes(), "t.jsonl").collect()
    }

    #[test]
    fn reads_fields_and_skips_blank_lines() {
        let items = read(
            "{\"id\": 7, \"text\": \"Body.\", \"title\": \"T\", \"date\": \"2019-01-04\", \"url\": \"https://x\"}\n\n{\"html\": \"<p>Hi</p>\"}\n",
        );
        assert_eq!(items.len(), 2);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.body, Body::Text("Body.".into()));
        assert_eq!(first.input.source_id.as_deref(), Some("7"));
        assert_eq!(first.input.record, Some(1));
        assert_eq!(first.title.as_deref(), Some("T"));
        assert_eq!(first.date.as_deref(), Some("2019-01-04"));
        let second = items[1].as_ref().unwrap();
        assert_eq!(second.body, Body::Html("<p>Hi</p>".into()));
        assert_eq!(second.input.record, Some(3));
    }

    #[test]
    fn malformed_lines_are_errors_and_reading_goes_on() {
        let items =
            read("{\"text\": \"a\"}\n{\"text\": \n[1]\n{\"title\": \"x\"}\n{\"text\": \"b\"}");
        assert_eq!(items.len(), 5);
        let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
        assert_eq!(
            errors.iter().map(|e| e.record).collect::<Vec<_>>(),
            vec![Some(2), Some(3), Some(4)]
        );
        assert!(errors[0].message.starts_with("malformed JSON"));
        assert_eq!(errors[1].message, "line is not a JSON object");
        assert!(items[4].is_ok());
    }
}
