//! The geoparsing loaders on the real corpora: article counts, and stated
//! offsets that line up with their phrases after conversion to bytes.

use eventwire_eval::places::{load_corpora, Role};

#[test]
fn geoparsing_corpora_load_and_align() {
    let Some(data) = eventwire_eval::data_dir().filter(|d| d.join("geoparsing").is_dir()) else {
        eprintln!("skipping: no geoparsing folder in the data directory (set EVENTWIRE_DATA)");
        return;
    };
    let corpora = load_corpora(&data).expect("loading the geoparsing corpora");
    let summary: Vec<(&str, Role, usize)> = corpora
        .iter()
        .map(|c| (c.name, c.role, c.articles.len()))
        .collect();
    assert_eq!(
        summary,
        [
            ("GeoWebNews", Role::Test, 200),
            ("LGL", Role::Test, 588),
            ("TR-News", Role::Test, 118),
            ("GeoVirus", Role::Dev, 229),
        ]
    );
    for corpus in &corpora {
        let checked = corpus.offsets.exact + corpus.offsets.repaired + corpus.offsets.dropped;
        // Only a handful of records per corpus may fail to line up.
        assert!(
            corpus.offsets.dropped * 100 <= checked,
            "{}: {:?}",
            corpus.name,
            corpus.offsets
        );
        for article in &corpus.articles {
            for toponym in &article.toponyms {
                assert_eq!(
                    article.text.get(toponym.start..toponym.end),
                    Some(toponym.phrase.as_str()),
                    "{}",
                    article.id
                );
            }
        }
    }
    let with_coords: usize = corpora[0]
        .articles
        .iter()
        .flat_map(|a| &a.toponyms)
        .filter(|t| t.coords.is_some())
        .count();
    // GWN.xml gives coordinates to 2,601 records, all of the counted types.
    assert!((2_550..=2_601).contains(&with_coords), "{with_coords}");
}
