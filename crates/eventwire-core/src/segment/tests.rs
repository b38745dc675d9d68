use super::*;

fn toks(text: &str) -> Vec<&str> {
    tokenize(text).into_iter().map(|t| t.text(text)).collect()
}

fn sents(text: &str) -> Vec<&str> {
    let (sentences, _) = segment(text);
    sentences.into_iter().map(|s| s.text(text)).collect()
}

#[test]
fn punctuation_is_split_off() {
    assert_eq!(toks("Hello, world!"), ["Hello", ",", "world", "!"]);
    assert_eq!(toks("(see below)."), ["(", "see", "below", ")", "."]);
    assert_eq!(toks("5% of $10"), ["5", "%", "of", "$", "10"]);
}

#[test]
fn clitics_split_with_straight_and_curly_apostrophes() {
    assert_eq!(toks("don't"), ["do", "n't"]);
    assert_eq!(toks("Don’t"), ["Do", "n’t"]);
    assert_eq!(toks("can't won't"), ["ca", "n't", "wo", "n't"]);
    assert_eq!(toks("Russia's"), ["Russia", "'s"]);
    assert_eq!(toks("Russia’s"), ["Russia", "’s"]);
    assert_eq!(
        toks("I'm we're they've she'll he'd"),
        ["I", "'m", "we", "'re", "they", "'ve", "she", "'ll", "he", "'d"]
    );
    assert_eq!(toks("O'Brien's"), ["O'Brien", "'s"]);
    assert_eq!(
        toks("the students' union"),
        ["the", "students", "'", "union"]
    );
    assert_eq!(toks("cannot gonna"), ["can", "not", "gon", "na"]);
    assert_eq!(toks("dont"), ["do", "nt"]);
}

#[test]
fn hyphens_follow_ewt() {
    assert_eq!(toks("a 15-year term"), ["a", "15", "-", "year", "term"]);
    assert_eq!(toks("cease-fire"), ["cease", "-", "fire"]);
    assert_eq!(
        toks("e-mail non-stop pre-war"),
        ["e-mail", "non-stop", "pre-war"]
    );
    assert_eq!(toks("1969-1970"), ["1969", "-", "1970"]);
    assert_eq!(toks("call 713-853-3989"), ["call", "713-853-3989"]);
    assert_eq!(toks("a -- b"), ["a", "--", "b"]);
}

#[test]
fn numbers_stay_whole() {
    assert_eq!(toks("1,730 civilians"), ["1,730", "civilians"]);
    assert_eq!(toks("rose 5.7."), ["rose", "5.7", "."]);
    assert_eq!(toks("at 10:30,"), ["at", "10:30", ","]);
    assert_eq!(toks("on 9/11"), ["on", "9/11"]);
    assert_eq!(toks("the '90s"), ["the", "'90s"]);
}

#[test]
fn urls_emails_handles_hashtags_stay_whole() {
    assert_eq!(
        toks("see http://example.com/a-b?x=1."),
        ["see", "http://example.com/a-b?x=1", "."]
    );
    assert_eq!(toks("(www.un.org)"), ["(", "www.un.org", ")"]);
    assert_eq!(
        toks("mail carol.st-clair@enron.com."),
        ["mail", "carol.st-clair@enron.com", "."]
    );
    assert_eq!(toks("@un_news #Syria!"), ["@un_news", "#Syria", "!"]);
}

#[test]
fn abbreviations_keep_their_period() {
    assert_eq!(toks("the U.S. said"), ["the", "U.S.", "said"]);
    assert_eq!(
        toks("Feb. 3, Gen. Lee, Mr. Kirby, Dr. No"),
        ["Feb.", "3", ",", "Gen.", "Lee", ",", "Mr.", "Kirby", ",", "Dr.", "No"]
    );
    assert_eq!(
        toks("Acme Inc., e.g. this"),
        ["Acme", "Inc.", ",", "e.g.", "this"]
    );
    assert_eq!(
        toks("No. 5 but say no."),
        ["No.", "5", "but", "say", "no", "."]
    );
    assert_eq!(toks("the end."), ["the", "end", "."]);
}

#[test]
fn initials_keep_their_period() {
    assert_eq!(toks("J. R. R. Tolkien"), ["J.", "R.", "R.", "Tolkien"]);
    assert_eq!(toks("Jennifer M. Anderson"), ["Jennifer", "M.", "Anderson"]);
}

#[test]
fn ellipses_and_dashes() {
    assert_eq!(toks("wait... what…"), ["wait", "...", "what", "…"]);
    assert_eq!(toks("Why?!"), ["Why", "?!"]);
    assert_eq!(toks("Russia – the"), ["Russia", "–", "the"]);
    assert_eq!(toks("bombings—recently"), ["bombings", "—", "recently"]);
    assert_eq!(toks("2000–2010"), ["2000", "–", "2010"]);
}

#[test]
fn curly_quotes_split() {
    assert_eq!(
        toks("“We’re here,” he said."),
        ["“", "We", "’re", "here", ",", "”", "he", "said", "."]
    );
    assert_eq!(toks("‘no’"), ["‘", "no", "’"]);
    assert_eq!(toks("\"yes\""), ["\"", "yes", "\""]);
}

#[test]
fn unicode_words_and_emoji() {
    assert_eq!(
        toks("Mi’raj café naïve Zürich"),
        ["Mi’raj", "café", "naïve", "Zürich"]
    );
    assert_eq!(toks("cafe\u{301}!"), ["cafe\u{301}", "!"]);
    assert_eq!(toks("ok 👍🏽 👨‍👩‍👧"), ["ok", "👍🏽", "👨‍👩‍👧"]);
    assert_eq!(toks("a\u{a0}b"), ["a", "b"]);
    assert_eq!(toks("nice :) :-( ok"), ["nice", ":)", ":-(", "ok"]);
}

#[test]
fn sentences_split_at_final_punctuation() {
    assert_eq!(
        sents("He left. She stayed! Why? "),
        ["He left.", "She stayed!", "Why?"]
    );
    assert_eq!(sents("  Leading space. "), ["Leading space."]);
}

#[test]
fn abbreviations_do_not_split_sentences() {
    assert_eq!(
        sents("Talks were suspended Feb. 3 until Feb. 25. Then they resumed."),
        [
            "Talks were suspended Feb. 3 until Feb. 25.",
            "Then they resumed."
        ]
    );
    assert_eq!(
        sents("Mr. Kirby and Dr. Smith met Gen. Lee."),
        ["Mr. Kirby and Dr. Smith met Gen. Lee."]
    );
    assert_eq!(
        sents("The U.S. Army said the U.S. wanted more."),
        ["The U.S. Army said the U.S. wanted more."]
    );
}

#[test]
fn abbreviation_ends_sentence_before_a_starter() {
    assert_eq!(
        sents("He moved to the U.S. The move was hard."),
        ["He moved to the U.S.", "The move was hard."]
    );
    assert_eq!(
        sents("It bought Acme Inc. It paid cash."),
        ["It bought Acme Inc.", "It paid cash."]
    );
}

#[test]
fn initials_do_not_split_sentences() {
    assert_eq!(
        sents("J. R. R. Tolkien wrote it. He was British."),
        ["J. R. R. Tolkien wrote it.", "He was British."]
    );
}

#[test]
fn numbers_do_not_split_sentences() {
    assert_eq!(
        sents("GDP rose 5.7 percent to 1,730. Prices fell."),
        ["GDP rose 5.7 percent to 1,730.", "Prices fell."]
    );
}

#[test]
fn closing_quote_belongs_to_the_sentence_it_closes() {
    assert_eq!(
        sents("“We are here.” He left."),
        ["“We are here.”", "He left."]
    );
    assert_eq!(
        sents("He said: \"Stop. Now go.\" They went."),
        ["He said: \"Stop.", "Now go.\"", "They went."]
    );
    assert_eq!(sents("“Why?” he asked."), ["“Why?” he asked."]);
    assert_eq!(
        sents("He said, “No.” “Yes,” she said."),
        ["He said, “No.”", "“Yes,” she said."]
    );
}

#[test]
fn parentheses_close_with_their_sentence() {
    assert_eq!(
        sents("He won (again.) Then he left."),
        ["He won (again.)", "Then he left."]
    );
    assert_eq!(sents("(This is it.) Next."), ["(This is it.)", "Next."]);
}

#[test]
fn paragraph_breaks_and_headlines_end_sentences() {
    assert_eq!(
        sents("Russia Wants Military Solution To Syrian Crisis: US\n\nPhoto: Anadolu Agency"),
        [
            "Russia Wants Military Solution To Syrian Crisis: US",
            "Photo: Anadolu Agency"
        ]
    );
    assert_eq!(
        sents("Syria Talks Suspended\nThe talks were suspended."),
        ["Syria Talks Suspended", "The talks were suspended."]
    );
    assert_eq!(
        sents("Items:\n- first item\n- second item"),
        ["Items:", "- first item", "- second item"]
    );
    assert_eq!(
        sents("a line that ends with the\nnext word continues"),
        ["a line that ends with the\nnext word continues"]
    );
    assert_eq!(sents("no final stop\n\nnext"), ["no final stop", "next"]);
}

#[test]
fn empty_and_blank_input() {
    assert_eq!(segment(""), (vec![], vec![]));
    assert_eq!(segment(" \n\t\u{3000} "), (vec![], vec![]));
}
