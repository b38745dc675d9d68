//! One pass over the tokens builds a flat picture of the page: the elements
//! (in document order, each with the range of text blocks and elements below
//! it) and the text blocks (runs of text between block-level tags). Elements
//! are repaired the way browsers do the common cases (`<p>` closes an open
//! `<p>`, `<li>` an open `<li>`, stray end tags are ignored), so broken
//! markup still gives a tree.

use super::entities::decode_into;
use super::html::{attr, Tag, Token, Tokenizer};
use super::meta::MetaCollector;
use super::rules::{self, Rule};

pub const NONE: u32 = u32::MAX;

/// Deeper nesting is flattened: bounds the work done per end tag.
const MAX_DEPTH: usize = 256;
/// How far down the stack an end tag of an unknown element looks for its
/// start tag; keeps stray end tags cheap.
const OTHER_END_TAG_REACH: usize = 32;
/// How far down the stack implicit closes and end tags of known elements
/// look; an element buried deeper stays open (harmless), and tag soup that
/// never closes anything costs a bounded amount per tag.
const CLOSE_REACH: usize = 64;

#[derive(Debug, Clone)]
pub struct Element {
    pub tag: Tag,
    pub parent: u32,
    /// Blocks `first_block..end_block` lie inside this element.
    pub first_block: u32,
    pub end_block: u32,
    /// Elements `index + 1..end_element` are its descendants.
    pub end_element: u32,
    /// Boilerplate rule matched by the element's own tag or attributes.
    pub rule: Option<Rule>,
    /// Nearest element at or above this one with a rule, or `NONE`.
    pub drop_owner: u32,
    /// Hint from class and id words: positive for article-like names.
    pub class_weight: i32,
    /// Nearest block-level element at or above this one.
    pub block_ancestor: u32,
    /// Name hash of an `Other` element, to match its end tag.
    name_hash: u64,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub text: String,
    /// Innermost block-level element holding the text.
    pub element: u32,
    /// Characters of text inside links.
    pub link_chars: u32,
    pub chars: u32,
    /// Nearest enclosing element with a boilerplate rule, or `NONE`.
    pub drop_owner: u32,
}

#[derive(Debug, Default)]
pub struct Page {
    pub elements: Vec<Element>,
    pub blocks: Vec<Block>,
    pub meta: MetaCollector,
}

struct Builder {
    page: Page,
    stack: Vec<u32>,
    open_counts: [u32; 96],
    /// Open elements whose text is not content (script, svg, ...).
    ignored_depth: u32,
    link_depth: u32,
    text: String,
    link_chars: u32,
    chars: u32,
    /// Whitespace was seen and not yet written (collapsed to one space).
    pending_space: bool,
    /// Text of the first `<h1>` while it is open.
    h1_text: Option<String>,
    scratch: String,
    next_raw_text: Option<RawText>,
}

#[derive(Clone, Copy)]
enum RawText {
    Title,
    JsonLd,
    Skip,
}

fn tag_slot(tag: Tag) -> usize {
    tag as usize
}

/// Tags whose text is never article text.
fn is_ignored(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Script
            | Tag::Style
            | Tag::Template
            | Tag::Noscript
            | Tag::Textarea
            | Tag::Svg
            | Tag::Math
            | Tag::Iframe
            | Tag::Object
            | Tag::Canvas
            | Tag::Video
            | Tag::Audio
            | Tag::Select
            | Tag::Button
            | Tag::Head
            | Tag::Title
            | Tag::Map
    )
}

/// Block-level starts that close an open `<p>`, as in browsers.
fn closes_paragraph(tag: Tag) -> bool {
    tag.is_block()
        && !matches!(
            tag,
            Tag::Br | Tag::Li | Tag::Dd | Tag::Dt | Tag::Td | Tag::Th | Tag::Tr | Tag::Option
        )
}

fn name_hash(name: &str) -> u64 {
    // FNV-1a over the lowercased name.
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Builder {
    fn flush(&mut self) {
        let trimmed_len = self.text.trim_end().len();
        self.text.truncate(trimmed_len);
        if self.text.is_empty() {
            self.link_chars = 0;
            self.chars = 0;
            self.pending_space = false;
            return;
        }
        let top = self.stack.last().copied().unwrap_or(NONE);
        let (element, drop_owner) = match self.page.elements.get(top as usize) {
            Some(e) => (e.block_ancestor, e.drop_owner),
            None => (NONE, NONE),
        };
        self.page.blocks.push(Block {
            text: std::mem::take(&mut self.text),
            element,
            link_chars: self.link_chars,
            chars: self.chars,
            drop_owner,
        });
        self.link_chars = 0;
        self.chars = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, raw: &str) {
        self.scratch.clear();
        decode_into(raw, &mut self.scratch);
        let in_link = self.link_depth > 0;
        let mut added = 0u32;
        for c in self.scratch.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            if self.pending_space && !self.text.is_empty() {
                self.text.push(' ');
                if let Some(h1) = self.h1_text.as_mut() {
                    h1.push(' ');
                }
            }
            self.pending_space = false;
            self.text.push(c);
            if let Some(h1) = self.h1_text.as_mut() {
                h1.push(c);
            }
            added += 1;
        }
        self.chars += added;
        if in_link {
            self.link_chars += added;
        }
    }

    fn push_element(&mut self, tag: Tag, name: &str, raw_attrs: &str) {
        if self.stack.len() >= MAX_DEPTH {
            return;
        }
        let index = self.page.elements.len() as u32;
        let parent = self.stack.last().copied().unwrap_or(NONE);
        let parent_element = self.page.elements.get(parent as usize);
        let (parent_drop_owner, parent_block) =
            parent_element.map_or((NONE, NONE), |p| (p.drop_owner, p.block_ancestor));
        let (rule, class_weight) = rules::classify(tag, raw_attrs);
        self.page.elements.push(Element {
            tag,
            parent,
            first_block: self.page.blocks.len() as u32,
            end_block: NONE,
            end_element: NONE,
            rule,
            drop_owner: if rule.is_some() {
                index
            } else {
                parent_drop_owner
            },
            class_weight,
            block_ancestor: if tag.is_block() { index } else { parent_block },
            name_hash: if tag == Tag::Other {
                name_hash(name)
            } else {
                0
            },
        });
        self.stack.push(index);
        self.open_counts[tag_slot(tag)] += 1;
        if is_ignored(tag) {
            self.ignored_depth += 1;
        }
        if tag == Tag::A {
            self.link_depth += 1;
        }
    }

    fn pop_element(&mut self) {
        let Some(index) = self.stack.pop() else {
            return;
        };
        let blocks = self.page.blocks.len() as u32;
        let elements = self.page.elements.len() as u32;
        let Some(element) = self.page.elements.get_mut(index as usize) else {
            return;
        };
        element.end_block = blocks;
        element.end_element = elements;
        let tag = element.tag;
        self.open_counts[tag_slot(tag)] = self.open_counts[tag_slot(tag)].saturating_sub(1);
        if is_ignored(tag) {
            self.ignored_depth = self.ignored_depth.saturating_sub(1);
        }
        if tag == Tag::A {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if tag == Tag::H1 {
            if let Some(h1) = self.h1_text.take() {
                self.page.meta.on_h1(&h1);
            }
        }
    }

    /// Pop up to and including the nearest open `tag`, unless one of
    /// `boundaries` comes first.
    fn close_up_to(&mut self, tag: Tag, boundaries: &[Tag]) {
        if self.open_counts[tag_slot(tag)] == 0 {
            return;
        }
        let mut depth = None;
        for (at, &index) in self.stack.iter().enumerate().rev().take(CLOSE_REACH) {
            let open = self.page.elements[index as usize].tag;
            if open == tag {
                depth = Some(at);
                break;
            }
            if boundaries.contains(&open) {
                return;
            }
        }
        if let Some(depth) = depth {
            while self.stack.len() > depth {
                self.pop_element();
            }
        }
    }

    fn start(&mut self, tag: Tag, name: &str, raw_attrs: &str, self_closing: bool) {
        match tag {
            Tag::Meta => {
                self.page.meta.on_meta(raw_attrs);
                return;
            }
            Tag::Link => {
                self.page.meta.on_link(raw_attrs);
                return;
            }
            Tag::Time => self.page.meta.on_time(raw_attrs),
            Tag::Title if self.open_counts[tag_slot(Tag::Svg)] == 0 => {
                self.next_raw_text = Some(RawText::Title);
            }
            Tag::Script => {
                let is_json_ld = attr(raw_attrs, "type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                self.next_raw_text = Some(if is_json_ld {
                    RawText::JsonLd
                } else {
                    RawText::Skip
                });
            }
            _ if tag.is_raw_text() => self.next_raw_text = Some(RawText::Skip),
            _ => {}
        }
        if tag.is_block() {
            self.flush();
        }
        if closes_paragraph(tag) {
            self.close_up_to(Tag::P, &[Tag::Table, Tag::Td, Tag::Th, Tag::Button]);
        }
        match tag {
            Tag::Li => self.close_up_to(Tag::Li, &[Tag::Ul, Tag::Ol, Tag::Menu, Tag::Table]),
            Tag::Dt | Tag::Dd => {
                self.close_up_to(Tag::Dt, &[Tag::Dl, Tag::Table]);
                self.close_up_to(Tag::Dd, &[Tag::Dl, Tag::Table]);
            }
            Tag::Td | Tag::Th => {
                self.close_up_to(Tag::Td, &[Tag::Tr, Tag::Table]);
                self.close_up_to(Tag::Th, &[Tag::Tr, Tag::Table]);
            }
            Tag::Tr => self.close_up_to(Tag::Tr, &[Tag::Table]),
            Tag::Option => self.close_up_to(Tag::Option, &[Tag::Select]),
            Tag::A => self.close_up_to(Tag::A, &[Tag::Td, Tag::Th]),
            Tag::H1 if !self.page.meta.has_h1() && self.h1_text.is_none() => {
                self.h1_text = Some(String::new());
            }
            _ => {}
        }
        if tag.is_void() || (self_closing && tag == Tag::Other) {
            return;
        }
        if matches!(tag, Tag::Html | Tag::Body) && self.open_counts[tag_slot(tag)] > 0 {
            return;
        }
        self.push_element(tag, name, raw_attrs);
    }

    fn end(&mut self, tag: Tag, name: &str) {
        if tag.is_block() {
            self.flush();
        }
        match tag {
            // Content after `</body>` still belongs to the body.
            Tag::Html | Tag::Body | Tag::Br => {}
            Tag::Other => {
                let hash = name_hash(name);
                let found = self
                    .stack
                    .iter()
                    .rev()
                    .take(OTHER_END_TAG_REACH)
                    .position(|&index| {
                        let element = &self.page.elements[index as usize];
                        element.tag == Tag::Other && element.name_hash == hash
                    });
                if let Some(from_top) = found {
                    for _ in 0..=from_top {
                        self.pop_element();
                    }
                }
            }
            _ => self.close_up_to(tag, &[]),
        }
    }

    fn text(&mut self, raw: &str) {
        match self.next_raw_text.take() {
            Some(RawText::Title) => {
                self.page.meta.on_title(raw);
                return;
            }
            Some(RawText::JsonLd) => {
                self.page.meta.on_json_ld(raw);
                return;
            }
            Some(RawText::Skip) => return,
            None => {}
        }
        if self.ignored_depth > 0 || raw.is_empty() {
            return;
        }
        self.push_text(raw);
    }
}

/// Read the whole page.
pub fn build(html: &str) -> Page {
    let mut builder = Builder {
        page: Page::default(),
        stack: Vec::new(),
        open_counts: [0; 96],
        ignored_depth: 0,
        link_depth: 0,
        text: String::new(),
        link_chars: 0,
        chars: 0,
        pending_space: false,
        h1_text: None,
        scratch: String::new(),
        next_raw_text: None,
    };
    for token in Tokenizer::new(html) {
        match token {
            Token::Start {
                tag,
                name,
                attrs: raw_attrs,
                self_closing,
            } => builder.start(tag, name, raw_attrs, self_closing),
            Token::End { tag, name } => builder.end(tag, name),
            Token::Text(raw) => builder.text(raw),
        }
    }
    builder.flush();
    while !builder.stack.is_empty() {
        builder.pop_element();
    }
    builder.page
}
