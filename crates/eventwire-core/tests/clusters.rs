//! The shipped word clusters: they load, survive a round trip, and group
//! words the way news text uses them.

use eventwire_core::clusters::{ClusterIds, Clusters, PREFIX_LENGTHS};

fn model() -> Clusters {
    Clusters::embedded().expect("the embedded clusters load")
}

fn ids(clusters: &Clusters, word: &str) -> ClusterIds {
    clusters
        .get(word)
        .unwrap_or_else(|| panic!("'{word}' has no cluster"))
}

/// The coarse class used here: the length-6 path prefix (length 4 splits the
/// tree into only 16 classes, too few to keep e.g. "said" and "Monday" apart).
fn coarse(clusters: &Clusters, word: &str) -> u32 {
    ids(clusters, word).prefixes[1]
}

#[test]
fn embedded_model_loads_with_a_real_vocabulary() {
    let clusters = model();
    assert!(
        (100..=2000).contains(&clusters.cluster_count()),
        "{} clusters",
        clusters.cluster_count()
    );
    assert!(
        clusters.word_count() > 20_000,
        "{} words",
        clusters.word_count()
    );
    for word in ["the", "said", "Monday", "government", "Russia", "percent"] {
        assert!(clusters.get(word).is_some(), "'{word}' missing");
    }
    assert_eq!(clusters.get("xqzvvwk-not-a-word"), None);
}

#[test]
fn round_trip_keeps_every_answer() {
    let clusters = model();
    let bytes = clusters.to_bytes();
    let back = Clusters::from_bytes(&bytes).expect("round trip loads");
    assert_eq!(back.word_count(), clusters.word_count());
    assert_eq!(back.cluster_count(), clusters.cluster_count());
    for word in ["the", "Monday", "China", "MONDAY", "shares", "unknownword"] {
        assert_eq!(back.get(word), clusters.get(word), "{word}");
    }
    for cluster in 0..clusters.cluster_count() as u16 {
        assert_eq!(back.path(cluster), clusters.path(cluster));
    }
}

#[test]
fn damaged_bytes_are_errors() {
    let bytes = model().to_bytes();
    assert!(Clusters::from_bytes(b"not a model").is_err());
    assert!(Clusters::from_bytes(&bytes[..bytes.len() / 2]).is_err());
}

#[test]
fn lookup_falls_back_to_lowercase() {
    let clusters = model();
    // Odd casings are not in the vocabulary, so these go through the fallback.
    assert_eq!(clusters.get("MoNdAy"), clusters.get("Monday"));
    assert_eq!(clusters.get("GoVeRnMeNt"), clusters.get("government"));
    // A capitalised sentence-initial form finds the lowercase word.
    assert_eq!(
        clusters.get("Nevertheless").is_some(),
        clusters.get("nevertheless").is_some()
    );
}

#[test]
fn prefixes_agree_with_paths() {
    let clusters = model();
    let ids = ids(&clusters, "Monday");
    let path = clusters.path(ids.cluster).expect("cluster has a path");
    for (&prefix, &len) in ids.prefixes.iter().zip(&PREFIX_LENGTHS) {
        let len = len.min(path.len());
        let bits = u32::from_str_radix(&path[..len], 2).unwrap_or(0);
        assert_eq!(prefix, (1 << len) | bits, "prefix {len} of {path}");
    }
}

#[test]
fn similar_words_share_clusters() {
    let clusters = model();
    // Days of the week and countries group together at the fine level or close to it.
    let same_coarse = [
        ("Monday", "Tuesday"),
        ("Wednesday", "Friday"),
        ("Russia", "China"),
        ("France", "Japan"),
        ("January", "March"),
        ("shares", "stocks"),
    ];
    for (a, b) in same_coarse {
        assert_eq!(
            coarse(&clusters, a),
            coarse(&clusters, b),
            "'{a}' and '{b}' should share a coarse cluster"
        );
    }
    assert_eq!(
        ids(&clusters, "Monday").prefixes[2],
        ids(&clusters, "Thursday").prefixes[2],
        "days should share the length-10 prefix"
    );
    let different_coarse = [
        ("said", "Monday"),
        ("the", "China"),
        ("percent", "said"),
        ("government", "three"),
    ];
    for (a, b) in different_coarse {
        assert_ne!(
            coarse(&clusters, a),
            coarse(&clusters, b),
            "'{a}' and '{b}' should not share a coarse cluster"
        );
    }
}
