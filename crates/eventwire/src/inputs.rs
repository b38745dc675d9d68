//! Turning the PATH arguments into a stream of raw articles and failures,
//! file by file, in a stable order (folders are walked sorted by name).

use eventwire_core::document::Format;
use eventwire_core::read::{
    detect_format, is_gzip, read_document, JsonlArticles, RawArticle, WarcArticles,
};
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// One unit of work or one thing that went wrong, in input order.
pub enum Item {
    Article(Box<RawArticle>),
    Failure(Failure),
}

/// A file, or a record of one, that could not be read or analysed.
#[derive(Debug, Clone)]
pub struct Failure {
    pub path: String,
    pub record: Option<u64>,
    pub message: String,
}

enum Source {
    Stdin,
    File(PathBuf),
    Unreadable(Failure),
}

/// The files behind the PATH arguments and the bytes they hold in all.
/// It can be sent to the thread that reads them.
pub struct InputPlan {
    sources: VecDeque<Source>,
    pub total_bytes: u64,
    pub files: usize,
}

/// The articles of an [`InputPlan`], read file by file.
pub struct Inputs {
    sources: VecDeque<Source>,
    current: Option<Box<dyn Iterator<Item = Item>>>,
    bytes_read: Arc<AtomicU64>,
}

impl InputPlan {
    pub fn new(paths: &[PathBuf]) -> InputPlan {
        let mut sources = VecDeque::new();
        for path in paths {
            if path.as_os_str() == "-" {
                sources.push_back(Source::Stdin);
            } else {
                collect(path, &mut sources);
            }
        }
        let mut total_bytes = 0;
        let mut files = 0;
        for source in &sources {
            if let Source::File(path) = source {
                files += 1;
                total_bytes += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            }
        }
        InputPlan {
            sources,
            total_bytes,
            files,
        }
    }

    /// Start reading; `bytes_read` counts the bytes read from files
    /// (compressed size for gzip files), for the progress bar.
    pub fn into_inputs(self, bytes_read: Arc<AtomicU64>) -> Inputs {
        Inputs {
            sources: self.sources,
            current: None,
            bytes_read,
        }
    }
}

impl Inputs {
    fn open(&self, source: Source) -> Box<dyn Iterator<Item = Item>> {
        match source {
            Source::Unreadable(failure) => Box::new(std::iter::once(Item::Failure(failure))),
            Source::Stdin => open_stream("-", Box::new(io::stdin().lock())),
            Source::File(path) => {
                let label = path.display().to_string();
                match File::open(&path) {
                    Ok(file) => {
                        let counted = CountingReader {
                            inner: file,
                            count: Arc::clone(&self.bytes_read),
                        };
                        open_stream(&label, Box::new(counted))
                    }
                    Err(error) => Box::new(std::iter::once(failure(
                        &label,
                        None,
                        format!("cannot open: {error}"),
                    ))),
                }
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            let source = self.sources.pop_front()?;
            self.current = Some(self.open(source));
        }
    }
}

fn failure(path: &str, record: Option<u64>, message: String) -> Item {
    Item::Failure(Failure {
        path: path.to_string(),
        record,
        message,
    })
}

/// Files below `path`, sorted, hidden entries skipped; problems become failures.
fn collect(path: &Path, sources: &mut VecDeque<Source>) {
    let label = path.display().to_string();
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            let message = if error.kind() == io::ErrorKind::NotFound {
                "no such file or folder".to_string()
            } else {
                format!("cannot read: {error}")
            };
            sources.push_back(Source::Unreadable(Failure {
                path: label,
                record: None,
                message,
            }));
            return;
        }
    };
    if metadata.is_file() {
        sources.push_back(Source::File(path.to_path_buf()));
        return;
    }
    if !metadata.is_dir() {
        sources.push_back(Source::Unreadable(Failure {
            path: label,
            record: None,
            message: "not a regular file or folder".to_string(),
        }));
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(entries) => entries,
        Err(error) => {
            sources.push_back(Source::Unreadable(Failure {
                path: label,
                record: None,
                message: format!("cannot list folder: {error}"),
            }));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|child| {
            !child
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    children.sort();
    for child in children {
        collect(&child, sources);
    }
}

/// Sniff the stream (undoing gzip) and hand it to the reader for its format.
fn open_stream(label: &str, raw: Box<dyn Read>) -> Box<dyn Iterator<Item = Item>> {
    let mut reader: Box<dyn BufRead> = Box::new(BufReader::with_capacity(256 * 1024, raw));
    let compressed = match reader.fill_buf() {
        Ok(head) => is_gzip(head),
        Err(error) => {
            return Box::new(std::iter::once(failure(
                label,
                None,
                format!("read failed: {error}"),
            )))
        }
    };
    if compressed {
        reader = Box::new(BufReader::with_capacity(
            256 * 1024,
            flate2::read::MultiGzDecoder::new(reader),
        ));
    }
    let format = match reader.fill_buf() {
        Ok(head) => detect_format(label, head),
        Err(error) => {
            return Box::new(std::iter::once(failure(
                label,
                None,
                format!("cannot decompress: {error}"),
            )))
        }
    };
    let path = label.to_string();
    let to_item = move |result: Result<RawArticle, eventwire_core::read::ReadError>| match result {
        Ok(article) => Item::Article(Box::new(article)),
        Err(error) => failure(&path, error.record, error.message),
    };
    match format {
        Format::Warc => Box::new(WarcArticles::new(reader, label).map(to_item)),
        Format::Jsonl => Box::new(JsonlArticles::new(reader, label).map(to_item)),
        Format::Txt | Format::Html => {
            let mut bytes = Vec::new();
            if let Err(error) = reader.read_to_end(&mut bytes) {
                return Box::new(std::iter::once(failure(
                    label,
                    None,
                    format!("read failed: {error}"),
                )));
            }
            let input = eventwire_core::document::Input {
                path: label.to_string(),
                format,
                url: None,
                record: None,
                source_id: None,
                fetched: None,
            };
            Box::new(std::iter::once(to_item(read_document(&bytes, input))))
        }
    }
}

/// Counts the bytes read from a file, for the progress bar.
struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
