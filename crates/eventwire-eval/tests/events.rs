//! Readers and scorers of the events evaluation.

use eventwire_eval::events::gold_parse::{gold_tokens, ud2_relation};
use eventwire_eval::events::records::{
    attribute, read_conllu, read_plover_records, read_sentence_file, strip_comments,
};
use eventwire_eval::events::score::{
    cameo_root, country_key, plover_2021, plover_pairs, score_sentence, Keyed,
};

/// A made-up validation file in the PETRARCH unit-test layout: comments,
/// a record with two codings, a no-event record, an error record, a
/// record of a category the `<Include>` line leaves out, and a `<Config>`.
const UNIT_FILE: &str = r#"<Validation>
<!-- header comment with <EventCoding sourcecode="XXX" targetcode="YYY" eventcode="999"> -->
<Environment>
    <Include>valid DEMO VERB ERROR</Include>
</Environment>
<Sentences>
<Sentence date="19991231" id="DEMO-07" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="NOR" targetcode="SWEGOV" eventcode="042"></EventCoding>
<EventCoding sourcecode='"FROST GIANTS"' targetcode="---" eventcode="0231"></EventCoding>
<Text>
Norway's envoy flew to Stockholm &amp; met
officials there.
</Text>
<Parse> (ROOT (S (NP (NNP Norway)) (VP (VBD flew)))) </Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20010102" id ="VERB-03"  category="VERB" sentence="true">
<EventCoding noevents = "True"> </EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="20010103" id="ERROR-09" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>A typhoon hit.</Text>
</Sentence>
<Sentence date="20010104" id="AGENTS-01" category="AGENTS" sentence="true">
<EventCoding sourcecode="NOR" targetcode="SWE" eventcode="010"></EventCoding>
<Text>Norway spoke.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

#[test]
fn unit_test_records_are_read_with_codings_flags_and_text() {
    let file = read_sentence_file(UNIT_FILE);
    assert_eq!(file.included, ["VALID", "DEMO", "VERB", "ERROR"]);
    assert_eq!(file.records.len(), 4);
    let demo = &file.records[0];
    assert_eq!(demo.id, "DEMO-07");
    assert_eq!(demo.date.as_deref(), Some("1999-12-31"));
    assert_eq!(demo.category, "DEMO");
    assert!(demo.evaluate && !demo.no_events && demo.error.is_none());
    assert_eq!(demo.codings.len(), 2);
    assert_eq!(
        (
            demo.codings[0].source.as_str(),
            demo.codings[0].target.as_str(),
            demo.codings[0].event.as_str()
        ),
        ("NOR", "SWEGOV", "042")
    );
    assert_eq!(demo.codings[1].source, "\"FROST GIANTS\"");
    assert_eq!(demo.codings[1].target, "---");
    assert_eq!(
        demo.text,
        "Norway's envoy flew to Stockholm & met officials there."
    );
    assert!(demo.conllu.is_none(), "a Penn parse is not CoNLL-U");
    assert!(demo.config.is_empty());

    let verb = &file.records[1];
    assert_eq!(verb.id, "VERB-03");
    assert_eq!(verb.date.as_deref(), Some("2001-01-02"));
    assert!(verb.no_events && verb.codings.is_empty());
    assert_eq!(
        verb.config,
        [("require_dyad".to_string(), "false".to_string())]
    );
    assert_eq!(file.records[2].error.as_deref(), Some("storydiscard"));
    assert!(file.runs(&file.records[0]));
    assert!(!file.runs(&file.records[3]), "AGENTS is not included");
}

/// The UD-PETRARCH GSR layout: bare `#` header lines, a self-closing
/// `<Sentence …/>` opener, CoNLL-U parse, `evaluate` flag.
const GSR_FILE: &str = "<?xml version='1.0' encoding='utf-8'?>
<Validation>
#  header text, not a comment: <EventCoding...>
<Environment>
    <Include>valid NEWS </Include>
</Environment>
<Sentences>
<Sentence category=\"NEWS\" date=\"20150310\" id=\"N-1\" evaluate=\"true\"/>
<EventCoding eventcode=\"0431\" sourcecode=\"FRAGOV\" targetcode=\"IGOUNO\" />
<Text>
France visited the UN.
</Text>
<Parse>
1\tFrance\tFrance\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tvisited\tvisit\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tUN\tUN\tPROPN\tNNP\t_\t2\tdobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
</Parse>
</Sentence>
<Sentence category=\"NEWS\" date=\"20150311\" id=\"N-2\" evaluate=\"false\"/>
<EventCoding noevents=\"true\" />
<Text>Skipped.</Text>
</Sentence>
</Sentences></Validation>";

#[test]
fn gsr_records_with_self_closing_openers_and_conllu() {
    let file = read_sentence_file(GSR_FILE);
    assert_eq!(file.records.len(), 2);
    let first = &file.records[0];
    assert_eq!(first.id, "N-1");
    assert_eq!(first.codings.len(), 1);
    assert_eq!(first.codings[0].source, "FRAGOV");
    assert_eq!(first.codings[0].target, "IGOUNO");
    assert_eq!(first.codings[0].event, "0431");
    assert_eq!(first.text, "France visited the UN.");
    let words = read_conllu(first.conllu.as_deref().unwrap_or(""));
    assert_eq!(words.len(), 5);
    assert_eq!(words[3].form, "UN");
    assert_eq!(words[3].head, 2);
    assert_eq!(words[3].deprel, "dobj");
    assert_eq!(
        eventwire_eval::events::records::text_of_conllu(first.conllu.as_deref().unwrap_or("")),
        "France visited the UN."
    );
    assert!(file.runs(first));
    assert!(!file.records[1].evaluate);
    assert!(!file.runs(&file.records[1]));
    assert!(file.records[1].no_events);
}

#[test]
fn attributes_with_either_quote_and_spaces_and_whole_names() {
    let tag = r#" eventcode="042" sourcecode = 'A&amp;B' code="X""#;
    assert_eq!(attribute(tag, "sourcecode").as_deref(), Some("A&B"));
    assert_eq!(attribute(tag, "code").as_deref(), Some("X"));
    assert_eq!(attribute(tag, "eventcode").as_deref(), Some("042"));
    assert_eq!(attribute(tag, "targetcode"), None);
    assert_eq!(strip_comments("a<!-- b -->c<!-- d"), "ac");
}

const PLOVER_FILE: &str = r#"[
 {"id": "DOC-1", "event": "DOCUMENT", "comment": "file documentation"},
 {"id": "R-1", "date": "2000-01-01", "event": "DEMAND",
  "source": [{"actorText": "Chilean unions", "code": "CHL", "sector": "LAB"}],
  "target": [{"actorText": "the government", "code": "chl", "sector": "GOV"}],
  "text": "Chilean unions demanded higher wages from the government.",
  "textInfo": {"markup": "(SRC: Chilean unions) (EVT: demanded) higher (EVT: wages from) the (TAR: government)."}},
 {"id": "R-2", "date": "2000-01-01", "event": "AGREE",
  "source": [{"actorText": "Peru", "code": "PER"}, {"actorText": "Ecuador", "code": "ECU"}],
  "target": "",
  "text": "Peru and Ecuador agreed to reopen the border."},
 {"id": "R-3", "date": "2000-01-01", "event": "ASSAULT", "source": null,
  "target": [{"actorText": "villagers", "code": "NPL", "sector": "CVL"}],
  "text": "Gunmen killed five villagers."}
]"#;

#[test]
fn plover_records_skip_documentation_and_read_actor_lists() {
    let records = read_plover_records(PLOVER_FILE).expect("valid JSON");
    assert_eq!(records.len(), 3);
    assert_eq!(records[0].event, "DEMAND");
    assert_eq!(records[0].targets[0].code, "CHL", "codes are upper-cased");
    assert_eq!(records[0].sources[0].sector.as_deref(), Some("LAB"));
    assert_eq!(records[0].event_words, ["demanded", "wages from"]);
    assert!(
        records[1].event_words.is_empty(),
        "no markup, no event words"
    );
    assert_eq!(records[1].sources.len(), 2);
    assert!(records[1].targets.is_empty(), "a string target is no actor");
    assert!(records[2].sources.is_empty(), "a null source is no actor");
    assert!(read_plover_records("{\"not\": \"a list\"}").is_err());
}

#[test]
fn renamed_plover_types_map_to_2021_names() {
    assert_eq!(plover_2021("DEMAND"), "REQUEST");
    assert_eq!(plover_2021("DISAPPROVE"), "ACCUSE");
    assert_eq!(plover_2021("INVESTIGATE"), "ACCUSE");
    assert_eq!(plover_2021("FIGHT"), "ASSAULT");
    assert_eq!(plover_2021("AGREE"), "AGREE");
}

#[test]
fn country_keys_keep_organisations_and_mark_unknown_countries() {
    assert_eq!(country_key(Some("USAGOV")), "USA");
    assert_eq!(country_key(Some("IGOUNOMIL")), "IGOUNO");
    assert_eq!(country_key(Some("IGOEUREEC")), "IGOEUR");
    assert_eq!(country_key(Some("IGO")), "IGO");
    assert_eq!(country_key(Some("---GOV")), "---");
    assert_eq!(country_key(Some("\"NEW ACTOR\"")), "\"NE");
    assert_eq!(country_key(None), "---");
    assert_eq!(country_key(Some("")), "---");
    assert_eq!(country_key(Some("é")), "---");
    assert_eq!(cameo_root("0431"), "04");
}

#[test]
fn multi_actor_gold_gives_one_pair_per_source_and_target() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        plover_pairs(&s(&["USA"]), &s(&["IRN", "LBY"])),
        [("USA".into(), "IRN".into()), ("USA".into(), "LBY".into())]
    );
    // No target and two sources: each acts on the other.
    assert_eq!(
        plover_pairs(&s(&["PER", "ECU"]), &[]),
        [("PER".into(), "ECU".into()), ("ECU".into(), "PER".into())]
    );
    assert_eq!(
        plover_pairs(&[], &s(&["NPL"])),
        [("---".into(), "NPL".into())]
    );
    assert_eq!(
        plover_pairs(&s(&["CHL"]), &[]),
        [("CHL".into(), "---".into())]
    );
}

fn keyed(key: &str, fine: &str) -> Keyed {
    Keyed {
        key: key.into(),
        fine: fine.into(),
    }
}

#[test]
fn sentence_matching_is_one_to_one_and_prefers_the_same_code() {
    let gold = [keyed("USA|RUS|04", "042"), keyed("USA|RUS|04", "043")];
    let ours = [
        keyed("USA|RUS|04", "043"),
        keyed("USA|RUS|04", "040"),
        keyed("USA|RUS|04", "041"),
        keyed("RUS|USA|04", "042"),
    ];
    let s = score_sentence(&gold, &ours);
    assert_eq!((s.prf.tp, s.prf.fp, s.prf.fn_), (2, 2, 0));
    assert_eq!(s.fine_equal, 1, "the 043 pair is matched on its full code");
    assert_eq!(s.gold_matched, [true, true]);
    assert_eq!(s.produced_matched, [true, true, false, false]);
    let none = score_sentence(&gold, &[]);
    assert_eq!((none.prf.tp, none.prf.fp, none.prf.fn_), (0, 0, 2));
}

#[test]
fn gold_tokens_replace_the_tree_only_when_the_words_align() {
    use eventwire_core::document::{Span, Token};
    let text = "France visited the UN.";
    let spans = [(0, 6), (7, 14), (15, 18), (19, 21), (21, 22)];
    let tokens: Vec<Token> = spans
        .iter()
        .map(|&(a, b)| Token::bare(Span::new(a, b)))
        .collect();
    let file = read_sentence_file(GSR_FILE);
    let words = read_conllu(file.records[0].conllu.as_deref().unwrap_or(""));
    let gold = gold_tokens(text, &tokens, &words).expect("aligned");
    assert_eq!(gold[1].head, Some(1), "the root points at itself");
    assert_eq!(gold[3].head, Some(1));
    assert_eq!(gold[3].dep.as_deref(), Some("obj"), "UD v1 dobj → obj");
    assert_eq!(gold[1].lemma.as_deref(), Some("visit"));
    assert!(gold_tokens(text, &tokens[..4], &words).is_none());
    assert_eq!(ud2_relation("nmod", "VERB"), "obl");
    assert_eq!(ud2_relation("nmod:tmod", "VERB"), "obl:tmod");
    assert_eq!(ud2_relation("nmod", "NOUN"), "nmod");
    assert_eq!(ud2_relation("nmod:poss", "VERB"), "nmod:poss");
}

/// The real files, when the data folder is there: the counts the docs quote.
#[test]
fn real_gold_files_have_the_documented_counts() {
    let Some(data) = eventwire_eval::data_dir() else {
        eprintln!("skipping: no data folder (set EVENTWIRE_DATA)");
        return;
    };
    let unit = data.join("petrarch2/validation/PETR.UnitTest.records.xml");
    let gsr = data.join("ud-petrarch-validation/PETR2_GSR_validation.xml");
    let plover = data.join("plover/PLOVER_GSR_CAMEO.json");
    if !(unit.is_file() && gsr.is_file() && plover.is_file()) {
        eprintln!(
            "skipping: event gold sets not found under {}",
            data.display()
        );
        return;
    }
    let read = |p: &std::path::Path| {
        String::from_utf8_lossy(&std::fs::read(p).expect("readable")).into_owned()
    };
    let unit = read_sentence_file(&read(&unit));
    assert_eq!(unit.records.len(), 284);
    let codings: usize = unit.records.iter().map(|r| r.codings.len()).sum();
    assert_eq!(codings, 359);
    assert_eq!(unit.records.iter().filter(|r| r.no_events).count(), 19);
    assert_eq!(unit.records.iter().filter(|r| r.error.is_some()).count(), 7);
    assert!(unit.records.iter().all(|r| !r.text.is_empty()));
    let gsr = read_sentence_file(&read(&gsr));
    assert_eq!(gsr.records.len(), 78);
    assert_eq!(
        gsr.records.iter().map(|r| r.codings.len()).sum::<usize>(),
        80
    );
    assert_eq!(gsr.records.iter().filter(|r| r.no_events).count(), 12);
    assert!(gsr.records.iter().all(|r| r.conllu.is_some()));
    assert!(
        gsr.records.iter().all(|r| !r.text.is_empty()),
        "an empty <Text> is rebuilt from the parse"
    );
    let plover = read_plover_records(&read(&plover)).expect("PLOVER JSON");
    assert_eq!(plover.len(), 322);
}

#[test]
fn failures_are_classed_once_per_missed_and_wrong_item() {
    use eventwire_eval::events::score::classify_failures;
    use std::collections::BTreeMap;
    let gold = [
        keyed("USA|RUS|04", ""),
        keyed("ISR|PSE|19", ""),
        keyed("EGY|SYR|05", ""),
    ];
    let ours = [
        keyed("USA|RUS|01", ""),
        keyed("ISR|---|19", ""),
        keyed("FRA|DEU|12", ""),
    ];
    let score = score_sentence(&gold, &ours);
    let mut counts = BTreeMap::new();
    classify_failures(&gold, &ours, &score, &mut counts);
    assert_eq!(counts["missed: right actors, other event type"], 1);
    assert_eq!(counts["missed: right source and type, target not coded"], 1);
    assert_eq!(counts["missed: only unrelated events in the record"], 1);
    assert_eq!(counts["wrong: unrelated extra event"], 1);
    assert_eq!(counts.values().sum::<u64>(), 4);
    let mut none = BTreeMap::new();
    classify_failures(&[], &ours[..1], &score_sentence(&[], &ours[..1]), &mut none);
    assert_eq!(none["wrong: event in a record that has none"], 1);
}
