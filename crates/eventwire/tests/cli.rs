//! The real binary on real files: bundled examples, the shared WARC sample,
//! and a folder of broken inputs.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn eventwire() -> Command {
    Command::new(env!("CARGO_BIN_EXE_eventwire"))
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> PathBuf {
    repo_root().join("examples").join(name)
}

/// A fresh, empty scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shared_data() -> Option<PathBuf> {
    let dir = repo_root().join("../shared/data");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: the shared gold data folder (../shared/data) is absent");
        None
    }
}

fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("each output line is a JSON object"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn analyze_json_of_a_bundled_article_follows_the_contract() {
    let path = example("wikinews-2019-10-08-trump-syria-withdrawal.txt");
    let output = eventwire()
        .arg("analyze")
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let docs = json_lines(&output);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc["schema"], "eventwire.document/1");
    assert_eq!(doc["input"]["format"], "txt");
    assert_eq!(
        doc["title"],
        "US President Trump announces troop withdrawal from Syria"
    );
    for field in [
        "id",
        "published",
        "dateline",
        "sources",
        "text",
        "removed",
        "sentences",
        "entities",
        "times",
        "places",
        "quotes",
        "counts",
        "events",
        "warnings",
    ] {
        assert!(doc.get(field).is_some(), "field {field} missing");
    }
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("Recep Tayyip Erdoğan"));
    let id = doc["id"].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()));
    // Sentence spans are byte offsets into `text`, on char boundaries, in order.
    let sentences = doc["sentences"].as_array().unwrap();
    assert!(sentences.len() > 5, "{} sentences", sentences.len());
    let mut last_end = 0;
    for sentence in sentences {
        let (start, end) = (
            sentence["start"].as_u64().unwrap() as usize,
            sentence["end"].as_u64().unwrap() as usize,
        );
        assert!(start >= last_end && start < end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        last_end = end;
    }
    // Tokens only on request.
    assert!(doc.get("tokens").is_none());
}

#[test]
fn tokens_flag_adds_the_token_layer() {
    let path = example("wikinews-2019-09-15-saudi-oil-drone-attacks.txt");
    let output = eventwire()
        .args(["analyze", "--json", "--tokens"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let doc = &json_lines(&output)[0];
    let text = doc["text"].as_str().unwrap();
    let tokens = doc["tokens"].as_array().unwrap();
    assert!(tokens.len() > 100);
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| &text[t["start"].as_u64().unwrap() as usize..t["end"].as_u64().unwrap() as usize])
        .collect();
    assert!(words.contains(&"Saudi"), "{:?}", &words[..20]);
}

#[test]
fn jsonl_output_order_does_not_depend_on_jobs() {
    let path = example("wikinews-2019-2020-sample.jsonl");
    let run = |jobs: &str| {
        let output = eventwire()
            .args(["analyze", "--json", "--jobs", jobs])
            .arg(&path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        output.stdout
    };
    let serial = run("1");
    assert_eq!(serial, run("4"));
    let docs: Vec<Value> = String::from_utf8(serial)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 5);
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(doc["input"]["record"], (i + 1) as u64);
        assert_eq!(doc["input"]["format"], "jsonl");
        assert!(doc["input"]["url"]
            .as_str()
            .unwrap()
            .contains("wikinews.org"));
    }
    assert_eq!(docs[0]["input"]["source_id"], "wn-0016");
    assert_eq!(docs[0]["published"], "2019-01-24");
}

#[test]
fn readable_summary_names_the_article() {
    let path = example("wikinews-2019-10-15-kurds-assad-deal.txt");
    let output = eventwire().arg("analyze").arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("title      Kurds announce deal with Assad's government"),
        "{text}"
    );
    assert!(text.contains("sentences"), "{text}");
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = eventwire()
        .args(["analyze", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Talks resume\n\nThe talks resumed on Monday. Both sides said so.\n".as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    let doc = &json_lines(&output)[0];
    assert_eq!(doc["input"]["path"], "-");
    assert_eq!(doc["title"], "Talks resume");
    assert!(doc["text"]
        .as_str()
        .unwrap()
        .starts_with("The talks resumed on Monday."));
}

#[test]
fn warc_responses_keep_target_uri_and_date() {
    let Some(data) = shared_data() else { return };
    let path = data.join("warc-samples/news-pages-aeb-181.warc.gz");
    let output = eventwire()
        .args(["analyze", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let docs = json_lines(&output);
    // Every page of the benchmark holds an article.
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(docs.len(), 181);
    for doc in &docs {
        assert_eq!(doc["input"]["format"], "warc");
        assert!(doc["input"]["url"].as_str().unwrap().starts_with("http"));
        assert_eq!(doc["input"]["fetched"], "2020-01-01T00:00:00Z");
        assert!(
            !doc["text"].as_str().unwrap().contains("<div"),
            "markup left in {}",
            doc["input"]["url"]
        );
    }
}

#[test]
fn a_missing_path_fails_with_a_clear_message() {
    let output = eventwire()
        .args(["analyze", "no/such/file.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("eventwire: no/such/file.txt: no such file or folder"),
        "{}",
        stderr(&output)
    );
}

/// A folder with good and broken files: the good ones come out, each broken
/// one gets one line naming it, and the exit code says something failed.
#[test]
fn a_folder_goes_on_past_broken_files_and_reports_them() {
    let dir = scratch("broken-inputs");
    std::fs::copy(
        example("wikinews-2019-10-08-trump-syria-withdrawal.txt"),
        dir.join("a-good.txt"),
    )
    .unwrap();
    std::fs::write(dir.join("b-empty.txt"), b"").unwrap();
    std::fs::write(
        dir.join("c-binary.dat"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    )
    .unwrap();
    // Windows-1252: curly quotes and an e-acute.
    std::fs::write(
        dir.join("d-legacy.txt"),
        b"Ceasefire holds\n\nThe caf\xe9 reopened, officials said. \x93It is calm,\x94 one said.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("e-records.jsonl"),
        "{\"text\": \"The minister resigned on Friday.\"}\n{\"text\": broken\n{\"title\": \"no body\"}\n{\"text\": \"Talks ended.\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("f-nobody.html"),
        "<html><head><title>Nothing</title></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("g-truncated.warc.gz"), truncated_warc_gz()).unwrap();
    std::fs::write(
        dir.join("h-invalid-utf8.jsonl"),
        b"{\"text\": \"ok \xff\xfe\"}\n",
    )
    .unwrap();

    let output = eventwire()
        .args(["analyze", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    let lines: Vec<&str> = err.lines().collect();
    let expect = |file: &str, needle: &str| {
        assert!(
            lines.iter().any(|l| l.contains(file) && l.contains(needle)),
            "no message for {file} containing {needle:?} in:\n{err}"
        );
    };
    expect("b-empty.txt", "file is empty");
    expect("c-binary.dat", "binary data");
    expect("e-records.jsonl", "record 2: malformed JSON");
    expect(
        "e-records.jsonl",
        "record 3: object has no non-empty `text` or `html`",
    );
    expect("f-nobody.html", "no article text");
    expect("g-truncated.warc.gz", "record 2");
    expect("h-invalid-utf8.jsonl", "record 1: line is not valid UTF-8");
    assert!(err.contains("failed"), "{err}");

    let docs = json_lines(&output);
    let paths: Vec<String> = docs
        .iter()
        .map(|d| {
            format!(
                "{}#{}",
                d["input"]["path"].as_str().unwrap(),
                d["input"]["record"]
            )
        })
        .collect();
    assert_eq!(docs.len(), 5, "{paths:?}");
    let legacy = docs
        .iter()
        .find(|d| {
            d["input"]["path"]
                .as_str()
                .unwrap()
                .ends_with("d-legacy.txt")
        })
        .unwrap();
    assert!(legacy["text"].as_str().unwrap().contains("café reopened"));
    assert!(legacy["text"].as_str().unwrap().contains("“It is calm,”"));
    assert!(legacy["warnings"][0]
        .as_str()
        .unwrap()
        .contains("windows-1252"));
    // The first record of the truncated WARC still comes out.
    assert!(docs
        .iter()
        .any(|d| d["input"]["format"] == "warc" && d["input"]["record"] == 1));
}

/// Two gzip members (one per record, as crawlers write them), the second cut short.
fn truncated_warc_gz() -> Vec<u8> {
    let record = |n: u32| {
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article><h1>Story {n}</h1><p>The council met on Tuesday and approved the budget after a long debate among its members.</p><p>Officials said the vote was close.</p></article></body></html>"
        );
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/{n}\r\nWARC-Date: 2021-05-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
    };
    let mut out = Vec::new();
    for n in 1..=2 {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(record(n).as_bytes()).unwrap();
        out.extend(encoder.finish().unwrap());
    }
    out.truncate(out.len() - 40);
    out
}

#[test]
fn a_huge_single_line_file_is_analysed_in_bounded_time() {
    let dir = scratch("huge-line");
    let path = dir.join("one-line.txt");
    let sentence =
        "Officials said the ceasefire held in the north on Tuesday, and aid convoys moved again. ";
    let target = 200 * 1024 * 1024;
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut written = 0;
    while written < target {
        file.write_all(sentence.as_bytes()).unwrap();
        written += sentence.len();
    }
    file.flush().unwrap();
    drop(file);
    let output = eventwire().arg("analyze").arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = String::from_utf8(output.stdout).unwrap();
    assert!(summary.contains("sentences"), "{summary}");
    // The statistical stages cover a bounded prefix, and the output says so.
    assert!(summary.contains("entities cover its first"), "{summary}");
    assert!(summary.contains("Officials"), "{summary}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let path = example("wikinews-2019-2020-sample.jsonl");
    let mut child = eventwire()
        .args(["analyze", "--json", "--jobs", "1"])
        .arg(&path)
        .arg(&path)
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        output.status.success() || err.is_empty(),
        "status {:?}: {err}",
        output.status
    );
}
