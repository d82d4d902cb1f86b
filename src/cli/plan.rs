//! `rota plan`: placeholder.
#[derive(clap::Args, Debug)]
pub struct PlanArgs {}
pub fn run(_args: PlanArgs) -> std::process::ExitCode {
    std::process::ExitCode::SUCCESS
}
