//! The boilerplate rules. Each looks at one normalised unit (a paragraph
//! with single spaces, trimmed) and is written to keep real sentences:
//! labelled forms need their label and separator, free forms need to be short
//! and name-like, and footers are only tried at the end of the body.

use crate::document::RemovalKind;

/// A rule that fired: what kind of text it removes and its stable id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Hit {
    pub kind: RemovalKind,
    pub rule: &'static str,
}

const fn hit(kind: RemovalKind, rule: &'static str) -> Hit {
    Hit { kind, rule }
}

pub(super) const DUPLICATE: Hit = hit(RemovalKind::DuplicateLine, "duplicate-paragraph");

const COPYRIGHT: Hit = hit(RemovalKind::Footer, "copyright");
const STANDARDS: Hit = hit(RemovalKind::Footer, "standards-footer");
const AGENCY_SIGNOFF: Hit = hit(RemovalKind::Footer, "agency-signoff");
const END_MARKER: Hit = hit(RemovalKind::Other, "end-marker");
const RELATED_LABEL: Hit = hit(RemovalKind::RelatedLink, "related-label");
const RELATED_HEADING: Hit = hit(RemovalKind::RelatedLink, "related-heading");
const CLICK_HERE: Hit = hit(RemovalKind::RelatedLink, "click-here");
const SHARE_PROMPT: Hit = hit(RemovalKind::Navigation, "share-prompt");
const NAV_WORD: Hit = hit(RemovalKind::Navigation, "nav-word");
const PHOTO_LABEL: Hit = hit(RemovalKind::PhotoCredit, "photo-label");
const PHOTO_BY: Hit = hit(RemovalKind::PhotoCredit, "photo-by");
const IMAGE_CAPTION: Hit = hit(RemovalKind::PhotoCredit, "image-caption");
const CAPTION_CREDIT: Hit = hit(RemovalKind::PhotoCredit, "caption-credit");
const SLASH_CREDIT: Hit = hit(RemovalKind::PhotoCredit, "agency-slash-credit");
const DESK_CODE: Hit = hit(RemovalKind::EditorCode, "desk-code");
const STAFF_CREDIT: Hit = hit(RemovalKind::EditorCode, "staff-credit");
const INITIALS_CODE: Hit = hit(RemovalKind::EditorCode, "initials-code");
const MAP_LEGEND: Hit = hit(RemovalKind::Other, "map-legend");

// ---------------------------------------------------------------- helpers

/// `text` after an ASCII `prefix` matched case-insensitively, provided the
/// prefix ends a word there (no letter or digit follows).
#[inline(always)]
fn after_word<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    // Most units fail on the first letter; test it before the whole prefix.
    let first = *text.as_bytes().first()?;
    if first.to_ascii_lowercase() != *prefix.as_bytes().first()? {
        return None;
    }
    let head = text.as_bytes().get(..prefix.len())?;
    if !head.eq_ignore_ascii_case(prefix.as_bytes()) {
        return None;
    }
    let rest = text.get(prefix.len()..)?;
    match rest.chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(rest),
    }
}

/// The first of `prefixes` that `text` starts with (longest listed first).
fn after_any<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|prefix| after_word(text, prefix))
}

/// Whether `text` contains the lower-case ASCII `needle`, ignoring case.
fn contains_ci(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    text.as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle))
}

/// The last `max_len` bytes of `text` (a little more, to stay on a char boundary).
fn tail_window(text: &str, max_len: usize) -> (usize, &str) {
    let mut start = text.len().saturating_sub(max_len);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    (start, &text[start..])
}

fn eq_any(text: &str, words: &[&str]) -> bool {
    words.iter().any(|word| text.eq_ignore_ascii_case(word))
}

fn word_count(text: &str) -> usize {
    text.split(' ').filter(|word| !word.is_empty()).count()
}

/// Text after a label separator (":", "|", "»", ">>"), if one comes first.
fn after_separator(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    [":", "|", "»", ">>", "›"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .map(str::trim_start)
}

/// Text after a dash used as a label separator.
fn after_dash(rest: &str) -> Option<&str> {
    let rest = rest.trim_start();
    ["--", "-", "–", "—"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))
        .map(str::trim_start)
}

/// One headline-like phrase: not empty, at most `max_words` words, and no
/// sentence break inside (a second sentence means running text).
fn is_title(text: &str, max_words: usize) -> bool {
    let text = text.trim();
    if text.is_empty() || word_count(text) > max_words {
        return false;
    }
    let inner = text.trim_end_matches(['.', '!', '?', '"', '”', '’', ')']);
    !inner.contains(". ") && !inner.contains("? ") && !inner.contains("! ")
}

/// Lower-case words allowed inside a person's or agency's name.
const NAME_PARTICLES: &[&str] = &[
    "a", "al", "and", "at", "bin", "da", "de", "del", "della", "der", "di", "do", "dos", "du",
    "el", "for", "from", "in", "la", "le", "of", "the", "van", "von", "y", "via",
];

/// A short run of capitalised words (names, places), allowing particles and
/// list punctuation: "Omar Sobhani", "John Smith in Washington".
fn is_names(text: &str, max_words: usize) -> bool {
    let mut words = 0;
    for word in text
        .split([' ', ',', ';', '&'])
        .filter(|word| !word.is_empty())
    {
        words += 1;
        if words > max_words {
            return false;
        }
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if first.is_numeric() {
            return false;
        }
        if !first.is_uppercase() && !eq_any(word, NAME_PARTICLES) {
            return false;
        }
    }
    words > 0
}

/// Sentence-final punctuation (or a closing quote or bracket after it).
pub(super) fn ends_sentence(text: &str) -> bool {
    matches!(
        text.trim_end().chars().next_back(),
        Some('.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | ']' | '…' | ':' | ';')
    )
}

/// Where the parenthesised group that ends `text` opens, for groups of at
/// most `max_len` bytes (nested parentheses allowed).
fn trailing_group(text: &str, max_len: usize) -> Option<usize> {
    if !text.ends_with(')') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    for at in (bytes.len().saturating_sub(max_len)..bytes.len()).rev() {
        match bytes[at] {
            b')' => depth += 1,
            b'(' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(at);
                }
            }
            _ => {}
        }
    }
    None
}

/// A cut at `at` removes a tail only if it starts the unit or follows the end
/// of a sentence.
fn tail_allowed(text: &str, at: usize) -> bool {
    at == 0 || ends_sentence(&text[..at])
}

// ---------------------------------------------------------------- units

/// A rule that removes the whole unit wherever it stands.
pub(super) fn classify_unit(text: &str) -> Option<Hit> {
    if is_map_legend(text) {
        return Some(MAP_LEGEND);
    }
    if !LABEL_GATE.may_start(text) {
        // Most paragraphs: only the rules not anchored on a leading label.
        if text.len() <= 250 && ends_all_rights_reserved(text) {
            return Some(COPYRIGHT);
        }
        if is_slash_credit(text, false) {
            return Some(SLASH_CREDIT);
        }
        return is_initials_code(text).then_some(INITIALS_CODE);
    }
    copyright(text)
        .or_else(|| related(text))
        .or_else(|| share_prompt(text))
        .or_else(|| photo_credit(text))
        .or_else(|| staff_code(text))
}

/// A map or chart key pasted as text: a colour swatch ("██", "■", "●")
/// and a short label ("██ Syrian Democratic Forces").
fn is_map_legend(text: &str) -> bool {
    const SWATCHES: [char; 6] = ['█', '■', '▆', '▇', '●', '⬤'];
    if !text.starts_with(SWATCHES) {
        return false;
    }
    let label = text.trim_start_matches(|c: char| SWATCHES.contains(&c) || c == ' ');
    !label.is_empty()
        && label.len() <= 80
        && label.split_whitespace().count() <= 8
        && !ends_sentence(label)
}

/// Which two-letter openings (ASCII, lower-cased) some label starts with, so
/// that a paragraph opening otherwise skips the label rules at once.
struct LabelGate([[bool; 128]; 128]);

impl LabelGate {
    const fn new(lists: &[&[&str]]) -> LabelGate {
        let mut table = [[false; 128]; 128];
        let mut list = 0;
        while list < lists.len() {
            let mut item = 0;
            while item < lists[list].len() {
                let bytes = lists[list][item].as_bytes();
                let first = bytes[0].to_ascii_lowercase() as usize;
                if bytes.len() < 2 {
                    let mut second = 0;
                    while second < 128 {
                        table[first][second] = true;
                        second += 1;
                    }
                } else {
                    table[first][bytes[1].to_ascii_lowercase() as usize] = true;
                }
                item += 1;
            }
            list += 1;
        }
        LabelGate(table)
    }

    fn may_start(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        match (bytes.first(), bytes.get(1)) {
            // Brackets, dashes and non-ASCII openings ("©", "–") are rare: let them in.
            (Some(&first), _) if !first.is_ascii_alphabetic() => true,
            (Some(&first), Some(&second)) if second.is_ascii() => {
                self.0[first.to_ascii_lowercase() as usize][second.to_ascii_lowercase() as usize]
            }
            (Some(_), _) => true,
            (None, _) => false,
        }
    }
}

static LABEL_GATE: LabelGate = LabelGate::new(&[
    &[
        "our standards",
        "copyright",
        "click here",
        "sign up",
        "follow",
        "and",
    ],
    RELATED_LABELS,
    RELATED_HEADINGS,
    SHARE_PREFIXES,
    NAV_WORDS,
    CAPTION_LABELS,
    PHOTO_BY_LABELS,
    PHOTO_LABELS,
    PHOTO_WORDS,
    STAFF_LABELS,
]);

/// Whether a year (1900-2099) stands in `text` as a word.
fn has_year(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20")))
}

/// "Hawaii News Now. All rights reserved."
fn ends_all_rights_reserved(text: &str) -> bool {
    let phrase = "all rights reserved";
    let bare = text.trim_end_matches(['.', ' ']);
    bare.len() >= phrase.len()
        && (bare.as_bytes()[..phrase.len()].eq_ignore_ascii_case(phrase.as_bytes())
            || bare.as_bytes()[bare.len() - phrase.len()..].eq_ignore_ascii_case(phrase.as_bytes()))
}

fn copyright(text: &str) -> Option<Hit> {
    if text.len() > 250 {
        return None;
    }
    if after_word(text, "our standards")
        .and_then(after_separator)
        .is_some()
    {
        return Some(STANDARDS);
    }
    // "© 2016 Reuters", "(c) 2016 ...", "Copyright 2016 ...", "Copyright © ...";
    // a bare "(C)" is also a table legend, so it needs the year.
    let starts_year = |rest: &str| {
        let rest = rest.trim_start();
        rest.len() >= 4 && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
    };
    let starts_copyright = text
        .strip_prefix(['©', 'ⓒ'])
        .is_some_and(|rest| is_title(rest, 15))
        || after_word(text, "(c)").is_some_and(starts_year)
        || after_word(text, "copyright").is_some_and(|rest| {
            let rest = rest.trim_start();
            rest.starts_with(['©', 'ⓒ'])
                || after_word(rest, "(c)").is_some()
                || starts_year(rest)
                // "copyright Inexhibit 2019 - ISSN ...", not "Copyright law ..."
                || (rest.starts_with(char::is_uppercase) && is_title(rest, 12) && has_year(rest))
        });
    // "© 2019 Associated Press. All Rights Reserved. This material may not ..."
    let marked = text.starts_with(['©', 'ⓒ']) || after_word(text, "copyright").is_some();
    let marked_notice = marked && contains_ci(text, "all rights reserved");
    (starts_copyright || marked_notice || ends_all_rights_reserved(text)).then_some(COPYRIGHT)
}

/// Labels whose text after a separator is a link to another article.
const RELATED_LABELS: &[&str] = &[
    "also read",
    "read also",
    "read more",
    "also see",
    "see also",
    "also watch",
    "related articles",
    "related article",
    "related stories",
    "related story",
    "related news",
    "related coverage",
    "related content",
    "related video",
    "related videos",
    "related topics",
    "related links",
    "related posts",
    "related post",
    "related",
    "recommended",
    "more on this",
    "more from",
    "more",
    "also",
    "watch",
    "read",
    "listen",
];

/// Labels unambiguous enough to need no separator ("Also Read Who is ...").
const RELATED_BARE_LABELS: &[&str] = &["also read", "read also", "read more", "see also"];

/// Headings that stand alone over a block of links.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related news",
    "related content",
    "related coverage",
    "related topics",
    "related links",
    "read more",
    "read also",
    "also read",
    "see also",
    "more on this story",
    "more stories",
    "more news",
    "recommended",
    "recommended for you",
    "recommended stories",
    "you may also like",
    "you might also like",
    "most read",
    "most popular",
    "top stories",
    "editor's picks",
    "trending",
];

fn related(text: &str) -> Option<Hit> {
    if text.len() > 250 {
        return None;
    }
    // "(READ: ...)" and "[Related: ...]" carry the same label inside brackets.
    let inner = match (text.chars().next(), text.chars().next_back()) {
        (Some('('), Some(')')) | (Some('['), Some(']')) => &text[1..text.len() - 1],
        _ => text,
    };
    let heading = inner.trim_end_matches([':', '.', '»', '›', '>', ' ', '…']);
    if eq_any(heading, RELATED_HEADINGS) || inner.eq_ignore_ascii_case("more:") {
        return Some(RELATED_HEADING);
    }
    for label in RELATED_LABELS {
        let Some(rest) = after_word(inner, label) else {
            continue;
        };
        let title = after_separator(rest).or_else(|| {
            if !RELATED_BARE_LABELS.contains(label) {
                return None;
            }
            // Without a separator the title must look like one: "Also Read
            // Who is ...", not "Read more about the plan in ...".
            after_dash(rest)
                .or(Some(rest.trim_start()))
                .filter(|title| {
                    title
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                })
        });
        if let Some(title) = title {
            // A link title: one phrase, headline length.
            if is_title(title, 25) {
                return Some(RELATED_LABEL);
            }
        }
    }
    if after_word(inner, "click here").is_some() && text.len() <= 200 {
        return Some(CLICK_HERE);
    }
    None
}

/// Prompts to share, follow, subscribe, sign up.
const SHARE_PREFIXES: &[&str] = &[
    "share this article",
    "share this story",
    "share this post",
    "share this page",
    "share this with",
    "share on facebook",
    "share on twitter",
    "share on whatsapp",
    "share on linkedin",
    "share via",
    "click to share",
    "click to email",
    "click to print",
    "like us on facebook",
    "follow us on",
    "follow us:",
    "join us on",
    "subscribe to",
    "subscribe now",
    "subscribe for",
    "subscribe here",
];

/// Social networks named in "Follow <someone> on <network>".
const NETWORKS: &[&str] = &[
    "twitter",
    "facebook",
    "instagram",
    "linkedin",
    "youtube",
    "tiktok",
    "telegram",
    "threads",
    "bluesky",
    "mastodon",
    "x",
];

/// Page furniture that is a paragraph on its own.
const NAV_WORDS: &[&str] = &[
    "advertisement",
    "advertisements",
    "advert",
    "sponsored",
    "sponsored content",
    "share",
    "share this",
    "tweet",
    "print",
    "email",
    "comments",
    "skip advertisement",
    "continue reading",
    "continue reading below",
    "story continues below",
    "story continues below advertisement",
    "article continues below",
    "scroll to continue with content",
];

fn share_prompt(text: &str) -> Option<Hit> {
    if text.len() > 160 {
        return None;
    }
    if eq_any(text.trim_end_matches(['.', ':', '…']), NAV_WORDS) {
        return Some(NAV_WORD);
    }
    if after_any(text, SHARE_PREFIXES).is_some() {
        return Some(SHARE_PROMPT);
    }
    // "Sign up for our newsletter", "Sign up to get alerts": about mail-outs.
    if let Some(rest) = after_word(text, "sign up") {
        if [
            "newsletter",
            "alert",
            "email",
            "e-mail",
            "updates",
            "briefing",
            "digest",
        ]
        .iter()
        .any(|word| contains_ci(rest, word))
        {
            return Some(SHARE_PROMPT);
        }
    }
    // "Follow Jane Doe on Twitter: @jane", "Follow AP's coverage at https://...".
    if let Some(rest) = after_word(text, "follow") {
        if let Some(on) = rest.find(" on ") {
            let network = rest[on + 4..]
                .split([' ', ':', '.', ','])
                .next()
                .unwrap_or_default();
            if eq_any(network, NETWORKS) && word_count(&rest[..on]) <= 8 {
                return Some(SHARE_PROMPT);
            }
        }
        if rest.contains(" at http") && word_count(rest) <= 15 {
            return Some(SHARE_PROMPT);
        }
    }
    None
}

/// Labels of photo credits and captions, followed by a separator.
const PHOTO_LABELS: &[&str] = &[
    "photo credit",
    "photo credits",
    "photo courtesy",
    "photo source",
    "photos",
    "photo",
    "photographs",
    "photograph",
    "photography",
    "pictures",
    "picture",
    "pic",
    "image credit",
    "image source",
    "images",
    "image",
    "file photo",
    "featured image",
    "feature image",
    "cover photo",
    "top photo",
    "main photo",
    "header image",
    "caption",
    "credit",
    "credits",
];

/// Labels that also head other things ("Credit: the bank's loan book grew"),
/// so only a name may follow them.
const NAME_ONLY_PHOTO_LABELS: &[&str] = &[
    "photo credit",
    "photo credits",
    "photo courtesy",
    "photo source",
    "image credit",
    "image source",
    "credit",
    "credits",
];

/// Credits that are a paragraph on their own.
const PHOTO_WORDS: &[&str] = &[
    "getty images",
    "file photo",
    "handout photo",
    "photo",
    "photos",
    "image",
    "images",
    "caption",
    "file image",
];

/// Labels followed directly by the photographer or source.
const PHOTO_BY_LABELS: &[&str] = &[
    "photo courtesy of",
    "photos courtesy of",
    "image courtesy of",
    "picture courtesy of",
    "courtesy of",
    "photo by",
    "photos by",
    "photographs by",
    "photograph by",
    "pictures by",
    "picture by",
    "image by",
    "images by",
    "image copyright",
];

/// Captions given as "Image caption ...", "Media caption ...".
const CAPTION_LABELS: &[&str] = &[
    "image caption",
    "media caption",
    "picture caption",
    "photo caption",
];

/// Photo agencies and picture desks as they appear in credits.
const PHOTO_SOURCES: &[&str] = &[
    "reuters",
    "afp",
    "afp photo",
    "ap",
    "ap photo",
    "epa",
    "epa-efe",
    "efe",
    "getty",
    "getty images",
    "xinhua",
    "anadolu",
    "anadolu agency",
    "aa",
    "pool",
    "handout",
    "file",
    "sipa",
    "shutterstock",
    "nurphoto",
    "bloomberg",
    "ians",
    "pti",
    "ani",
    "tass",
    "dpa",
    "yonhap",
    "kyodo",
    "imago",
];

fn photo_credit(text: &str) -> Option<Hit> {
    if text.len() > 400 {
        return None;
    }
    let inner = match (text.chars().next(), text.chars().next_back()) {
        (Some('('), Some(')')) | (Some('['), Some(']')) => &text[1..text.len() - 1],
        _ => text,
    };
    if let Some(rest) = after_any(inner, CAPTION_LABELS) {
        let rest = after_separator(rest).unwrap_or(rest);
        if !rest.is_empty() && word_count(rest) <= 60 {
            return Some(IMAGE_CAPTION);
        }
    }
    if text.len() > 200 {
        return None;
    }
    if eq_any(inner.trim_end_matches('.'), PHOTO_WORDS) || is_gallery_counter(inner) {
        return Some(PHOTO_LABEL);
    }
    if let Some(rest) = after_any(inner, PHOTO_BY_LABELS) {
        let rest = after_separator(rest).unwrap_or(rest).trim_end_matches('.');
        if is_title(rest, 10) && !rest.contains(". ") {
            return Some(PHOTO_BY);
        }
    }
    for label in PHOTO_LABELS {
        let Some(rest) = after_word(inner, label) else {
            continue;
        };
        if let Some(caption) = after_separator(rest) {
            let fits = if NAME_ONLY_PHOTO_LABELS.contains(label) {
                is_names(caption.trim_end_matches('.'), 8)
            } else {
                is_title(caption, 30)
            };
            if fits {
                return Some(PHOTO_LABEL);
            }
        }
    }
    is_slash_credit(inner, false).then_some(SLASH_CREDIT)
}

/// "Image 1 of 8", "Photo 3 of 12": a slideshow counter.
fn is_gallery_counter(text: &str) -> bool {
    let Some(rest) = after_any(text, &["image", "photo", "picture", "slide"]) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    let number = |word: &str| !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
    matches!(words.as_slice(), [first, "of", last] if number(first) && number(last))
}

/// "REUTERS/Omar Sobhani", "AFP PHOTO / JOHN DOE", "John Doe/Getty Images".
/// With `agency_first`, only the agency-first form (used at caption ends).
fn is_slash_credit(text: &str, agency_first: bool) -> bool {
    if text.len() > 80 {
        return false;
    }
    let Some(slash) = text.find('/') else {
        return false;
    };
    let left = text[..slash].trim();
    let right = text[slash + 1..].trim().trim_end_matches('.');
    let is_source = |side: &str| {
        eq_any(side, PHOTO_SOURCES) || {
            let lower = side.to_ascii_lowercase();
            lower.ends_with(" photo") || lower.ends_with(" images") || lower.ends_with(" pictures")
        }
    };
    if agency_first {
        // Picture desks write the agency in capitals before the slash.
        let shouting = left.chars().any(char::is_alphabetic)
            && !left.chars().any(char::is_lowercase)
            || left.ends_with(" Photo");
        return shouting && is_source(left) && is_names(right, 5);
    }
    (is_source(left) && is_names(right, 5)) || (is_source(right) && is_names(left, 5))
}

/// Credit lines of the desk: who reported, wrote, edited.
const STAFF_LABELS: &[&str] = &[
    "additional reporting by",
    "reporting and writing by",
    "reporting and editing by",
    "writing and editing by",
    "with reporting by",
    "reporting by",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "sub-editing by",
    "compiled by",
    "research by",
    "translated by",
    "translation by",
    "graphics by",
    "production by",
    "fact-checking by",
];

/// "Reporting by Jane Doe in Kabul; Editing by John Roe": every part a staff
/// label followed by names (so "Reporting by the BBC has shown" is kept).
fn is_staff_credit(text: &str) -> bool {
    let text = text.trim().trim_end_matches('.');
    let first = after_word(text, "and").map_or(text, str::trim_start);
    if after_any(first, STAFF_LABELS).is_none() {
        return false;
    }
    // Parts split at ";" or ",": a label with names, or more names
    // ("Reporting by A, B, with reporting by C and D, editing by E").
    text.split([';', ',']).all(|part| {
        let part = part.trim();
        let part = after_word(part, "and").map_or(part, str::trim_start);
        match after_any(part, STAFF_LABELS) {
            Some(names) => is_names(names, 12),
            None => is_names(part, 6),
        }
    })
}

/// "ab/cd", "ls/sms (AP, dpa, Reuters)": initials of writer and editor.
fn is_initials_code(text: &str) -> bool {
    if text.len() > 80 || !text.starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let (code, sources) = match memchr::memmem::find(text.as_bytes(), b" (") {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let mut parts = 0;
    for part in code.split('/') {
        parts += 1;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
    }
    if parts < 2 {
        return false;
    }
    match sources {
        None => true,
        Some(list) => {
            list.len() <= 60
                && list.starts_with('(')
                && list.ends_with(')')
                && list[1..list.len() - 1].split([',', '/']).all(|name| {
                    let name = name.trim();
                    is_agency_list(name) || is_names(name, 3)
                })
        }
    }
}

/// "(T/P010/R03)": a desk routing code, letters and digits between slashes.
fn is_desk_code(group: &str) -> bool {
    let Some(inner) = group.strip_prefix('(').and_then(|g| g.strip_suffix(')')) else {
        return false;
    };
    let parts: Vec<&str> = inner.split('/').collect();
    parts.len() >= 2
        && inner.len() <= 24
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.len() <= 6
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && inner.bytes().any(|b| b.is_ascii_alphabetic())
}

fn staff_code(text: &str) -> Option<Hit> {
    if text.len() > 300 {
        return None;
    }
    let bare = text.trim_start_matches(['-', '–', '—', ' ']);
    if is_staff_credit(bare) {
        return Some(STAFF_CREDIT);
    }
    if is_initials_code(text) {
        return Some(INITIALS_CODE);
    }
    None
}

// ---------------------------------------------------------------- tails

/// A code or credit ending the unit: where it starts and which rule.
pub(super) fn tail_code(text: &str) -> Option<(usize, Hit)> {
    if let Some(open) = trailing_group(text, 300) {
        let group = &text[open..];
        if is_desk_code(group) {
            // Codes with digits ("T/P010/R03") are unmistakable; letter-only
            // ones ("(ab/cd)") must follow a full sentence.
            let has_digit = group.bytes().any(|b| b.is_ascii_digit());
            if has_digit || tail_allowed(text, open) {
                return Some((open, DESK_CODE));
            }
        }
        if is_staff_credit(&group[1..group.len() - 1]) && tail_allowed(text, open) {
            return Some((open, STAFF_CREDIT));
        }
    }
    // Everything below looks only at the end of the unit.
    let (offset, window) = tail_window(text, 300);
    // "... said. -- Reporting by Jane Doe": try the last few dashes.
    let dashes = memchr::memrchr2_iter(b'-', 0xE2, window.as_bytes()).take(4);
    for at in dashes {
        let rest = &window.as_bytes()[at..];
        let dash_len = if rest.starts_with(b"--") {
            2
        } else if rest.starts_with("—".as_bytes()) || rest.starts_with("–".as_bytes()) {
            3
        } else {
            continue;
        };
        let Some(credit) = window.get(at + dash_len..) else {
            continue;
        };
        if is_staff_credit(credit) && tail_allowed(text, offset + at) {
            return Some((offset + at, STAFF_CREDIT));
        }
    }
    // The last word: "/ab", "ab/cd" or "REUTERS/Name" after a finished sentence.
    if let Some(space) = memchr::memrchr(b' ', window.as_bytes()) {
        let space = offset + space;
        let last = &text[space + 1..];
        let code = last.strip_prefix('/').unwrap_or(last);
        let slash_code = last.starts_with('/')
            && !code.is_empty()
            && code.split('/').all(|part| {
                (2..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())
            });
        if (slash_code || is_initials_code(last)) && tail_allowed(text, space) {
            return Some((space + 1, INITIALS_CODE));
        }
    }
    // A labelled credit ending a caption: "Protesters at the march. Image:
    // Andrew Gray." The capitalised label inside a paragraph marks it.
    let (offset, window) = tail_window(text, 82);
    // Found from the colons, which are few: cheaper than searching each label.
    for colon in memchr::memrchr_iter(b':', window.as_bytes()).take(3) {
        let before = &window[..colon];
        let label = [
            " Image",
            " Photo",
            " Picture",
            " Photograph",
            " Photo credit",
        ]
        .into_iter()
        .find(|label| before.ends_with(label));
        let (Some(label), Some(credit)) = (label, window[colon + 1..].strip_prefix(' ')) else {
            continue;
        };
        if is_names(credit.trim_end_matches('.'), 6) {
            return Some((offset + colon - label.len() + 1, CAPTION_CREDIT));
        }
    }
    // A picture credit after a caption: "... in Kabul. REUTERS/Omar Sobhani".
    if let Some(slash) = memchr::memrchr(b'/', window.as_bytes()) {
        if let Some(stop) = memchr::memmem::rfind(&window.as_bytes()[..slash], b". ") {
            let start = offset + stop + 2;
            if is_slash_credit(&text[start..], true) {
                return Some((start, SLASH_CREDIT));
            }
        }
    }
    None
}

// ---------------------------------------------------------------- footer

/// News agencies as they sign off a story, matched ignoring case.
const AGENCIES: &[&str] = &[
    "reuter",
    "reuters",
    "thomson reuters",
    "associated press",
    "the associated press",
    "agence france-presse",
    "agence france presse",
    "united press international",
    "xinhua",
    "itar-tass",
    "ria novosti",
    "interfax",
    "kyodo",
    "kyodo news",
    "yonhap",
    "bernama",
    "antara",
    "anadolu agency",
    "sputnik",
    "the canadian press",
    "canadian press",
    "agencies",
    "news agencies",
];

/// Agency acronyms, matched exactly: in other cases they are words or names
/// ("SpA", "Sana", "Ani").
const AGENCY_ACRONYMS: &[&str] = &[
    "AP", "AFP", "UPI", "DPA", "dpa", "TASS", "AA", "ANI", "PTI", "IANS", "EFE", "ANSA", "APA",
    "IRNA", "WAFA", "SANA", "SPA", "KUNA", "WAM", "QNA", "BNA", "MENA", "MINA", "PNA", "AAP",
];

/// How agency names end ("Islamic News Agency", "Saudi Press Agency").
const AGENCY_NAME_ENDINGS: &[&str] = &[
    " news agency",
    " press agency",
    " news service",
    " press service",
    " wire service",
    " telegraph agency",
];

/// End-of-story markers of wire copy.
const END_MARKERS: &[&str] = &[
    "more",
    "(more)",
    "-more-",
    "more follows",
    "-30-",
    "- 30 -",
    "###",
    "# # #",
    "ends",
    "-ends-",
    "(end)",
    "end",
];

/// Sign-offs and markers that may end a body; only tried on the last units.
pub(super) fn classify_footer(text: &str) -> Option<Hit> {
    if text.len() > 100 {
        return None;
    }
    if eq_any(text, END_MARKERS) {
        return Some(END_MARKER);
    }
    let core = signoff_core(text)?;
    (is_agency_list(core) || is_agency_name(core)).then_some(AGENCY_SIGNOFF)
}

/// A line of hard-wrapped copy that is a sign-off on its own (and so must
/// not be joined to the paragraph above): markers and agency names only,
/// since a wrapped line can end in "... Inspection Service."
pub(super) fn is_wire_signoff(text: &str) -> bool {
    text.len() <= 100
        && (eq_any(text, END_MARKERS) || signoff_core(text).is_some_and(is_agency_list))
}

/// The agency name inside its decoration: "-- Reuters", "REUTER...",
/// "(AP)"; old feeds show the carriage return as a literal "^M".
fn signoff_core(text: &str) -> Option<&str> {
    let mut core = text.trim();
    loop {
        let before = core.len();
        // Byte-wise suffix strip: a string pattern would build a searcher per call.
        while let Some(rest) = core.strip_suffix("^M") {
            core = rest;
        }
        core = core.trim_end_matches(['.', '…', ' ']);
        core = core.trim_start_matches(['-', '–', '—', ' ']);
        if core.len() == before {
            break;
        }
    }
    let core = match (core.chars().next(), core.chars().next_back()) {
        (Some('('), Some(')')) => &core[1..core.len() - 1],
        _ => core,
    };
    (!core.is_empty()).then_some(core)
}

/// An agency sign-off ending the last paragraph after a full sentence.
pub(super) fn tail_signoff(text: &str) -> Option<(usize, Hit)> {
    let space = memchr::memrchr(b' ', text.as_bytes())?;
    let core = signoff_core(&text[space + 1..])?;
    (is_agency_list(core) && tail_allowed(text, space)).then_some((space + 1, AGENCY_SIGNOFF))
}

/// "Reuters", "AFP, dpa, Reuters", "AP/Reuters".
fn is_agency_list(core: &str) -> bool {
    core.split([',', '/']).all(|name| {
        let name = name.trim();
        eq_any(name, AGENCIES) || AGENCY_ACRONYMS.contains(&name)
    })
}

/// "Mi’raj Islamic News Agency (MINA)", "Saudi Press Agency".
fn is_agency_name(core: &str) -> bool {
    let name = match core.rfind(" (") {
        Some(open) if core.ends_with(')') => {
            let acronym = &core[open + 2..core.len() - 1];
            let acronym_ok = (2..=8).contains(&acronym.len())
                && acronym
                    .chars()
                    .all(|c| c.is_uppercase() || c == '-' || c == '&');
            if !acronym_ok {
                return false;
            }
            &core[..open]
        }
        _ => core,
    };
    is_names(name, 8)
        && AGENCY_NAME_ENDINGS.iter().any(|ending| {
            name.len() > ending.len()
                && name.as_bytes()[name.len() - ending.len()..]
                    .eq_ignore_ascii_case(ending.as_bytes())
        })
}

/// Whether a repeat of this paragraph would be boilerplate rather than a
/// legitimate repeat: a full sentence of some length (or a long passage), and
/// not mostly numbers.
pub(super) fn is_duplicate_candidate(text: &str) -> bool {
    // Byte scan: units are normalised, so words are split by single spaces.
    let mut words = 1usize;
    let mut numeric = 0usize;
    let mut digit_in_word = false;
    for &byte in text.as_bytes() {
        // Branch-free: this runs over every kept paragraph.
        let space = byte == b' ';
        let digit = byte.wrapping_sub(b'0') < 10;
        words += usize::from(space);
        numeric += usize::from(space & digit_in_word);
        digit_in_word = (digit_in_word | digit) & !space;
    }
    numeric += usize::from(digit_in_word);
    let prose = (words >= 8 && ends_sentence(text)) || words >= 20;
    prose && numeric * 4 < words
}
