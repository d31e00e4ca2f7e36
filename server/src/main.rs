//! The `fabrique` binary: parses the command line and hands over to the library.

use clap::Parser;

/// Many small allocations per request (rows, JSON): mimalloc serves them faster than the
/// system allocator (measured with the load generator; see the foundation issue's note).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use fabrique_server::config::Cli;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    purge_at_once();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("the async runtime starts");
    runtime.block_on(fabrique_server::cli::run(Cli::parse()))
}

/// mimalloc commits its arenas eagerly and asks the kernel for transparent huge pages there:
/// each page touched then costs 2 MB of resident memory instead of 4 KB (measured: 47 MB idle
/// and 112 MB with 2,000 open connections, against 36 and 76 MB without). Turned off for this
/// process before the runtime's threads allocate; the speed of small allocations is unchanged.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and sets a flag of this process; it
    // reads and writes no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Memory the server frees goes back to the kernel at once, instead of 10 ms later (mimalloc's
/// default, which keeps the pages of answers just written and of connections just closed
/// resident meanwhile): measured with the capacity test at 2,000 members, 125-128 MB instead
/// of 136-137, for no server CPU measurable a post or a pull.
fn purge_at_once() {
    /// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (not among the crate's constants).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: stores the value of one of mimalloc's options; takes no pointer.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
}
