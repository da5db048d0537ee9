//! Every kind of block has every piece: a unique name, a template, a row
//! in the authoring reference that agrees with the registry. (That every
//! kind renders something and shows facts is checked on real content in
//! `build`'s tests.)

use super::*;

fn repo_file(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn names_are_unique_and_parse_back() {
    let mut seen = std::collections::HashSet::new();
    for b in BlockKind::ALL {
        assert!(seen.insert(b.name()), "two kinds are called `{}`", b.name());
        assert_eq!(BlockKind::parse(b.name()), Some(*b));
    }
}

#[test]
fn every_kind_has_a_template_and_every_block_template_a_kind() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/blocks");
    for b in BlockKind::ALL {
        assert!(dir.join(format!("{}.md", b.name())).is_file(), "no templates/blocks/{}.md", b.name());
    }
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().trim_end_matches(".md").to_string();
        assert!(BlockKind::parse(&name).is_some(), "templates/blocks/{name}.md belongs to no kind of block");
    }
}

#[test]
fn the_authoring_reference_lists_every_kind_as_the_registry_has_it() {
    let docs = repo_file("docs/authoring.md");
    let table = docs.split("| Block | From | Argument |").nth(1).expect("the block table in docs/authoring.md");
    // No row for a kind that does not exist.
    let rows = table.lines().skip(2).take_while(|l| l.starts_with("| `"));
    for row in rows {
        let name = row.trim_start_matches("| `").split('`').next().unwrap_or("");
        assert!(BlockKind::parse(name).is_some(), "docs/authoring.md lists block `{name}`, which kiyaku does not have");
    }
    for b in BlockKind::ALL {
        let prefix = format!("| `{}` | ", b.name());
        let row = table
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("docs/authoring.md has no row for block `{}`", b.name()));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let from = match b.scope() {
            BlockScope::Service => "S",
            BlockScope::Programme => "P",
            BlockScope::Other => "—",
        };
        assert_eq!(cells[2], from, "block `{}`: the docs say it is from {}", b.name(), cells[2]);
        let argument = cells[3];
        match b.argument() {
            None => assert_eq!(argument, "—", "block `{}` takes no argument", b.name()),
            Some(a) => {
                let kind = if a.required { "**required**" } else { "optional" };
                assert!(argument.starts_with(kind), "block `{}`: argument should be {kind}: {argument}", b.name());
            }
        }
    }
}
