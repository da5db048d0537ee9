//! End to end in a real browser: headless Chromium opens a document from
//! `kiyaku serve`, the content file changes on disk, and the page reloads
//! by itself, shows the new text and keeps its scroll position. Driven
//! over the DevTools protocol.

use std::time::{Duration, Instant};

use crate::common::browser::Browser;
use crate::common::http::Serve;
use crate::common::*;

#[test]
fn page_reloads_itself_after_an_edit() {
    if !have_tool("chromium") {
        return;
    }
    let site = example_site();
    let server = Serve::start(site.path(), &[]);
    let mut browser = Browser::launch();
    let url = format!("{}planora-security-whitepaper/", server.url);
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for(
        "document.readyState === 'complete' && document.body.innerText.includes('14世代')",
        "the document to load",
        Duration::from_secs(30),
    );
    // Wait until the page listens for builds, then mark this page instance
    // and scroll down; a reload clears the mark.
    let start = Instant::now();
    while server.status()["streams"] == 0 {
        assert!(start.elapsed() < Duration::from_secs(10), "the page never opened its event stream");
        std::thread::sleep(Duration::from_millis(50));
    }
    let y = browser.eval("window.kiyakuMark = 'before'; scrollTo(0, 1500); scrollY");
    assert!(y.as_f64().unwrap() > 1000.0, "the page scrolls: {y}");

    let file = site.path().join("content/services/planora-infra.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("generations: 14", "generations: 21", 1)).unwrap();

    browser.wait_for(
        "document.readyState === 'complete' && document.body.innerText.includes('21世代')",
        "the page to show the new value by itself",
        Duration::from_secs(30),
    );
    assert_eq!(browser.eval("window.kiyakuMark === undefined"), serde_json::Value::Bool(true), "it was a reload");
    browser.wait_for("scrollY > 1000", "the scroll position to be restored", Duration::from_secs(5));
}
