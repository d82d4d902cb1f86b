use clap::Parser;

fn main() -> std::process::ExitCode {
    rota::cli::run(rota::cli::Cli::parse())
}
