//! A forgiving, allocation-light HTML tokenizer: start tags (with their raw
//! attribute text), end tags and text runs, in one linear pass. Comments,
//! doctypes and processing instructions are skipped; the content of raw-text
//! elements (`script`, `style`, `title`, ...) comes back as one text token.
//! Never fails: whatever cannot be read as markup is text.

use memchr::{memchr, memmem};

/// Tags the extractor cares about; every other name is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    A,
    Address,
    Article,
    Aside,
    B,
    Blockquote,
    Body,
    Br,
    Button,
    Center,
    Dd,
    Details,
    Dialog,
    Div,
    Dl,
    Dt,
    Em,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hgroup,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Label,
    Li,
    Link,
    Main,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Option,
    P,
    Picture,
    Pre,
    Script,
    Section,
    Select,
    Source,
    Span,
    Strong,
    Style,
    Summary,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    Ul,
    Video,
    Audio,
    Canvas,
    Map,
    Math,
    Other,
}

impl Tag {
    /// Recognise a tag name, ignoring ASCII case.
    pub fn from_name(name: &str) -> Tag {
        let bytes = name.as_bytes();
        if bytes.len() > 10 {
            return Tag::Other;
        }
        let mut lower = [0u8; 10];
        for (slot, byte) in lower.iter_mut().zip(bytes) {
            *slot = byte.to_ascii_lowercase();
        }
        match &lower[..bytes.len()] {
            b"a" => Tag::A,
            b"address" => Tag::Address,
            b"article" => Tag::Article,
            b"aside" => Tag::Aside,
            b"audio" => Tag::Audio,
            b"b" => Tag::B,
            b"blockquote" => Tag::Blockquote,
            b"body" => Tag::Body,
            b"br" => Tag::Br,
            b"button" => Tag::Button,
            b"canvas" => Tag::Canvas,
            b"center" => Tag::Center,
            b"dd" => Tag::Dd,
            b"details" => Tag::Details,
            b"dialog" => Tag::Dialog,
            b"div" => Tag::Div,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"em" => Tag::Em,
            b"fieldset" => Tag::Fieldset,
            b"figcaption" => Tag::Figcaption,
            b"figure" => Tag::Figure,
            b"footer" => Tag::Footer,
            b"form" => Tag::Form,
            b"h1" => Tag::H1,
            b"h2" => Tag::H2,
            b"h3" => Tag::H3,
            b"h4" => Tag::H4,
            b"h5" => Tag::H5,
            b"h6" => Tag::H6,
            b"head" => Tag::Head,
            b"header" => Tag::Header,
            b"hgroup" => Tag::Hgroup,
            b"hr" => Tag::Hr,
            b"html" => Tag::Html,
            b"i" => Tag::I,
            b"iframe" => Tag::Iframe,
            b"img" => Tag::Img,
            b"input" => Tag::Input,
            b"label" => Tag::Label,
            b"li" => Tag::Li,
            b"link" => Tag::Link,
            b"main" => Tag::Main,
            b"map" => Tag::Map,
            b"math" => Tag::Math,
            b"menu" => Tag::Menu,
            b"meta" => Tag::Meta,
            b"nav" => Tag::Nav,
            b"noscript" => Tag::Noscript,
            b"object" => Tag::Object,
            b"ol" => Tag::Ol,
            b"option" => Tag::Option,
            b"p" => Tag::P,
            b"picture" => Tag::Picture,
            b"pre" => Tag::Pre,
            b"script" => Tag::Script,
            b"section" => Tag::Section,
            b"select" => Tag::Select,
            b"source" => Tag::Source,
            b"span" => Tag::Span,
            b"strong" => Tag::Strong,
            b"style" => Tag::Style,
            b"summary" => Tag::Summary,
            b"svg" => Tag::Svg,
            b"table" => Tag::Table,
            b"tbody" => Tag::Tbody,
            b"td" => Tag::Td,
            b"template" => Tag::Template,
            b"textarea" => Tag::Textarea,
            b"tfoot" => Tag::Tfoot,
            b"th" => Tag::Th,
            b"thead" => Tag::Thead,
            b"time" => Tag::Time,
            b"title" => Tag::Title,
            b"tr" => Tag::Tr,
            b"ul" => Tag::Ul,
            b"video" => Tag::Video,
            _ => Tag::Other,
        }
    }

    /// Elements that never have content or an end tag.
    pub fn is_void(self) -> bool {
        matches!(
            self,
            Tag::Br | Tag::Hr | Tag::Img | Tag::Input | Tag::Link | Tag::Meta | Tag::Source
        )
    }

    /// Elements whose content is not markup: read up to the matching end tag.
    pub fn is_raw_text(self) -> bool {
        matches!(
            self,
            Tag::Script | Tag::Style | Tag::Title | Tag::Textarea | Tag::Noscript | Tag::Template
        )
    }

    /// Elements that start a new block of text (a line break in rendering).
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::Address
                | Tag::Article
                | Tag::Aside
                | Tag::Blockquote
                | Tag::Body
                | Tag::Center
                | Tag::Dd
                | Tag::Details
                | Tag::Dialog
                | Tag::Div
                | Tag::Dl
                | Tag::Dt
                | Tag::Fieldset
                | Tag::Figcaption
                | Tag::Figure
                | Tag::Footer
                | Tag::Form
                | Tag::H1
                | Tag::H2
                | Tag::H3
                | Tag::H4
                | Tag::H5
                | Tag::H6
                | Tag::Header
                | Tag::Hgroup
                | Tag::Hr
                | Tag::Html
                | Tag::Li
                | Tag::Main
                | Tag::Menu
                | Tag::Nav
                | Tag::Ol
                | Tag::Option
                | Tag::P
                | Tag::Pre
                | Tag::Section
                | Tag::Select
                | Tag::Summary
                | Tag::Table
                | Tag::Tbody
                | Tag::Td
                | Tag::Tfoot
                | Tag::Th
                | Tag::Thead
                | Tag::Tr
                | Tag::Ul
                | Tag::Br
                | Tag::Iframe
                | Tag::Video
                | Tag::Audio
        )
    }
}

/// One piece of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// `name` is as written; `attrs` is the raw text between the name and `>`.
    Start {
        tag: Tag,
        name: &'a str,
        attrs: &'a str,
        self_closing: bool,
    },
    End {
        tag: Tag,
        name: &'a str,
    },
    /// Undecoded text (entities still in it).
    Text(&'a str),
}

/// Iterator over the tokens of an HTML string.
pub struct Tokenizer<'a> {
    html: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the next token is its whole content.
    raw_text_of: Option<&'a str>,
}

impl<'a> Tokenizer<'a> {
    pub fn new(html: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            html,
            pos: 0,
            raw_text_of: None,
        }
    }

    /// Content of a raw-text element up to `</name` (or the end of input).
    fn raw_text(&mut self, name: &str) -> &'a str {
        let bytes = self.html.as_bytes();
        let start = self.pos;
        let finder = memmem::Finder::new(b"</");
        let mut from = start;
        while let Some(found) = finder.find(&bytes[from..]) {
            let at = from + found;
            let name_end = at + 2 + name.len();
            if name_end <= bytes.len()
                && bytes[at + 2..name_end].eq_ignore_ascii_case(name.as_bytes())
                && matches!(
                    bytes.get(name_end),
                    None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/')
                )
            {
                self.pos = at;
                return self.html.get(start..at).unwrap_or("");
            }
            from = at + 2;
        }
        self.pos = bytes.len();
        self.html.get(start..).unwrap_or("")
    }

    /// Read a tag starting at `self.pos` (which holds `<`); `None` if this
    /// `<` does not open markup, in which case it is text.
    fn tag(&mut self) -> Option<Token<'a>> {
        let bytes = self.html.as_bytes();
        let lt = self.pos;
        let next = *bytes.get(lt + 1)?;
        if next == b'!' || next == b'?' {
            if bytes[lt..].starts_with(b"<!--") {
                self.pos = memmem::find(&bytes[lt + 4..], b"-->")
                    .map_or(bytes.len(), |at| lt + 4 + at + 3);
            } else {
                self.pos = memchr(b'>', &bytes[lt..]).map_or(bytes.len(), |at| lt + at + 1);
            }
            return Some(Token::Text(""));
        }
        let closing = next == b'/';
        let name_start = if closing { lt + 2 } else { lt + 1 };
        if !bytes.get(name_start)?.is_ascii_alphabetic() {
            return None;
        }
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(bytes.len(), |at| name_start + at);
        let name = self.html.get(name_start..name_end)?;
        let tag = Tag::from_name(name);
        // Attributes end at the first `>` outside quotes.
        let mut at = name_end;
        let mut quote: Option<u8> = None;
        while at < bytes.len() {
            let byte = bytes[at];
            match quote {
                Some(q) if byte == q => quote = None,
                Some(_) => {}
                None if byte == b'>' => break,
                None if (byte == b'"' || byte == b'\'')
                    && at > name_end
                    && bytes[at - 1] == b'=' =>
                {
                    quote = Some(byte)
                }
                None => {}
            }
            at += 1;
        }
        let attrs_end = at.min(bytes.len());
        self.pos = (at + 1).min(bytes.len());
        if closing {
            return Some(Token::End { tag, name });
        }
        let mut attrs = self.html.get(name_end..attrs_end).unwrap_or("");
        let self_closing = attrs.ends_with('/');
        if self_closing {
            attrs = &attrs[..attrs.len() - 1];
        }
        if tag.is_raw_text() && !self_closing {
            self.raw_text_of = Some(name);
        }
        Some(Token::Start {
            tag,
            name,
            attrs,
            self_closing,
        })
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_text_of.take() {
            return Some(Token::Text(self.raw_text(name)));
        }
        let bytes = self.html.as_bytes();
        if self.pos >= bytes.len() {
            return None;
        }
        if bytes[self.pos] == b'<' {
            if let Some(token) = self.tag() {
                return Some(token);
            }
            // A lone `<`: text up to the next `<` after it.
            let start = self.pos;
            self.pos = memchr(b'<', &bytes[start + 1..]).map_or(bytes.len(), |at| start + 1 + at);
            return Some(Token::Text(self.html.get(start..self.pos).unwrap_or("")));
        }
        let start = self.pos;
        self.pos = memchr(b'<', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        Some(Token::Text(self.html.get(start..self.pos).unwrap_or("")))
    }
}

/// Iterator over `(name, raw value)` pairs of a raw attribute string.
/// Names keep their case; values keep their entities.
pub struct Attrs<'a> {
    text: &'a str,
    pos: usize,
}

pub fn attrs(text: &str) -> Attrs<'_> {
    Attrs { text, pos: 0 }
}

impl<'a> Iterator for Attrs<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<(&'a str, &'a str)> {
        let bytes = self.text.as_bytes();
        let is_space = |b: u8| b.is_ascii_whitespace() || b == b'/';
        while self.pos < bytes.len() && is_space(bytes[self.pos]) {
            self.pos += 1;
        }
        if self.pos >= bytes.len() {
            return None;
        }
        let name_start = self.pos;
        while self.pos < bytes.len() && !is_space(bytes[self.pos]) && bytes[self.pos] != b'=' {
            self.pos += 1;
        }
        let name = self.text.get(name_start..self.pos).unwrap_or("");
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        if bytes.get(self.pos) != Some(&b'=') {
            return Some((name, ""));
        }
        self.pos += 1;
        while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        let value = match bytes.get(self.pos) {
            Some(&quote) if quote == b'"' || quote == b'\'' => {
                let value_start = self.pos + 1;
                let value_end = memchr(quote, bytes.get(value_start..).unwrap_or(&[]))
                    .map_or(bytes.len(), |at| value_start + at);
                self.pos = (value_end + 1).min(bytes.len());
                self.text.get(value_start..value_end).unwrap_or("")
            }
            _ => {
                let value_start = self.pos;
                while self.pos < bytes.len() && !bytes[self.pos].is_ascii_whitespace() {
                    self.pos += 1;
                }
                self.text.get(value_start..self.pos).unwrap_or("")
            }
        };
        Some((name, value))
    }
}

/// The raw value of attribute `wanted` (ASCII case ignored), if present.
pub fn attr<'a>(attrs_text: &'a str, wanted: &str) -> Option<&'a str> {
    attrs(attrs_text)
        .find(|(name, _)| name.eq_ignore_ascii_case(wanted))
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_of_simple_markup() {
        let tokens: Vec<Token> = Tokenizer::new("<p class='x'>a &amp; b</P><br/>").collect();
        assert_eq!(
            tokens,
            vec![
                Token::Start {
                    tag: Tag::P,
                    name: "p",
                    attrs: " class='x'",
                    self_closing: false
                },
                Token::Text("a &amp; b"),
                Token::End {
                    tag: Tag::P,
                    name: "P"
                },
                Token::Start {
                    tag: Tag::Br,
                    name: "br",
                    attrs: "",
                    self_closing: true
                },
            ]
        );
    }

    #[test]
    fn script_content_is_one_text_token() {
        let tokens: Vec<Token> = Tokenizer::new("<script>if (a<b) {x='</p>'}</script >z").collect();
        assert_eq!(tokens[1], Token::Text("if (a<b) {x='</p>'}"));
        assert_eq!(tokens.last(), Some(&Token::Text("z")));
    }

    #[test]
    fn quoted_gt_stays_in_attribute_and_comments_are_skipped() {
        let tokens: Vec<Token> = Tokenizer::new("<a title=\"1 > 0\">x</a><!-- <p>no</p> -->y")
            .filter(|t| *t != Token::Text(""))
            .collect();
        assert_eq!(tokens.len(), 4);
        assert_eq!(tokens[3], Token::Text("y"));
        let Token::Start { attrs: raw, .. } = tokens[0] else {
            panic!("expected a start tag");
        };
        assert_eq!(attr(raw, "TITLE"), Some("1 > 0"));
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for html in [
            "<",
            "<a",
            "<a href='x",
            "</",
            "<!--",
            "<script>x",
            "a<b",
            "<é>",
            "<p é=\"",
        ] {
            let _ = Tokenizer::new(html).count();
        }
    }
}
