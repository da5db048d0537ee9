//! The example site at the repository root, copied for a benchmark.

use std::path::Path;

/// Copy `content/`, `templates/` and `kiyaku.yaml` into `to`.
pub fn copy_example(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["content", "templates"] {
        for e in walkdir::WalkDir::new(root.join(dir)).into_iter().filter_map(Result::ok) {
            let rel = e.path().strip_prefix(root).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(e.path(), to.join(rel)).unwrap();
            }
        }
    }
    std::fs::copy(root.join("kiyaku.yaml"), to.join("kiyaku.yaml")).unwrap();
}
