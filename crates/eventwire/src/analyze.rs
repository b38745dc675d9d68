//! `eventwire analyze`: read, analyse in parallel, print in input order.

use crate::inputs::{Failure, InputPlan, Item};
use crate::summary::write_summary;
use crate::AnalyzeArgs;
use anyhow::Context;
use eventwire_core::actors::ActorDictionary;
use eventwire_core::pipeline::{analyze, Options};
use eventwire_core::Document;
use eventwire_core::Models;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc};

/// Failures printed per file before the rest are only counted.
const FAILURES_SHOWN_PER_FILE: usize = 20;

enum Outcome {
    Analyzed(Box<Document>),
    Failed(Failure),
}

/// Counts for the closing report.
#[derive(Default)]
struct Tally {
    analyzed: u64,
    failed: u64,
    failures_by_file: HashMap<String, usize>,
}

pub fn run(args: &AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start worker threads")?;
    let options = Options {
        tokens: args.tokens,
    };
    let plan = InputPlan::new(&args.paths);
    let progress = progress_bar(&plan);
    let bytes_read = Arc::new(AtomicU64::new(0));
    // Reading and parsing run on their own thread, a few batches ahead of the workers.
    let (batches, receiver) = mpsc::sync_channel::<Vec<Item>>(2);
    let reader = {
        let bytes_read = Arc::clone(&bytes_read);
        std::thread::spawn(move || {
            let mut inputs = plan.into_inputs(bytes_read);
            // Small first batch so the first result shows at once, then larger ones.
            let mut batch_size = jobs;
            loop {
                let batch: Vec<Item> = inputs.by_ref().take(batch_size).collect();
                if batch.is_empty() || batches.send(batch).is_err() {
                    break;
                }
                batch_size = (batch_size * 4).min(jobs * 64);
            }
        })
    };

    // Models load while the reader thread gets the first articles ready.
    let mut models = if args.no_linguistics {
        Models::none()
    } else {
        Models::embedded().context("the built-in models are damaged; reinstall eventwire")?
    };
    if let Some(path) = &args.actors {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the actor file {}", path.display()))?;
        let built_in = match models.actors.take() {
            Some(actors) => actors,
            None => ActorDictionary::embedded()
                .context("the built-in actor dictionary is damaged; reinstall eventwire")?,
        };
        let file = path.display().to_string();
        models.actors = Some(
            built_in
                .with_user_file(&text, &file)
                .map_err(|issue| anyhow::anyhow!("{issue}"))?,
        );
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let mut tally = Tally::default();
    for batch in receiver {
        let outcomes: Vec<Outcome> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|item| process(item, options, &models))
                .collect()
        });
        progress.set_position(bytes_read.load(Ordering::Relaxed));
        progress.suspend(|| -> anyhow::Result<()> {
            for outcome in outcomes {
                match outcome {
                    Outcome::Analyzed(doc) => {
                        tally.analyzed += 1;
                        if args.json {
                            serde_json::to_writer(&mut out, &doc)?;
                            out.write_all(b"\n")?;
                        } else {
                            write_summary(&mut out, &doc)?;
                        }
                    }
                    Outcome::Failed(failure) => {
                        out.flush()?;
                        report_failure(&failure, &mut tally);
                    }
                }
            }
            out.flush()?;
            Ok(())
        })?;
    }
    progress.finish_and_clear();
    reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reading thread failed"))?;
    report_hidden_failures(&tally);
    if tally.failed > 0 {
        let files = tally.failures_by_file.len();
        eprintln!(
            "eventwire: {} analysed, {} failed (in {} file{})",
            tally.analyzed,
            tally.failed,
            files,
            if files == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(2));
    }
    if tally.analyzed == 0 {
        eprintln!("eventwire: no articles found in the given paths");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}

fn process(item: Item, options: Options, models: &Models) -> Outcome {
    match item {
        Item::Failure(failure) => Outcome::Failed(failure),
        Item::Article(raw) => {
            let path = raw.input.path.clone();
            let record = raw.input.record;
            match analyze(*raw, options, models) {
                Ok(doc) => Outcome::Analyzed(Box::new(doc)),
                Err(error) => Outcome::Failed(Failure {
                    path,
                    record,
                    message: error.to_string(),
                }),
            }
        }
    }
}

fn report_failure(failure: &Failure, tally: &mut Tally) {
    tally.failed += 1;
    let shown = tally
        .failures_by_file
        .entry(failure.path.clone())
        .or_default();
    *shown += 1;
    if *shown <= FAILURES_SHOWN_PER_FILE {
        match failure.record {
            Some(record) => eprintln!(
                "eventwire: {}: record {}: {}",
                failure.path, record, failure.message
            ),
            None => eprintln!("eventwire: {}: {}", failure.path, failure.message),
        }
    }
}

fn report_hidden_failures(tally: &Tally) {
    let mut files: Vec<_> = tally
        .failures_by_file
        .iter()
        .filter(|(_, &count)| count > FAILURES_SHOWN_PER_FILE)
        .collect();
    files.sort();
    for (path, count) in files {
        eprintln!(
            "eventwire: {path}: {} more failures not shown",
            count - FAILURES_SHOWN_PER_FILE
        );
    }
}

/// A byte-based progress bar on stderr; hidden when stderr is not a terminal
/// or the input is small enough to finish at once.
fn progress_bar(inputs: &InputPlan) -> ProgressBar {
    if inputs.total_bytes < 8 * 1024 * 1024 && inputs.files < 50 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(inputs.total_bytes);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left) {wide_bar}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}
