//! The file format the models ship in: named sections (weights, labels,
//! dictionaries, metadata) in one deflate-compressed blob behind a magic
//! header. Readers check every length, so a truncated or foreign file gives a
//! [`ModelError`], never a panic.

use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::fmt;
use std::io::{Read, Write};

const MAGIC: &[u8; 8] = b"EWMODEL1";

/// Why a model could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the eventwire model header.
    NotAModel,
    /// The compressed body could not be inflated.
    Decompress(String),
    /// A length or count points past the end of the data.
    Truncated(&'static str),
    /// A named section the model needs is absent.
    MissingSection(String),
    /// The data is well formed but not what this version expects.
    Invalid(String),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => f.write_str("not an eventwire model file (bad header)"),
            ModelError::Decompress(e) => write!(f, "model data is corrupt: {e}"),
            ModelError::Truncated(what) => write!(f, "model data is truncated in {what}"),
            ModelError::MissingSection(name) => write!(f, "model has no section '{name}'"),
            ModelError::Invalid(why) => write!(f, "model data is invalid: {why}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// Collects named sections and writes the compressed container.
#[derive(Debug, Default)]
pub struct ContainerBuilder {
    sections: Vec<(String, Vec<u8>)>,
}

impl ContainerBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a section; names must be unique.
    pub fn add(&mut self, name: &str, data: Vec<u8>) -> &mut Self {
        debug_assert!(self.sections.iter().all(|(n, _)| n != name));
        self.sections.push((name.to_string(), data));
        self
    }

    /// Add a list of strings (labels, words) as one section.
    pub fn add_strings<S: AsRef<str>>(&mut self, name: &str, items: &[S]) -> &mut Self {
        self.add(name, encode_strings(items))
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = ByteWriter::default();
        body.u32(self.sections.len() as u32);
        for (name, data) in &self.sections {
            body.bytes(name.as_bytes());
            body.bytes(data);
        }
        let mut out = MAGIC.to_vec();
        let mut encoder = DeflateEncoder::new(&mut out, Compression::best());
        // Writing into a Vec cannot fail.
        encoder.write_all(&body.0).expect("write to memory");
        encoder.finish().expect("write to memory");
        out
    }
}

/// A loaded container: its sections, by name.
#[derive(Debug)]
pub struct Container {
    sections: Vec<(String, Vec<u8>)>,
}

impl Container {
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(ModelError::NotAModel)?;
        let mut inflated = Vec::with_capacity(body.len() * 3);
        DeflateDecoder::new(body)
            .read_to_end(&mut inflated)
            .map_err(|e| ModelError::Decompress(e.to_string()))?;
        let mut reader = ByteReader::new(&inflated);
        let count = reader.u32("section count")?;
        let mut sections = Vec::new();
        for _ in 0..count {
            let name = reader.bytes("section name")?;
            let name = std::str::from_utf8(name)
                .map_err(|_| ModelError::Invalid("section name is not UTF-8".into()))?
                .to_string();
            let data = reader.bytes("section data")?.to_vec();
            sections.push((name, data));
        }
        Ok(Container { sections })
    }

    pub fn section(&self, name: &str) -> Result<&[u8], ModelError> {
        self.sections
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.as_slice())
            .ok_or_else(|| ModelError::MissingSection(name.to_string()))
    }

    pub fn has(&self, name: &str) -> bool {
        self.sections.iter().any(|(n, _)| n == name)
    }

    /// A section written by [`ContainerBuilder::add_strings`].
    pub fn strings(&self, name: &str) -> Result<Vec<String>, ModelError> {
        decode_strings(self.section(name)?)
    }
}

/// Encode strings as a count then length-prefixed UTF-8.
pub fn encode_strings<S: AsRef<str>>(items: &[S]) -> Vec<u8> {
    let mut w = ByteWriter::default();
    w.u32(items.len() as u32);
    for item in items {
        w.bytes(item.as_ref().as_bytes());
    }
    w.0
}

pub fn decode_strings(data: &[u8]) -> Result<Vec<String>, ModelError> {
    let mut r = ByteReader::new(data);
    let n = r.u32("string count")? as usize;
    let mut out = Vec::with_capacity(n.min(data.len()));
    for _ in 0..n {
        let s = std::str::from_utf8(r.bytes("string")?)
            .map_err(|_| ModelError::Invalid("string is not UTF-8".into()))?;
        out.push(s.to_string());
    }
    Ok(out)
}

/// Little-endian writer for model sections.
#[derive(Debug, Default)]
pub struct ByteWriter(pub Vec<u8>);

impl ByteWriter {
    pub fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn i16(&mut self, v: i16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// Length-prefixed bytes.
    pub fn bytes(&mut self, v: &[u8]) {
        self.u64(v.len() as u64);
        self.0.extend_from_slice(v);
    }
}

/// Bounds-checked little-endian reader; `what` names the field in errors.
#[derive(Debug)]
pub struct ByteReader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> ByteReader<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        ByteReader { data, pos: 0 }
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    pub fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.data.len())
            .ok_or(ModelError::Truncated(what))?;
        let out = &self.data[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self, what: &'static str) -> Result<[u8; N], ModelError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    pub fn u8(&mut self, what: &'static str) -> Result<u8, ModelError> {
        Ok(self.array::<1>(what)?[0])
    }
    pub fn u16(&mut self, what: &'static str) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array(what)?))
    }
    pub fn i16(&mut self, what: &'static str) -> Result<i16, ModelError> {
        Ok(i16::from_le_bytes(self.array(what)?))
    }
    pub fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
    pub fn u64(&mut self, what: &'static str) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array(what)?))
    }
    pub fn f32(&mut self, what: &'static str) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array(what)?))
    }
    pub fn bytes(&mut self, what: &'static str) -> Result<&'a [u8], ModelError> {
        let n = usize::try_from(self.u64(what)?).map_err(|_| ModelError::Truncated(what))?;
        self.take(n, what)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip() {
        let mut b = ContainerBuilder::new();
        b.add("weights", vec![1, 2, 3]);
        b.add_strings("labels", &["NOUN", "VERB", "Ünïcode"]);
        let bytes = b.to_bytes();
        let c = Container::from_bytes(&bytes).unwrap();
        assert_eq!(c.section("weights").unwrap(), &[1, 2, 3]);
        assert_eq!(
            c.strings("labels").unwrap(),
            vec!["NOUN", "VERB", "Ünïcode"]
        );
        assert_eq!(
            c.section("nope").unwrap_err(),
            ModelError::MissingSection("nope".into())
        );
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        let mut b = ContainerBuilder::new();
        b.add("weights", vec![7; 1000]);
        let bytes = b.to_bytes();
        assert_eq!(
            Container::from_bytes(b"hello").unwrap_err(),
            ModelError::NotAModel
        );
        for cut in [8, 9, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                Container::from_bytes(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0xff;
        // A flipped byte either fails to inflate or yields wrong lengths; both are errors
        // or a container whose section differs, never a panic.
        if let Ok(c) = Container::from_bytes(&flipped) {
            assert_ne!(c.section("weights").ok(), Some(&[7u8; 1000][..]));
        }
    }
}
