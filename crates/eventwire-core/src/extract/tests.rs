use super::*;

#[test]
fn empty_input_gives_empty_article() {
    assert_eq!(extract(""), ExtractedArticle::default());
}
