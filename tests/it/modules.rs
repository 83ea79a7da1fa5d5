//! The module graph stays a layering (issue 14): no dependency cycle between the crate's
//! top-level modules, nor between the files of one module folder, and the state and its update
//! never reach the view, the terminal or the background jobs. Read from the `use` lines and
//! paths of `src/` (test code excluded), so a cycle that comes back fails here with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module path, `["update", "search"]`; the crate root is empty.
type Module = Vec<String>;

/// Every module of the library and the modules it names, outside its tests.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&src, &src, &mut files);
    let modules: BTreeSet<Module> = files.iter().map(|(m, _)| m.clone()).collect();
    files
        .iter()
        .map(|(module, text)| {
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let used = paths(code)
                .iter()
                .filter_map(|path| resolve(module, path, &modules))
                .filter(|target| target != module)
                .collect();
            (module.clone(), used)
        })
        .collect()
}

/// The `.rs` files under `dir` as (module, text); test-only modules (`tests`, `testing`) and
/// the binary's `main.rs` are left out.
fn collect(root: &Path, dir: &Path, out: &mut Vec<(Module, String)>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(root, &path, out);
            continue;
        }
        let rel = path.strip_prefix(root).expect("under src").with_extension("");
        let mut module: Module = rel.iter().map(|c| c.to_string_lossy().into_owned()).collect();
        match module.last().map(String::as_str) {
            Some("main") if module.len() == 1 => continue,
            Some("tests" | "testing") => continue,
            Some("mod" | "lib") => {
                module.pop();
            }
            _ => {}
        }
        out.push((module, std::fs::read_to_string(&path).expect("read a source file")));
    }
}

/// Every path starting with `crate`, `super` or `self` in `code` (comments aside), `use`
/// groups expanded.
fn paths(code: &str) -> Vec<String> {
    let code: String = code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut out = Vec::new();
    // `use` statements, which start a line, their brace groups expanded.
    for (at, _) in code.match_indices("use ") {
        let line_start = code[..at].rfind('\n').map_or(0, |i| i + 1);
        let lead = code[line_start..at].trim();
        if !matches!(lead, "" | "pub" | "pub(crate)") {
            continue;
        }
        let end = code[at..].find(';').map_or(code.len(), |e| at + e);
        expand("", &code[at + 4..end].replace(char::is_whitespace, ""), &mut out);
    }
    // Paths written in place: `crate::library::article::load(…)`, `super::view::select(…)`.
    let bytes = code.as_bytes();
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b':') {
                continue;
            }
            let len = code[at..].find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(0);
            out.push(code[at..at + len].trim_end_matches(':').to_string());
        }
    }
    out
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e` (after `prefix`).
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim_start_matches("pub(crate)").trim_start_matches("pub");
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        out.push(format!("{prefix}{path}"));
        return;
    };
    let head = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut depth = 0;
    let mut from = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand(&head, &inner[from..i], out);
                from = i + 1;
            }
            _ => {}
        }
    }
    if from < inner.len() {
        expand(&head, &inner[from..], out);
    }
}

/// The module `path` (seen from `module`) names: the longest known module it starts with.
fn resolve(module: &Module, path: &str, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let mut at: Module = match segments.next()? {
        "crate" => Vec::new(),
        "self" => module.clone(),
        "super" => module[..module.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    let mut found = modules.contains(&at).then(|| at.clone());
    for segment in segments {
        if segment == "super" {
            at.pop();
        } else {
            at.push(segment.to_string());
        }
        if modules.contains(&at) {
            found = Some(at.clone());
        }
    }
    found
}

/// The edges between the nodes `node` maps modules to (`None`: not a node of this graph).
fn edges(
    graph: &BTreeMap<Module, BTreeSet<Module>>,
    node: impl Fn(&Module) -> Option<String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in graph {
        let Some(a) = node(from) else { continue };
        for to in targets {
            if let Some(b) = node(to).filter(|b| *b != a) {
                out.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    out
}

/// A cycle of `edges`, as the path around it, if there is one.
fn cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|s| s == n) {
            let mut found = stack[i..].to_vec();
            found.push(n.to_string());
            return Some(found);
        }
        if !done.insert(n.to_string()) {
            return None;
        }
        stack.push(n.to_string());
        for next in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(next, edges, stack, done) {
                return Some(c);
            }
        }
        stack.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_have_no_cycle() {
    let top = edges(&graph(), |m| m.first().cloned());
    assert!(top.contains_key("app") && top.contains_key("update"), "the graph was read: {top:?}");
    assert_eq!(cycle(&top), None, "top-level modules depend on each other in a cycle");
}

#[test]
fn the_files_of_each_module_folder_have_no_cycle() {
    let graph = graph();
    let folders: BTreeSet<Module> =
        graph.keys().filter(|m| graph.keys().any(|c| c.len() == m.len() + 1 && c.starts_with(m))).cloned().collect();
    assert!(folders.contains(&vec!["update".to_string()]), "{folders:?}");
    for folder in folders {
        // The folder's own file is a node, and each child with everything below it is one.
        let node = |m: &Module| {
            m.starts_with(&folder).then(|| m.get(folder.len()).cloned().unwrap_or_else(|| "mod.rs".to_string()))
        };
        let found = cycle(&edges(&graph, node));
        assert_eq!(found, None, "the files of {} depend on each other in a cycle", folder.join("::"));
    }
}

#[test]
fn the_state_and_its_update_know_no_view_terminal_or_job() {
    let graph = graph();
    let below = ["state", "update", "layout", "library", "text", "store"];
    let above = ["ui", "app", "input", "tui", "jobs"];
    for (from, targets) in &graph {
        let Some(top) = from.first().filter(|t| below.contains(&t.as_str())) else { continue };
        for to in targets {
            let target = to.first().map_or("", String::as_str);
            assert!(
                !above.contains(&target),
                "{} uses {} ({top} must not depend on {target})",
                from.join("::"),
                to.join("::")
            );
        }
    }
}

#[test]
fn the_checker_sees_what_it_must() {
    let mut found = Vec::new();
    expand("", "crate::{a::{b,c},d}", &mut found);
    assert_eq!(found, ["crate::a::b", "crate::a::c", "crate::d"]);
    let modules: BTreeSet<Module> = [vec!["a".into()], vec!["a".into(), "b".into()], vec!["c".into()]].into();
    let ab = vec!["a".to_string(), "b".to_string()];
    assert_eq!(resolve(&ab, "super::super::c::f", &modules), Some(vec!["c".to_string()]));
    assert_eq!(resolve(&ab, "super::Item", &modules), Some(vec!["a".to_string()]));
    assert_eq!(resolve(&ab, "crate::a::b::g", &modules), Some(ab.clone()));
    let loop_ =
        BTreeMap::from([("x".to_string(), ["y".to_string()].into()), ("y".to_string(), ["x".to_string()].into())]);
    assert_eq!(cycle(&loop_), Some(vec!["x".to_string(), "y".to_string(), "x".to_string()]));
}
