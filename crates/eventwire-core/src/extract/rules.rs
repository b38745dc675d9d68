//! Boilerplate rules on single elements: tag names (`nav`, `footer`, ...),
//! ARIA roles, hidden markers and the words of `class` and `id` values
//! (`related-articles`, `shareBar`, `comment-list`, ...). Also a weight
//! from article-like names (`article-body`, `story`, ...) for scoring.

use super::html::{attrs, Tag};
use crate::document::RemovalKind;

/// A boilerplate rule that fired: what kind of text it drops, and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub kind: RemovalKind,
    pub name: &'static str,
}

const fn rule(kind: RemovalKind, name: &'static str) -> Rule {
    Rule { kind, name }
}

/// Class/id words that mark boilerplate, with the rule they fire.
const WORD_RULES: &[(&str, Rule)] = &[
    ("nav", rule(RemovalKind::Navigation, "class-navigation")),
    ("navbar", rule(RemovalKind::Navigation, "class-navigation")),
    (
        "navigation",
        rule(RemovalKind::Navigation, "class-navigation"),
    ),
    ("menu", rule(RemovalKind::Navigation, "class-navigation")),
    (
        "breadcrumb",
        rule(RemovalKind::Navigation, "class-navigation"),
    ),
    (
        "breadcrumbs",
        rule(RemovalKind::Navigation, "class-navigation"),
    ),
    (
        "masthead",
        rule(RemovalKind::Navigation, "class-navigation"),
    ),
    (
        "pagination",
        rule(RemovalKind::Navigation, "class-navigation"),
    ),
    ("pager", rule(RemovalKind::Navigation, "class-navigation")),
    ("toolbar", rule(RemovalKind::Navigation, "class-navigation")),
    ("skip", rule(RemovalKind::Navigation, "class-navigation")),
    ("related", rule(RemovalKind::RelatedLink, "class-related")),
    (
        "recommended",
        rule(RemovalKind::RelatedLink, "class-related"),
    ),
    (
        "recommendations",
        rule(RemovalKind::RelatedLink, "class-related"),
    ),
    ("recirc", rule(RemovalKind::RelatedLink, "class-related")),
    (
        "recirculation",
        rule(RemovalKind::RelatedLink, "class-related"),
    ),
    ("outbrain", rule(RemovalKind::RelatedLink, "class-related")),
    ("taboola", rule(RemovalKind::RelatedLink, "class-related")),
    ("trending", rule(RemovalKind::RelatedLink, "class-related")),
    ("popular", rule(RemovalKind::RelatedLink, "class-related")),
    ("mostread", rule(RemovalKind::RelatedLink, "class-related")),
    ("readmore", rule(RemovalKind::RelatedLink, "class-related")),
    ("promo", rule(RemovalKind::RelatedLink, "class-related")),
    ("ad", rule(RemovalKind::Other, "class-ad")),
    ("ads", rule(RemovalKind::Other, "class-ad")),
    ("advert", rule(RemovalKind::Other, "class-ad")),
    ("adverts", rule(RemovalKind::Other, "class-ad")),
    ("advertisement", rule(RemovalKind::Other, "class-ad")),
    ("advertising", rule(RemovalKind::Other, "class-ad")),
    ("adslot", rule(RemovalKind::Other, "class-ad")),
    ("adunit", rule(RemovalKind::Other, "class-ad")),
    ("dfp", rule(RemovalKind::Other, "class-ad")),
    ("sponsor", rule(RemovalKind::Other, "class-ad")),
    ("sponsored", rule(RemovalKind::Other, "class-ad")),
    ("share", rule(RemovalKind::Other, "class-share")),
    ("sharing", rule(RemovalKind::Other, "class-share")),
    ("sharebar", rule(RemovalKind::Other, "class-share")),
    ("social", rule(RemovalKind::Other, "class-share")),
    ("comment", rule(RemovalKind::Other, "class-comments")),
    ("comments", rule(RemovalKind::Other, "class-comments")),
    ("disqus", rule(RemovalKind::Other, "class-comments")),
    ("cookie", rule(RemovalKind::Other, "class-cookie")),
    ("cookies", rule(RemovalKind::Other, "class-cookie")),
    ("consent", rule(RemovalKind::Other, "class-cookie")),
    ("gdpr", rule(RemovalKind::Other, "class-cookie")),
    ("newsletter", rule(RemovalKind::Other, "class-newsletter")),
    ("subscribe", rule(RemovalKind::Other, "class-newsletter")),
    ("subscription", rule(RemovalKind::Other, "class-newsletter")),
    ("signup", rule(RemovalKind::Other, "class-newsletter")),
    ("footer", rule(RemovalKind::Other, "class-footer")),
    ("sidebar", rule(RemovalKind::Other, "class-sidebar")),
    ("byline", rule(RemovalKind::Other, "class-byline")),
    ("author", rule(RemovalKind::Other, "class-byline")),
    ("bio", rule(RemovalKind::Other, "class-byline")),
    ("caption", rule(RemovalKind::Other, "class-caption")),
    ("credit", rule(RemovalKind::Other, "class-caption")),
    ("tags", rule(RemovalKind::Other, "class-tags")),
    ("modal", rule(RemovalKind::Other, "class-popup")),
    ("popup", rule(RemovalKind::Other, "class-popup")),
    ("overlay", rule(RemovalKind::Other, "class-popup")),
];

/// Whole class tokens that hide an element from readers.
const HIDDEN_CLASSES: &[&str] = &[
    "hidden",
    "hide",
    "is-hidden",
    "sr-only",
    "visually-hidden",
    "visuallyhidden",
    "screen-reader-text",
    "screen-reader-only",
    "d-none",
];

/// Class/id words that mark the article container.
const POSITIVE_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
];

/// Class/id words that lower a container's chance without dropping it.
const NEGATIVE_WORDS: &[&str] = &[
    "comment", "comments", "footer", "sidebar", "related", "widget", "promo", "share", "social",
    "ad", "ads", "meta", "nav", "menu", "header", "banner", "aside", "rail",
];

fn tag_rule(tag: Tag) -> Option<Rule> {
    Some(match tag {
        Tag::Nav => rule(RemovalKind::Navigation, "nav-element"),
        Tag::Menu => rule(RemovalKind::Navigation, "menu-element"),
        Tag::Footer => rule(RemovalKind::Other, "footer-element"),
        Tag::Aside => rule(RemovalKind::Other, "aside-element"),
        Tag::Header => rule(RemovalKind::Other, "header-element"),
        Tag::Form => rule(RemovalKind::Other, "form-element"),
        Tag::Figcaption => rule(RemovalKind::Other, "caption"),
        Tag::Figure => rule(RemovalKind::Other, "figure"),
        Tag::Dialog => rule(RemovalKind::Other, "dialog"),
        Tag::Label => rule(RemovalKind::Other, "form-element"),
        _ => return None,
    })
}

fn role_rule(role: &str) -> Option<Rule> {
    let role = role.trim();
    let is = |name: &str| role.eq_ignore_ascii_case(name);
    if is("navigation") || is("menu") || is("menubar") {
        Some(rule(RemovalKind::Navigation, "role-navigation"))
    } else if is("complementary") || is("contentinfo") || is("banner") || is("dialog") {
        Some(rule(RemovalKind::Other, "role-complementary"))
    } else {
        None
    }
}

/// Split a class or id value into lowercase words at punctuation, digits
/// and camelCase humps, calling `on_word` for each.
fn for_each_word(value: &str, mut on_word: impl FnMut(&str)) {
    let mut word = String::new();
    let mut previous_lower = false;
    for c in value.chars() {
        if c.is_ascii_alphabetic() {
            if c.is_ascii_uppercase() && previous_lower && !word.is_empty() {
                on_word(&word);
                word.clear();
            }
            previous_lower = c.is_ascii_lowercase();
            word.push(c.to_ascii_lowercase());
        } else {
            if !word.is_empty() {
                on_word(&word);
                word.clear();
            }
            previous_lower = false;
        }
    }
    if !word.is_empty() {
        on_word(&word);
    }
}

/// The boilerplate rule and the container weight of one element.
pub fn classify(tag: Tag, raw_attrs: &str) -> (Option<Rule>, i32) {
    let mut found = tag_rule(tag);
    let mut weight = 0;
    let never_dropped = matches!(tag, Tag::Html | Tag::Body | Tag::Main);
    for (name, value) in attrs(raw_attrs) {
        if value.is_empty() && !name.eq_ignore_ascii_case("hidden") {
            continue;
        }
        if name.eq_ignore_ascii_case("class") || name.eq_ignore_ascii_case("id") {
            if value.len() > 400 {
                continue;
            }
            if name.eq_ignore_ascii_case("class")
                && value
                    .split_ascii_whitespace()
                    .any(|token| HIDDEN_CLASSES.iter().any(|h| token.eq_ignore_ascii_case(h)))
            {
                found = found.or(Some(rule(RemovalKind::Other, "hidden")));
            }
            for_each_word(value, |word| {
                if POSITIVE_WORDS.contains(&word) {
                    weight += 25;
                }
                if NEGATIVE_WORDS.contains(&word) {
                    weight -= 25;
                }
                if found.is_none() {
                    if let Some((_, r)) = WORD_RULES.iter().find(|(w, _)| *w == word) {
                        found = Some(*r);
                    }
                }
            });
        } else if name.eq_ignore_ascii_case("role") {
            if value.trim().eq_ignore_ascii_case("main") {
                weight += 25;
            }
            found = found.or(role_rule(value));
        } else if name.eq_ignore_ascii_case("itemprop") {
            if value.contains("articleBody") || value.contains("reviewBody") {
                weight += 50;
            }
        } else if name.eq_ignore_ascii_case("hidden")
            || (name.eq_ignore_ascii_case("aria-hidden") && value.eq_ignore_ascii_case("true"))
        {
            found = found.or(Some(rule(RemovalKind::Other, "hidden")));
        } else if name.eq_ignore_ascii_case("style") {
            let compact: String = value
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(200)
                .collect::<String>()
                .to_ascii_lowercase();
            if compact.contains("display:none") || compact.contains("visibility:hidden") {
                found = found.or(Some(rule(RemovalKind::Other, "hidden")));
            }
        }
    }
    if never_dropped {
        found = None;
    }
    (found, weight.clamp(-50, 75))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(value, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn class_values_split_into_words() {
        assert_eq!(
            words("relatedArticles share-bar_2"),
            ["related", "articles", "share", "bar"]
        );
    }

    #[test]
    fn classify_by_tag_class_role_and_hidden() {
        assert_eq!(
            classify(Tag::Nav, "").0.map(|r| r.name),
            Some("nav-element")
        );
        assert_eq!(
            classify(Tag::Div, " class=\"related-stories\"")
                .0
                .map(|r| r.kind),
            Some(RemovalKind::RelatedLink)
        );
        assert_eq!(classify(Tag::Div, " class=\"shadow-box\"").0, None);
        assert_eq!(
            classify(Tag::Div, " role=navigation").0.map(|r| r.kind),
            Some(RemovalKind::Navigation)
        );
        assert_eq!(
            classify(Tag::Div, " style=\"display: none\"")
                .0
                .map(|r| r.name),
            Some("hidden")
        );
        assert!(classify(Tag::Div, " class=\"article-body\"").1 > 0);
        assert_eq!(classify(Tag::Body, " class=\"has-comments\"").0, None);
    }
}
