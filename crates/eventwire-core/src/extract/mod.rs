//! Main-content extraction from an HTML page: title, body paragraphs,
//! publication date and site name from metadata, boilerplate dropped.
//!
//! How: one linear pass tokenizes the page ([`html`]) and builds a flat
//! element list with text blocks ([`page`]); elements that are boilerplate
//! by tag, role, hidden markers or class/id words are marked ([`rules`]).
//! Paragraph-like blocks then vote for their ancestors (readability's
//! scheme: length, commas, link density, article-like class names, marked
//! candidates weakened). From the best container the choice climbs over
//! article parts split by figures or ads while the parent adds mostly
//! paragraph text. Inside the chosen container a block is kept unless it
//! sits in a marked element (marks holding most of the container are
//! ignored as misleading), is mostly link text, or is a stock phrase.
//! Dropped blocks of some length are reported in `removed`.
//!
//! Not used: JSON-LD `articleBody` (often truncated or without paragraph
//! breaks); site-specific rules of any kind.

mod entities;
mod html;
mod meta;
mod page;
mod rules;

use crate::document::{Removal, RemovalKind};
use html::Tag;
use page::{Block, Page, NONE};

pub use entities::decode as decode_entities;
pub use meta::iso_date;

/// What extraction found in one HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExtractedArticle {
    pub title: Option<String>,
    /// Body paragraphs joined by a blank line (`"\n\n"`).
    pub text: String,
    /// Publication date from metadata, ISO (`YYYY-MM-DD`, or with time).
    pub published: Option<String>,
    /// Publisher name from metadata (`og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    /// Canonical URL from metadata, if any.
    pub url: Option<String>,
    /// Substantial text blocks that were dropped as boilerplate.
    pub removed: Vec<Removal>,
}

/// At most this many removals are reported per page.
const MAX_REMOVED: usize = 40;
/// Removed blocks shorter than this (in chars) are not reported.
const MIN_REPORTED_CHARS: u32 = 40;
/// Reported removal texts are cut to about this many bytes.
const MAX_REMOVED_TEXT: usize = 300;
/// Blocks shorter than this do not vote for a container.
const MIN_SCORED_CHARS: u32 = 25;

/// Extract the article from an HTML page.
pub fn extract(html: &str) -> ExtractedArticle {
    let page = page::build(html);
    let selected = select_containers(&page);
    let mut article = ExtractedArticle::default();
    emit(&page, &selected, &mut article);
    let metadata = page.meta.finish();
    article.title = metadata.title;
    article.published = metadata.published;
    article.site_name = metadata.site_name;
    article.url = metadata.url;
    article
}

/// Link characters per character over blocks `range`, from prefix sums.
struct Density {
    chars: Vec<u64>,
    link_chars: Vec<u64>,
}

impl Density {
    fn new(blocks: &[Block]) -> Density {
        let mut chars = Vec::with_capacity(blocks.len() + 1);
        let mut link_chars = Vec::with_capacity(blocks.len() + 1);
        chars.push(0);
        link_chars.push(0);
        for block in blocks {
            chars.push(chars.last().copied().unwrap_or(0) + u64::from(block.chars));
            link_chars.push(link_chars.last().copied().unwrap_or(0) + u64::from(block.link_chars));
        }
        Density { chars, link_chars }
    }

    fn of(&self, first: u32, end: u32) -> (u64, f64) {
        let (first, end) = (first as usize, (end as usize).min(self.chars.len() - 1));
        if first >= end {
            return (0, 0.0);
        }
        let chars = self.chars[end] - self.chars[first];
        let links = self.link_chars[end] - self.link_chars[first];
        (
            chars,
            if chars == 0 {
                0.0
            } else {
                links as f64 / chars as f64
            },
        )
    }
}

fn block_score(block: &Block) -> f64 {
    let commas = block
        .text
        .chars()
        .filter(|c| matches!(c, ',' | '，' | '、'))
        .count();
    1.0 + commas as f64 + (f64::from(block.chars) / 100.0).min(3.0)
}

fn tag_bonus(tag: Tag) -> f64 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Form | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Li | Tag::Address => -3.0,
        Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6 | Tag::Th => -5.0,
        _ => 0.0,
    }
}

/// Score every element by the paragraphs below it; `None` if no block
/// qualified.
fn score_elements(page: &Page, density: &Density) -> Option<Vec<f64>> {
    let mut content = vec![0.0f64; page.elements.len()];
    let mut any = false;
    for block in &page.blocks {
        if block.element == NONE
            || block.chars < MIN_SCORED_CHARS
            || block.link_chars * 2 > block.chars
        {
            continue;
        }
        let score = block_score(block);
        // Text written straight into a container (no `<p>`) votes for the
        // container itself.
        let holder = &page.elements[block.element as usize];
        let mut ancestor = if matches!(
            holder.tag,
            Tag::Div | Tag::Td | Tag::Section | Tag::Article | Tag::Main
        ) {
            block.element
        } else {
            holder.parent
        };
        for level in 0..5 {
            let Some(element) = page.elements.get(ancestor as usize) else {
                break;
            };
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            content[ancestor as usize] += score / divider;
            any = true;
            ancestor = element.parent;
        }
    }
    if !any {
        return None;
    }
    let scores = content
        .iter()
        .zip(&page.elements)
        .map(|(&score, element)| {
            if score == 0.0 {
                return 0.0;
            }
            let (_, link_density) = density.of(element.first_block, element.end_block);
            let marked = if element.rule.is_some() { -25.0 } else { 0.0 };
            // Inside a marked element (comments, sidebar): a weaker candidate.
            // Multiplied, so a mark on a whole-page wrapper keeps the order.
            let inside_marked = if element.drop_owner == NONE { 1.0 } else { 0.5 };
            (score + tag_bonus(element.tag) + f64::from(element.class_weight) + marked)
                * (1.0 - link_density)
                * inside_marked
        })
        .collect();
    Some(scores)
}

fn is_inside(page: &Page, inner: u32, outer: u32) -> bool {
    let Some(element) = page.elements.get(outer as usize) else {
        return false;
    };
    inner >= outer && inner < element.end_element
}

/// The elements holding the article, in document order.
fn select_containers(page: &Page) -> Vec<u32> {
    let density = Density::new(&page.blocks);
    let Some(scores) = score_elements(page, &density) else {
        return Vec::new();
    };
    let Some((mut top, _)) = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0.0)
        .max_by(|a, b| a.1.total_cmp(b.1))
    else {
        return Vec::new();
    };
    let top_score = scores[top];

    // Several strong candidates under one ancestor: the ancestor holds an
    // article split into parts.
    let mut ranked: Vec<usize> = (0..scores.len()).filter(|&i| scores[i] > 0.0).collect();
    ranked.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
    let alternatives: Vec<u32> = ranked
        .iter()
        .skip(1)
        .take(5)
        .filter(|&&i| scores[i] >= top_score * 0.75)
        .map(|&i| i as u32)
        .collect();
    if alternatives.len() >= 3 {
        let mut ancestor = page.elements[top].parent;
        while let Some(element) = page.elements.get(ancestor as usize) {
            if matches!(element.tag, Tag::Body | Tag::Html) {
                break;
            }
            let inside = alternatives
                .iter()
                .filter(|&&a| is_inside(page, a, ancestor))
                .count();
            if inside >= 3 {
                top = ancestor as usize;
                break;
            }
            ancestor = element.parent;
        }
    }

    // Climb while the parent scores about as well (readability's rule).
    let mut last_score = scores[top];
    let threshold = last_score / 3.0;
    let mut parent = page.elements[top].parent;
    while let Some(element) = page.elements.get(parent as usize) {
        if matches!(element.tag, Tag::Body | Tag::Html) {
            break;
        }
        let parent_score = scores[parent as usize];
        if parent_score == 0.0 {
            parent = element.parent;
            continue;
        }
        if parent_score < threshold {
            break;
        }
        if parent_score > last_score {
            top = parent as usize;
            break;
        }
        last_score = parent_score;
        parent = element.parent;
    }

    let top = extend_over_parts(page, top as u32);

    // Sibling paragraphs join the article. (Readability also takes
    // siblings that merely score well; here that pulled in sidebars.)
    let parent = page.elements[top as usize].parent;
    let Some(parent_element) = page.elements.get(parent as usize) else {
        return vec![top];
    };
    let mut selected = Vec::new();
    let mut index = parent + 1;
    while index < parent_element.end_element {
        let Some(sibling) = page.elements.get(index as usize) else {
            break;
        };
        let next = sibling.end_element.max(index + 1);
        if index == top {
            selected.push(index);
        } else if sibling.drop_owner == NONE || sibling.drop_owner < parent {
            let (chars, link_density) = density.of(sibling.first_block, sibling.end_block);
            let paragraph_like = sibling.tag == Tag::P
                && ((chars > 80 && link_density < 0.25)
                    || (chars > 0 && link_density == 0.0 && {
                        let text = page.blocks[sibling.first_block as usize..]
                            .first()
                            .map_or("", |b| b.text.as_str());
                        text.contains(". ") || text.ends_with('.')
                    }));
            if paragraph_like {
                selected.push(index);
            }
        }
        index = next;
    }
    selected
}

/// Characters of paragraph-like text per block prefix: blocks of some
/// length, few links, and not inside a marked element (marks above
/// `container` do not count, as they hold the article itself).
fn paragraph_chars(page: &Page, container: u32) -> Vec<u64> {
    let mut sums = Vec::with_capacity(page.blocks.len() + 1);
    let mut total = 0u64;
    sums.push(0);
    for block in &page.blocks {
        let unmarked = block.drop_owner == NONE || is_inside(page, container, block.drop_owner);
        let paragraph = page.elements.get(block.element as usize).is_some_and(|e| {
            matches!(
                e.tag,
                Tag::P | Tag::Blockquote | Tag::Pre | Tag::Div | Tag::Section | Tag::Article
            )
        });
        if unmarked && paragraph && block.chars >= 40 && block.link_chars * 3 < block.chars {
            total += u64::from(block.chars);
        }
        sums.push(total);
    }
    sums
}

/// An article split into parts (text, figure, text, ad, text) has its best
/// container around one part only: climb while the parent adds mostly
/// paragraph text.
fn extend_over_parts(page: &Page, top: u32) -> u32 {
    let good = paragraph_chars(page, top);
    let density = Density::new(&page.blocks);
    let span = |e: &page::Element| {
        let (first, end) = (
            e.first_block as usize,
            (e.end_block as usize).min(good.len() - 1),
        );
        let good_chars = good[end].saturating_sub(good[first.min(end)]);
        let (all_chars, _) = density.of(e.first_block, e.end_block);
        (good_chars, all_chars)
    };
    let mut current = top;
    for _ in 0..8 {
        let element = &page.elements[current as usize];
        let Some(parent) = page.elements.get(element.parent as usize) else {
            break;
        };
        if matches!(parent.tag, Tag::Body | Tag::Html) {
            break;
        }
        let (good_here, all_here) = span(element);
        let (good_parent, all_parent) = span(parent);
        let added_good = good_parent.saturating_sub(good_here);
        let added_all = all_parent.saturating_sub(all_here);
        if added_all == 0 {
            current = element.parent;
            continue;
        }
        if added_good * 10 >= good_here && added_good * 3 >= added_all * 2 {
            current = element.parent;
            continue;
        }
        break;
    }
    current
}

/// Short texts that are page furniture wherever they stand.
fn is_stock_phrase(text: &str) -> bool {
    if text.len() > 60 {
        return false;
    }
    let lower = text.trim().trim_end_matches([':', '.']).to_lowercase();
    matches!(
        lower.as_str(),
        "advertisement"
            | "ad"
            | "sponsored"
            | "sponsored content"
            | "story continues below"
            | "story continues below advertisement"
            | "continue reading below"
            | "continue reading"
            | "read more"
            | "read more below"
            | "share"
            | "share this"
            | "share this article"
            | "share this story"
            | "related"
            | "related content"
            | "related articles"
            | "related stories"
            | "click here"
            | "skip to main content"
            | "skip to content"
            | "sign up"
            | "subscribe"
            | "comments"
            | "show comments"
            | "tweet"
            | "email"
            | "print"
    )
}

fn report(article: &mut ExtractedArticle, block: &Block, kind: RemovalKind, rule: &str) {
    if article.removed.len() >= MAX_REMOVED || block.chars < MIN_REPORTED_CHARS {
        return;
    }
    // A long run of link text dropped by a generic rule (aside, footer,
    // outside the article) is a headline pointing elsewhere.
    let kind = if kind == RemovalKind::Other && block.link_chars * 2 > block.chars {
        RemovalKind::RelatedLink
    } else {
        kind
    };
    let mut cut = block.text.len().min(MAX_REMOVED_TEXT);
    while !block.text.is_char_boundary(cut) {
        cut -= 1;
    }
    article.removed.push(Removal {
        kind,
        rule: rule.to_string(),
        text: block.text[..cut].to_string(),
    });
}

/// The rule that drops a block inside `container`, walking out from its
/// nearest marked element. A marked element holding most of the
/// container's text is taken as a misleading name (a `widget` wrapping the
/// post) and skipped.
fn effective_rule(
    page: &Page,
    density: &Density,
    mut owner: u32,
    container: u32,
) -> Option<rules::Rule> {
    let container_element = page.elements.get(container as usize)?;
    let (container_chars, _) =
        density.of(container_element.first_block, container_element.end_block);
    while owner != NONE && owner > container && is_inside(page, owner, container) {
        let element = &page.elements[owner as usize];
        let (chars, _) = density.of(element.first_block, element.end_block);
        if chars * 2 <= container_chars || container_chars == 0 {
            return element.rule;
        }
        owner = page
            .elements
            .get(element.parent as usize)
            .map_or(NONE, |parent| parent.drop_owner);
    }
    None
}

fn emit(page: &Page, selected: &[u32], article: &mut ExtractedArticle) {
    let density = Density::new(&page.blocks);
    let mut paragraphs: Vec<&str> = Vec::new();
    let mut selected_iter = selected.iter().peekable();
    let mut current: Option<u32> = None;
    for (block_index, block) in page.blocks.iter().enumerate() {
        let block_index = block_index as u32;
        // Advance to the selected container that may hold this block.
        while let Some(&&candidate) = selected_iter.peek() {
            let element = &page.elements[candidate as usize];
            if block_index >= element.end_block {
                selected_iter.next();
                current = None;
                continue;
            }
            if block_index >= element.first_block {
                current = Some(candidate);
            }
            break;
        }
        let container = current.filter(|&c| {
            let e = &page.elements[c as usize];
            block_index >= e.first_block && block_index < e.end_block
        });
        // No container stood out (a short page): every unmarked block counts.
        let whole_page = selected.is_empty();
        if whole_page && block.drop_owner != NONE {
            if let Some(rule) = page.elements[block.drop_owner as usize].rule {
                report(article, block, rule.kind, rule.name);
            }
            continue;
        }
        let Some(container) = container.or(whole_page.then_some(NONE)) else {
            let kind_rule = page
                .elements
                .get(block.drop_owner as usize)
                .and_then(|e| e.rule);
            match kind_rule {
                Some(rule) => report(article, block, rule.kind, rule.name),
                None => report(article, block, RemovalKind::Other, "outside-main-content"),
            }
            continue;
        };
        if let Some(rule) = effective_rule(page, &density, block.drop_owner, container) {
            report(article, block, rule.kind, rule.name);
            continue;
        }
        let tag = page.elements.get(block.element as usize).map(|e| e.tag);
        if tag == Some(Tag::H1) {
            continue;
        }
        if block.link_chars * 2 > block.chars {
            report(article, block, RemovalKind::RelatedLink, "link-density");
            continue;
        }
        if is_stock_phrase(&block.text) {
            continue;
        }
        paragraphs.push(&block.text);
    }
    article.text = paragraphs.join("\n\n");
}

/// A line per text block saying where it stands and whether it was kept:
/// for looking into why a page came out as it did.
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    use std::fmt::Write;
    let page = page::build(html);
    let selected = select_containers(&page);
    let mut out = String::new();
    let _ = writeln!(out, "selected containers: {selected:?}");
    for &s in &selected {
        let e = &page.elements[s as usize];
        let _ = writeln!(
            out,
            "  {s} {:?} weight {} blocks {}..{}",
            e.tag, e.class_weight, e.first_block, e.end_block
        );
    }
    for (i, block) in page.blocks.iter().enumerate() {
        let element = page.elements.get(block.element as usize);
        let rule = page
            .elements
            .get(block.drop_owner as usize)
            .and_then(|e| e.rule)
            .map(|r| r.name);
        let mut chain = Vec::new();
        let mut at = block.element;
        while let Some(e) = page.elements.get(at as usize) {
            chain.push(format!("{}{:?}", at, e.tag));
            at = e.parent;
            if chain.len() > 6 {
                break;
            }
        }
        let text: String = block.text.chars().take(90).collect();
        let _ = writeln!(
            out,
            "{i:4} {:?} links {}/{} drop {:?}@{} [{}] {text}",
            element.map(|e| e.tag),
            block.link_chars,
            block.chars,
            rule,
            block.drop_owner as i64,
            chain.join("<")
        );
    }
    out
}

#[cfg(test)]
mod tests;
