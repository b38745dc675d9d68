//! The compiled verb dictionary in the model container: the vocabulary and
//! codes as string lists, synsets, blocks, patterns and verb entries as
//! little-endian records of word and code ids. The lookup tables are rebuilt
//! on load ([`super::read::index`]), which keeps the file small.

use super::read::index;
use super::{
    Block, CodePair, Item, Join, Pattern, Synset, Token, VerbDictionary, VerbEntry, FORMAT_VERSION,
};
use crate::model::container::{decode_strings, encode_strings, ByteReader, ByteWriter};
use crate::model::{Container, ContainerBuilder, ModelError};

/// Marks a missing code id.
const NONE: u32 = u32::MAX;

fn put_code(w: &mut ByteWriter, code: CodePair) {
    w.u32(code.active.unwrap_or(NONE));
    w.u32(code.paired.unwrap_or(NONE));
}

fn put_ids(w: &mut ByteWriter, ids: &[u32]) {
    w.u32(ids.len() as u32);
    for &id in ids {
        w.u32(id);
    }
}

fn put_tokens(w: &mut ByteWriter, tokens: &[Token]) {
    w.u32(tokens.len() as u32);
    for t in tokens {
        let (kind, value) = match t.item {
            Item::Word(id) => (0, id),
            Item::Synset(id) => (1, id),
            Item::Source => (2, 0),
            Item::Target => (3, 0),
            Item::Skip => (4, 0),
            Item::Compound => (5, 0),
        };
        let join = match t.join {
            Join::Loose => 0,
            Join::Near => 1,
            Join::Tight => 2,
        };
        w.u8(kind | (join << 3) | (u8::from(t.prep) << 5));
        w.u32(value);
    }
}

pub(super) fn to_bytes(dict: &VerbDictionary) -> Vec<u8> {
    let mut meta = ByteWriter::default();
    meta.u32(FORMAT_VERSION);

    let mut synsets = ByteWriter::default();
    synsets.u32(dict.synsets.len() as u32);
    for s in &dict.synsets {
        synsets.bytes(s.name.as_bytes());
        synsets.u32(s.members.len() as u32);
        for m in &s.members {
            put_ids(&mut synsets, m);
        }
    }

    let mut blocks = ByteWriter::default();
    blocks.u32(dict.blocks.len() as u32);
    for b in &dict.blocks {
        blocks.bytes(b.name.as_bytes());
        put_code(&mut blocks, b.code);
        blocks.u32(b.first);
        blocks.u32(b.count);
    }

    let mut patterns = ByteWriter::default();
    patterns.u32(dict.patterns.len() as u32);
    for p in &dict.patterns {
        put_code(&mut patterns, p.code);
        patterns.u32(p.line);
        patterns.u16(p.weight);
        patterns.u8(u8::from(p.before_tight) | (u8::from(p.after_tight) << 1));
        put_tokens(&mut patterns, &p.before);
        put_tokens(&mut patterns, &p.after);
        patterns.u32(p.only_verb.unwrap_or(u32::MAX));
    }

    let mut entries = ByteWriter::default();
    entries.u32(dict.entries.len() as u32);
    for e in &dict.entries {
        entries.u32(e.block);
        put_code(&mut entries, e.code);
        entries.u32(e.form);
        put_ids(&mut entries, &e.front);
        put_ids(&mut entries, &e.back);
        entries.u32(e.line);
        entries.u8(u8::from(e.generated));
        entries.u32(e.stem);
    }

    let mut container = ContainerBuilder::new();
    container
        .add("verbs.meta", meta.0)
        .add_strings("verbs.words", &dict.words)
        .add_strings("verbs.codes", &dict.codes)
        .add("verbs.synsets", synsets.0)
        .add("verbs.blocks", blocks.0)
        .add("verbs.patterns", patterns.0)
        .add("verbs.entries", entries.0)
        .add(
            "verbs.transformations",
            encode_strings(&dict.transformations),
        );
    container.to_bytes()
}

/// Reads ids and checks each against the table it points into.
struct Reader<'a> {
    r: ByteReader<'a>,
    words: u32,
    codes: u32,
}

impl<'a> Reader<'a> {
    fn count(&mut self, what: &'static str) -> Result<usize, ModelError> {
        let n = self.r.u32(what)? as usize;
        // Every record takes at least one byte: a larger count is damage.
        if n > 1 << 26 {
            return Err(ModelError::Truncated(what));
        }
        Ok(n)
    }

    fn id(&mut self, limit: u32, what: &'static str) -> Result<u32, ModelError> {
        let id = self.r.u32(what)?;
        if id >= limit {
            return Err(ModelError::Invalid(format!("{what} {id} out of range")));
        }
        Ok(id)
    }

    fn word(&mut self) -> Result<u32, ModelError> {
        let limit = self.words;
        self.id(limit, "word id")
    }

    fn words(&mut self) -> Result<Vec<u32>, ModelError> {
        let n = self.count("word list")?;
        (0..n).map(|_| self.word()).collect()
    }

    fn code(&mut self) -> Result<CodePair, ModelError> {
        let one = |r: &mut Self| -> Result<Option<u32>, ModelError> {
            let id = r.r.u32("code id")?;
            if id == NONE {
                return Ok(None);
            }
            if id >= r.codes {
                return Err(ModelError::Invalid(format!("code id {id} out of range")));
            }
            Ok(Some(id))
        };
        Ok(CodePair {
            active: one(self)?,
            paired: one(self)?,
        })
    }

    fn string(&mut self, what: &'static str) -> Result<String, ModelError> {
        let bytes = self.r.bytes(what)?;
        String::from_utf8(bytes.to_vec())
            .map_err(|_| ModelError::Invalid(format!("{what} is not UTF-8")))
    }

    fn tokens(&mut self, synsets: u32) -> Result<Vec<Token>, ModelError> {
        let n = self.count("pattern tokens")?;
        let mut out = Vec::with_capacity(n.min(64));
        for _ in 0..n {
            let flags = self.r.u8("token kind")?;
            let value = self.r.u32("token value")?;
            let item = match flags & 7 {
                0 if value < self.words => Item::Word(value),
                1 if value < synsets => Item::Synset(value),
                2 => Item::Source,
                3 => Item::Target,
                4 => Item::Skip,
                5 => Item::Compound,
                _ => return Err(ModelError::Invalid("bad pattern token".into())),
            };
            let join = match (flags >> 3) & 3 {
                0 => Join::Loose,
                1 => Join::Near,
                2 => Join::Tight,
                _ => return Err(ModelError::Invalid("bad token join".into())),
            };
            out.push(Token {
                item,
                join,
                prep: flags & (1 << 5) != 0,
            });
        }
        Ok(out)
    }
}

pub(super) fn from_bytes(bytes: &[u8]) -> Result<VerbDictionary, ModelError> {
    let c = Container::from_bytes(bytes)?;
    let mut meta = ByteReader::new(c.section("verbs.meta")?);
    let version = meta.u32("format version")?;
    if version != FORMAT_VERSION {
        return Err(ModelError::Invalid(format!(
            "verb dictionary format {version}, this build reads {FORMAT_VERSION}"
        )));
    }
    let words = c.strings("verbs.words")?;
    let codes = c.strings("verbs.codes")?;
    let transformations = decode_strings(c.section("verbs.transformations")?)?;
    let limits = |data| Reader {
        r: ByteReader::new(data),
        words: words.len() as u32,
        codes: codes.len() as u32,
    };

    let mut r = limits(c.section("verbs.synsets")?);
    let n = r.count("synset count")?;
    let mut synsets = Vec::with_capacity(n.min(4096));
    for _ in 0..n {
        let name = r.string("synset name")?;
        let m = r.count("synset members")?;
        let members = (0..m).map(|_| r.words()).collect::<Result<Vec<_>, _>>()?;
        synsets.push(Synset::new(name, members));
    }

    let mut r = limits(c.section("verbs.patterns")?);
    let n = r.count("pattern count")?;
    let mut patterns = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let code = r.code()?;
        let line = r.r.u32("pattern line")?;
        let weight = r.r.u16("pattern weight")?;
        let flags = r.r.u8("pattern flags")?;
        let before = r.tokens(synsets.len() as u32)?;
        let after = r.tokens(synsets.len() as u32)?;
        let only_verb = match r.r.u32("pattern verb")? {
            u32::MAX => None,
            w if w < words.len() as u32 => Some(w),
            w => {
                return Err(ModelError::Invalid(format!(
                    "pattern verb {w} out of range"
                )))
            }
        };
        patterns.push(Pattern {
            before,
            after,
            before_tight: flags & 1 != 0,
            after_tight: flags & 2 != 0,
            code,
            line,
            weight,
            only_verb,
        });
    }

    let mut r = limits(c.section("verbs.blocks")?);
    let n = r.count("block count")?;
    let mut blocks = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let name = r.string("block name")?;
        let code = r.code()?;
        let first = r.r.u32("block first pattern")?;
        let count = r.r.u32("block pattern count")?;
        if u64::from(first) + u64::from(count) > patterns.len() as u64 {
            return Err(ModelError::Invalid(format!(
                "block {name} points past the patterns"
            )));
        }
        blocks.push(Block {
            name,
            code,
            first,
            count,
            triggers: Default::default(),
            untriggered: Vec::new(),
        });
    }

    let mut r = limits(c.section("verbs.entries")?);
    let n = r.count("entry count")?;
    let mut entries = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let block = r.id(blocks.len() as u32, "entry block")?;
        let code = r.code()?;
        let form = r.word()?;
        let front = r.words()?;
        let back = r.words()?;
        let line = r.r.u32("entry line")?;
        let generated = r.r.u8("entry flag")? != 0;
        let stem = r.word()?;
        entries.push(VerbEntry {
            block,
            code,
            form,
            front,
            back,
            line,
            generated,
            stem,
        });
    }

    let mut dict = VerbDictionary {
        words,
        codes,
        synsets,
        blocks,
        patterns,
        entries,
        transformations,
        ..VerbDictionary::default()
    };
    index(&mut dict);
    Ok(dict)
}
