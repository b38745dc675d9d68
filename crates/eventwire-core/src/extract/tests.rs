use super::*;
use proptest::prelude::*;

const BODY: [&str; 4] = [
    "The council voted on Tuesday to close the old bridge, citing a report that found serious corrosion in its main supports.",
    "Residents said the closure, which takes effect next month, would add half an hour to their commute, and several asked for a ferry.",
    "“We have no other choice,” the mayor said, adding that repairs would cost more than a new bridge and take at least two years.",
    "Work on the replacement is due to start in the spring, once the state approves the funding, officials said on Wednesday.",
];

fn news_page() -> String {
    format!(
        r##"<!DOCTYPE html>
<html><head>
<title>Bridge to close | The Valley Times</title>
<meta property="og:title" content="Council votes to close old bridge">
<meta property="og:site_name" content="The Valley Times">
<meta property="article:published_time" content="2019-11-19T05:00:00-05:00">
<link rel="canonical" href="https://example.com/news/bridge">
<script>var html = "<p>not text</p>";</script>
<style>p {{ color: red }}</style>
</head>
<body>
<div id="cookie-banner">We use cookies to improve your experience on our site. Accept all cookies?</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>Council votes to close old bridge</h1>
<div class="byline">By Jane Doe, Staff Reporter for the Valley Times news desk</div>
<div class="article-body">
<p>{}</p>
<figure><img src="b.jpg"><figcaption>The old bridge seen from the east bank on a foggy morning in October.</figcaption></figure>
<p>{}</p>
<div class="ad-slot">Advertisement: buy the best cars in the valley today at low prices</div>
<p>{}</p>
<div class="share-tools"><a href="#">Share this on Facebook</a> <a href="#">Share this on Twitter</a></div>
<p>{}</p>
</div>
<div class="related-articles"><h3>Related</h3><ul>
<li><a href="/a">Ferry service proposed for the valley as bridge closes</a></li>
<li><a href="/b">State budget leaves little for roads and bridges this year</a></li>
</ul></div>
</article>
<section id="comments"><p>First comment: I have driven over that bridge every day for thirty years, what a shame.</p></section>
</main>
<footer><p>Copyright 2019 The Valley Times, all rights reserved, 1 Main Street, Valley Town.</p></footer>
</body></html>"##,
        BODY[0], BODY[1], BODY[2], BODY[3]
    )
}

#[test]
fn empty_input_gives_empty_article() {
    assert_eq!(extract(""), ExtractedArticle::default());
}

#[test]
fn body_paragraphs_are_kept_and_boilerplate_dropped() {
    let article = extract(&news_page());
    assert_eq!(article.text, BODY.join("\n\n"));
}

#[test]
fn dropped_blocks_are_reported_with_kind_and_rule() {
    let article = extract(&news_page());
    let rule_of = |needle: &str| {
        article
            .removed
            .iter()
            .find(|r| r.text.contains(needle))
            .map(|r| (r.kind, r.rule.as_str()))
    };
    assert_eq!(
        rule_of("buy the best cars"),
        Some((RemovalKind::Other, "class-ad"))
    );
    assert_eq!(
        rule_of("foggy morning"),
        Some((RemovalKind::Other, "caption"))
    );
    assert_eq!(
        rule_of("Ferry service proposed"),
        Some((RemovalKind::RelatedLink, "class-related"))
    );
    assert_eq!(
        rule_of("thirty years"),
        Some((RemovalKind::Other, "class-comments"))
    );
    assert!(rule_of("We use cookies").is_some());
    assert!(article.removed.iter().all(|r| r.text.chars().count() >= 40));
}

#[test]
fn metadata_from_meta_tags() {
    let article = extract(&news_page());
    assert_eq!(
        article.title.as_deref(),
        Some("Council votes to close old bridge")
    );
    assert_eq!(article.site_name.as_deref(), Some("The Valley Times"));
    assert_eq!(
        article.published.as_deref(),
        Some("2019-11-19T05:00:00-05:00")
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://example.com/news/bridge")
    );
}

#[test]
fn metadata_from_json_ld() {
    let html = r#"<html><head><title>Storm hits coast - Coast News</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "Coast News site"},
  {"@type": ["NewsArticle"], "headline": "Storm hits the coast",
   "datePublished": "2021-03-04T10:20:00Z",
   "publisher": {"@type": "Organization", "name": "Coast News"}}
]}
</script></head><body><p>Text.</p></body></html>"#;
    let article = extract(html);
    assert_eq!(article.title.as_deref(), Some("Storm hits the coast"));
    assert_eq!(article.published.as_deref(), Some("2021-03-04T10:20:00Z"));
    assert_eq!(article.site_name.as_deref(), Some("Coast News"));
}

#[test]
fn metadata_from_time_element_and_title_fallbacks() {
    let html = "<html><head><title>Fire in the old mill | Town Crier</title></head><body>\
        <p>Posted <time datetime=\"2018-07-02\">July 2</time></p>\
        <div><p>A fire broke out in the old mill on Sunday night, and firefighters fought it for hours.</p></div>\
        </body></html>";
    let article = extract(html);
    assert_eq!(article.published.as_deref(), Some("2018-07-02"));
    assert_eq!(article.title.as_deref(), Some("Fire in the old mill"));
    assert_eq!(article.site_name, None);
    // Metadata dates in other shapes become ISO.
    let html = "<meta name=\"date\" content=\"Tue, 19 Nov 2019 10:00:00 GMT\"><p>x</p>";
    assert_eq!(extract(html).published.as_deref(), Some("2019-11-19"));
}

#[test]
fn entities_are_decoded_and_quotes_kept() {
    let html =
        "<body><div class=\"story\"><p>Smith &amp; Sons&rsquo; shop &#8212; the oldest in town, \
        opened in 1901 &ndash; sold &quot;everything&quot; and ‘more’.</p></div></body>";
    let article = extract(html);
    assert_eq!(
        article.text,
        "Smith & Sons’ shop — the oldest in town, opened in 1901 – sold \"everything\" and ‘more’."
    );
}

#[test]
fn hidden_and_script_text_never_reaches_the_body() {
    let html = "<body><div class=\"content\">\
        <p>The first real paragraph of the story, long enough to count as text, with a comma.</p>\
        <p style=\"display: none\">Hidden paragraph that a reader never sees on the page at all.</p>\
        <script>document.write('<p>scripted paragraph text</p>')</script>\
        <noscript><p>Please enable JavaScript to see the comments.</p></noscript>\
        <p>The second real paragraph of the story, also long enough, and with a comma.</p>\
        </div></body>";
    let text = extract(html).text;
    assert!(
        text.contains("first real") && text.contains("second real"),
        "{text}"
    );
    assert!(!text.contains("Hidden") && !text.contains("scripted") && !text.contains("JavaScript"));
}

#[test]
fn br_separated_text_in_a_div_becomes_paragraphs() {
    let html = "<body><div id=\"nav\"><a href=\"/\">Home</a> <a href=\"/x\">World</a></div>\
        <div class=\"post\">The first paragraph is written straight into the div, with commas, and more.<br><br>\
        The second one follows after two line breaks, as on many older sites, and it goes on.</div></body>";
    let article = extract(html);
    assert_eq!(
        article.text,
        "The first paragraph is written straight into the div, with commas, and more.\n\n\
         The second one follows after two line breaks, as on many older sites, and it goes on."
    );
}

#[test]
fn broken_markup_still_gives_text() {
    // Unclosed paragraphs, a stray end tag, unquoted attributes, and a page
    // cut off in the middle of a tag.
    let html = "<html><body><div class=entry><p>First paragraph of the piece, which never closes, and goes on\
        <p>Second paragraph, also unclosed, but still part of the article, clearly.</span></b>\
        <p>Third paragraph, with a <a href='x'>link</a>, and the page is truncated here <a hr";
    let text = extract(html).text;
    assert!(text.starts_with("First paragraph"), "{text}");
    assert!(text.contains("\n\nSecond paragraph"), "{text}");
    assert!(
        text.contains("Third paragraph, with a link, and the page is truncated here"),
        "{text}"
    );
}

#[test]
fn pathological_inputs_finish() {
    let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
    assert_eq!(extract(&deep).text, "text");
    let stray = "</x>".repeat(200_000) + &"<y>".repeat(1000) + &"</z>".repeat(200_000);
    let _ = extract(&stray);
    // An open `<p>` under a table: every block start would look down the
    // whole stack for it.
    let buried = "<p><table>".to_string() + &"<div>".repeat(300_000);
    let _ = extract(&buried);
    let unterminated = format!("<p title=\"{}", "a".repeat(1_000_000));
    let _ = extract(&unterminated);
    let no_body = "just some text & more text without any markup at all, but long enough, yes";
    assert_eq!(
        extract(no_body).text,
        "just some text & more text without any markup at all, but long enough, yes"
    );
}

#[test]
fn removal_list_is_bounded() {
    let mut html = String::from("<body><div class=\"article\">");
    for _ in 0..5 {
        html.push_str(
            "<p>Article text that is long enough to be a paragraph, with commas, and so on.</p>",
        );
    }
    for i in 0..500 {
        html.push_str(&format!(
            "<div class=\"ad\">Advertisement number {i} for something you do not need at all</div>"
        ));
    }
    html.push_str("</div></body>");
    let article = extract(&html);
    assert!(!article.text.contains("Advertisement"));
    assert_eq!(article.removed.len(), MAX_REMOVED);
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(html in "\\PC{0,400}") {
        let _ = extract(&html);
    }

    #[test]
    fn never_panics_on_tag_soup(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>"), Just("</p>"), Just("<div class='ad'>"), Just("</div>"), Just("<a href=x>"),
            Just("</a>"), Just("<br>"), Just("<li>"), Just("<script>"), Just("</script>"),
            Just("<!--"), Just("-->"), Just("&amp;"), Just("&#x"), Just("é"), Just("text, words "),
            Just("<h1>"), Just("<table><td>"), Just("<"), Just("\""), Just("<meta content='2019-01-01' name=date>"),
        ], 0..60)) {
        let html: String = parts.concat();
        let article = extract(&html);
        prop_assert!(article.removed.len() <= MAX_REMOVED);
    }
}
