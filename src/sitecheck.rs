//! Checking the built site itself: every `href` and `src` in every page
//! resolves to a file of the site and, where it names one, to an anchor in
//! that file.

use std::collections::{HashMap, HashSet};

use crate::site::SiteFiles;

/// A link in the built site that does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BrokenLink {
    /// The page it is on.
    pub page: String,
    pub href: String,
    pub reason: String,
}

/// Values of `attr="…"` in `html` (the writer always uses double quotes).
fn attribute_values<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        match after.find('"') {
            Some(end) => {
                out.push(&after[..end]);
                rest = &after[end..];
            }
            None => break,
        }
    }
    out
}

fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Resolve `href` against the directory of `page`; `None` if it climbs out.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

pub(crate) fn check(site: &SiteFiles) -> Vec<BrokenLink> {
    let pages: Vec<(&String, String)> = site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
        .collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(p, html)| (p.as_str(), attribute_values(html, "id").into_iter().map(unescape).collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, html) in &pages {
        let mut links = attribute_values(html, "href");
        links.extend(attribute_values(html, "src"));
        for raw in links {
            let href = unescape(raw);
            let lower = href.to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
                continue;
            }
            let (path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href.as_str(), None),
            };
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(page, path).map(|t| {
                    if t.is_empty() || path.ends_with('/') {
                        format!("{}index.html", if t.is_empty() { String::new() } else { format!("{t}/") })
                    } else {
                        t
                    }
                })
            };
            let Some(target) = target else {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    href: href.clone(),
                    reason: "points outside the site".into(),
                });
                continue;
            };
            if !site.contains(&target) {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    href: href.clone(),
                    reason: format!("there is no file `{target}`"),
                });
                continue;
            }
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let has = ids.get(target.as_str()).is_some_and(|set| set.contains(f));
                if !has {
                    broken.push(BrokenLink {
                        page: page.to_string(),
                        href: href.clone(),
                        reason: format!("`{target}` has no anchor `{f}`"),
                    });
                }
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_broken_links() {
        let mut site = SiteFiles::default();
        site.insert(
            "index.html",
            r#"<a href="a/index.html">a</a> <a href="a/index.html#x">x</a> <a href="b/index.html">b</a>"#,
        );
        site.insert("a/index.html", r#"<p id="x"></p><a href="../index.html#nope">n</a><link href="../style.css">"#);
        site.insert("style.css", "");
        let b = check(&site);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(b.iter().any(|l| l.href == "b/index.html"));
        assert!(b.iter().any(|l| l.href == "../index.html#nope"));
    }
}
