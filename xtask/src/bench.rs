//! `cargo xtask bench [NAME]`: builds what a benchmark needs and runs it.
//! Without a name, runs them all (the UI benchmark for 10,000 and 100,000
//! documents) and prints one table of their headline figures beside their
//! goals (see [`bench_table`](crate::bench_table)).

use std::path::PathBuf;

use crate::bench_table::{FIGURES_FILE_ENV, Figure, machine, markdown, read_figures};
use crate::{
    build_app, cargo, cargo_program, download_bench, startup_bench, step, system, target_dir,
    workspace_root,
};

/// Start-up runs of each binary unless told.
const STARTUP_RUNS: usize = 10;
/// The document counts `cargo xtask bench` runs the UI benchmark for.
const UI_SIZES: [&str; 2] = ["10000", "100000"];

/// Runs the benchmark `args[0]` (`startup [RUNS]`, `ui [DOCUMENTS]`,
/// `download`), or all of them when none is named.
pub fn run(args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("startup") => {
            let runs = args
                .get(1)
                .and_then(|runs| runs.parse().ok())
                .unwrap_or(STARTUP_RUNS);
            startup(runs).map(drop)
        }
        Some("ui") => ui(args.get(1).map(String::as_str), None).map(drop),
        Some("download") => download().map(drop),
        Some(other) => Err(format!(
            "no benchmark {other:?}: cargo xtask bench [startup [RUNS] | ui [DOCUMENTS] | download]"
        )),
        None => all(),
    }
}

/// Every benchmark, then one table.
fn all() -> Result<(), String> {
    let mut figures = startup(STARTUP_RUNS)?;
    figures.extend(download()?);
    let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
    for documents in UI_SIZES {
        let file = folder.path().join(format!("ui-{documents}.tsv"));
        figures.extend(ui(Some(documents), Some(file))?);
    }
    println!("\n==> All benchmarks (figures, not pass/fail)\n");
    print!("{}", markdown(&figures, &machine()));
    Ok(())
}

fn startup(runs: usize) -> Result<Vec<Figure>, String> {
    let app = build_app(true)?;
    step(
        "build the bare Tauri window (release)",
        cargo().args(["build", "--locked", "--release", "--package", "bare-window"]),
    )?;
    let bare = target_dir().join("release").join("bare-window");
    startup_bench::startup(&workspace_root(), &app, &bare, runs)
}

fn download() -> Result<Vec<Figure>, String> {
    step(
        "build release portal-server and pdesk",
        cargo().args([
            "build",
            "--locked",
            "--release",
            "--package",
            "portal-server",
            "--package",
            "pdesk",
        ]),
    )?;
    let release = target_dir().join("release");
    download_bench::download(&release.join("portal-server"), &release.join("pdesk"))
}

/// Builds the portal (the benchmark starts it) and runs `benches/ui`, both
/// with the bench profile; with `figures_file`, answers the figures it
/// wrote there.
fn ui(documents: Option<&str>, figures_file: Option<PathBuf>) -> Result<Vec<Figure>, String> {
    // It drives the app through WebDriver, as the end-to-end tests do.
    system::ensure_tauri_driver(&cargo_program())?;
    step(
        "build portal-server (bench profile)",
        cargo().args([
            "build",
            "--locked",
            "--profile",
            "bench",
            "--package",
            "portal-server",
        ]),
    )?;
    let mut bench = cargo();
    bench.args([
        "bench",
        "--locked",
        "--package",
        "portal-desk",
        "--bench",
        "ui",
    ]);
    if let Some(documents) = documents {
        bench.args(["--", documents]);
    }
    if let Some(file) = &figures_file {
        bench.env(FIGURES_FILE_ENV, file);
    }
    step(
        &format!("bench ui {}", documents.unwrap_or_default()),
        &mut bench,
    )?;
    Ok(figures_file
        .map(|file| read_figures(&file))
        .unwrap_or_default())
}
