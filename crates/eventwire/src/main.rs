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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&args),
        Command::Eval(args) => run_eval(&args),
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
