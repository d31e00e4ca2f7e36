//! The house keeps its floors: inside each crate (wire, the core, the server), no module
//! imports a module that imports it back, however long the way round. A lower module that
//! reaches up (an area calling the router, the model importing an area's logic) makes every
//! change touch both; this test names the circle and the names that tie it, so whoever adds
//! one sees where to cut.
//!
//! Read from the sources, as a reviewer would: `use crate::…`, `crate::…` paths anywhere in
//! the code and its doc links, `super::…` and `self::…`, each taken to the file that defines
//! the module it names (the longest known prefix). A `mod` declaration is no import (a
//! parent declares its children); code after `#[cfg(test)]` is left out (tests may reach
//! anywhere).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`["sync", "outbox"]`) → the file that defines it, for every `.rs` under `src`
/// (binaries and their helpers apart).
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(src, &mut files);
    let mut out = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(src).expect("under src").with_extension("");
        let mut path: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if path.first().is_some_and(|p| p == "bin") {
            continue;
        }
        if path.last().is_some_and(|p| p == "mod" || p == "lib" || p == "main") {
            path.pop();
        }
        out.insert(path, file);
    }
    out
}

/// The paths a file names: `crate::a::b::Name`, `super::x`, `self::y`, and the items of
/// `use …::{a, b::{c}}` groups, each as module segments (the last segment may be an item).
fn named_paths(code: &str, here: &[String]) -> Vec<Vec<String>> {
    let code = code.split("#[cfg(test)]").next().unwrap_or_default();
    let bytes = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b':');
        let root = ["crate::", "super::", "self::"].into_iter().find(|r| bytes[i..].starts_with(r.as_bytes()));
        match root {
            Some(root) if starts_word => {
                let mut at = i + root.len();
                let base: Vec<String> = match root {
                    "crate::" => Vec::new(),
                    // `here` is the file's module (a folder's `mod.rs` is the folder's module).
                    "super::" => {
                        let mut up = here[..here.len().saturating_sub(1)].to_vec();
                        while bytes[at..].starts_with(b"super::") {
                            up.pop();
                            at += "super::".len();
                        }
                        up
                    }
                    _ => here.to_vec(),
                };
                let (paths, end) = read_path(code, at, base);
                out.extend(paths);
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Reads `a::b::{c, d::e}::…` from `at`: every full path it names, and where it stops.
fn read_path(code: &str, at: usize, base: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let bytes = code.as_bytes();
    let mut path = base;
    let mut i = at;
    loop {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        if i > start {
            path.push(code[start..i].to_owned());
        }
        if bytes[i..].starts_with(b"::{") {
            // A group: each item is a path of its own, from here.
            let mut paths = Vec::new();
            i += 3;
            loop {
                while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\n' || bytes[i] == b',') {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'}' {
                    return (if paths.is_empty() { vec![path] } else { paths }, i + 1);
                }
                let before = i;
                let (inner, end) = read_path(code, i, path.clone());
                paths.extend(inner);
                i = end;
                // `x as y`: skip the alias.
                while i < bytes.len() && !matches!(bytes[i], b',' | b'}') {
                    i += 1;
                }
                if i == before {
                    i += 1;
                }
            }
        }
        if bytes[i..].starts_with(b"::") && i > start {
            i += 2;
            continue;
        }
        return (vec![path], i);
    }
}

/// The file a path leads to: the longest prefix that is a module of the crate.
fn target<'a>(path: &[String], modules: &'a BTreeMap<Vec<String>, PathBuf>) -> Option<&'a PathBuf> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

/// Files that import each other in a loop (strongly connected, more than one file).
fn circles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    // Kosaraju: finishing order on the graph, then components on the reversed graph.
    fn visit(
        v: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        seen: &mut BTreeSet<PathBuf>,
        order: &mut Vec<PathBuf>,
    ) {
        if !seen.insert(v.clone()) {
            return;
        }
        for w in graph.get(v).into_iter().flatten() {
            visit(w, graph, seen, order);
        }
        order.push(v.clone());
    }
    let mut seen = BTreeSet::new();
    let mut order = Vec::new();
    for v in graph.keys() {
        visit(v, graph, &mut seen, &mut order);
    }
    let mut reversed: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (v, ws) in graph {
        for w in ws {
            reversed.entry(w.clone()).or_default().insert(v.clone());
        }
    }
    let mut assigned = BTreeSet::new();
    let mut out = Vec::new();
    for v in order.iter().rev() {
        let mut component = Vec::new();
        visit(v, &reversed, &mut assigned, &mut component);
        if component.len() > 1 {
            component.sort();
            out.push(component);
        }
    }
    out
}

fn circles_of(crate_dir: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(crate_dir).join("src");
    let modules = modules(&src);
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    let mut names: BTreeMap<(PathBuf, PathBuf), BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &modules {
        let code = std::fs::read_to_string(file).expect("read a source file");
        let edges = graph.entry(file.clone()).or_default();
        for path in named_paths(&code, module) {
            if let Some(to) = target(&path, &modules).filter(|to| *to != file) {
                edges.insert(to.clone());
                names.entry((file.clone(), to.clone())).or_default().insert(path.join("::"));
            }
        }
    }
    circles(&graph)
        .into_iter()
        .map(|circle| {
            let relative = |p: &PathBuf| p.strip_prefix(&src).unwrap_or(p).display().to_string();
            let mut said = format!("{crate_dir}: {} files import each other:", circle.len());
            for from in &circle {
                for to in graph[from].iter().filter(|to| circle.contains(to)) {
                    let used: Vec<&str> = names[&(from.clone(), to.clone())].iter().map(String::as_str).collect();
                    said.push_str(&format!("\n  {} -> {}: {}", relative(from), relative(to), used.join(", ")));
                }
            }
            said
        })
        .collect()
}

#[test]
fn no_module_of_wire_the_core_the_server_or_the_relay_imports_a_module_that_imports_it_back() {
    let found: Vec<String> = ["wire", "shared", "server", "relay"].into_iter().flat_map(circles_of).collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_reading_finds_a_circle_where_there_is_one() {
    // The reading itself, on a small house with one circle (a ↔ b) and a clean floor (c).
    let dir = std::env::temp_dir().join(format!("fabrique-house-{}", std::process::id()));
    let src = dir.join("src");
    std::fs::create_dir_all(src.join("b")).unwrap();
    std::fs::write(src.join("lib.rs"), "pub mod a;\npub mod b;\npub mod c;\n").unwrap();
    std::fs::write(src.join("a.rs"), "use crate::b::{inner::Thing, other};\n").unwrap();
    std::fs::write(src.join("b/mod.rs"), "pub mod inner;\n").unwrap();
    std::fs::write(src.join("b/inner.rs"), "pub struct Thing;\nfn f() { super::super::c::g(); crate::a::h(); }\n")
        .unwrap();
    std::fs::write(src.join("c.rs"), "pub fn g() {}\n#[cfg(test)]\nmod tests { use crate::a; }\n").unwrap();
    let modules = modules(&src);
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for (module, file) in &modules {
        let code = std::fs::read_to_string(file).unwrap();
        let targets = named_paths(&code, module).into_iter().filter_map(|p| target(&p, &modules).cloned());
        graph.entry(file.clone()).or_default().extend(targets.filter(|t| t != file));
    }
    let found = circles(&graph);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found, vec![vec![src.join("a.rs"), src.join("b/inner.rs")]]);
}

/// The core reads the time and makes ids only through its clock (`shared/src/time.rs`), so
/// its tests can fix them: no `Utc::now()` nor `Uuid::now_v7()` elsewhere, tests aside.
#[test]
fn the_core_reads_the_clock_and_makes_ids_only_through_its_clock() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/src");
    let mut found = Vec::new();
    for (_, file) in modules(&src) {
        if file.ends_with("time.rs") || file.ends_with("testing.rs") {
            continue;
        }
        let code = std::fs::read_to_string(&file).expect("a source reads");
        let before_tests = code.split("#[cfg(test)]").next().unwrap_or_default();
        for (number, line) in before_tests.lines().enumerate() {
            if ["Utc::now", "now_v7(", "new_v4(", "SystemTime::now"].iter().any(|call| line.contains(call))
                && !line.trim_start().starts_with("//")
            {
                found.push(format!("{}:{}: {}", file.display(), number + 1, line.trim()));
            }
        }
    }
    // Sync's backoff takes a random fraction, not the time.
    found.retain(|line| !line.contains("sync/mod.rs") || !line.contains("new_v4()"));
    assert!(found.is_empty(), "read through the session's clock instead:\n{}", found.join("\n"));
}
