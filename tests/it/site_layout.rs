//! The built site as a reader's browser lays it out: real Chromium with
//! device emulation, on a 390 px phone (light and dark) and a 1280 px
//! desktop, over every page of the example site, opened from `file://`.

use std::path::Path;

use crate::common::browser::Browser;
use crate::common::*;

/// Every page of a site built from the example content.
fn built_pages() -> (tempfile::TempDir, Vec<String>) {
    let site = example_site();
    build_ok(site.path());
    let out = site.path().join("output");
    let mut pages: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| format!("file://{}", e.path().display()))
        .collect();
    pages.sort();
    (site, pages)
}

fn open(browser: &mut Browser, url: &str, width: u32, dark: bool) {
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        serde_json::json!({"width": width, "height": 844, "deviceScaleFactor": 2, "mobile": width < 600}),
    );
    let scheme = if dark { "dark" } else { "light" };
    browser.call(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
    );
    browser.call("Page.navigate", serde_json::json!({ "url": url }));
    browser.wait_for("document.readyState === 'complete'", "the page to load", std::time::Duration::from_secs(20));
}

/// What reaches past the viewport outside a scroll container, tables not
/// inside one, and table cells narrower than their longest word.
const MOBILE_PROBLEMS: &str = r#"(() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
  const scroller = (el) => { for (let p = el.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return p; } return null; };
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || scroller(el)) continue;
    if (r.right > vw + 1) out.push(`${el.tagName}.${el.className} reaches ${Math.round(r.right)}`);
  }
  for (const t of document.querySelectorAll('table')) {
    const s = scroller(t);
    if (!s) out.push('a table outside a scroll container');
    else if (s.tabIndex < 0) out.push('a scroll container keyboard users cannot reach');
  }
  // A cell never narrower than its longest word: measure each word.
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
  document.body.appendChild(probe);
  for (const c of document.querySelectorAll('td, th')) {
    const cs = getComputedStyle(c);
    probe.style.font = cs.font;
    // Words as a line may break them: at spaces, and after a hyphen.
    const words = c.textContent.split(/\s+|(?<=-)/).filter(w => /^[\x21-\x7e]+$/.test(w)).map(w => w.slice(0, 24));
    const inner = c.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    for (const w of words) { probe.textContent = w; if (probe.getBoundingClientRect().width > inner + 1) { out.push(`cell narrower than \`${w}\`: ${Math.round(inner)}px`); break; } }
    if (inner < 2.5 * parseFloat(cs.fontSize) && c.textContent.trim().length > 3) out.push(`cell ${Math.round(inner)}px wide: ${c.textContent.trim().slice(0, 20)}`);
  }
  probe.remove();
  return out;
})()"#;

#[test]
fn pages_fit_a_phone_in_light_and_dark() {
    if !have_tool("chromium") {
        return;
    }
    let (_site, pages) = built_pages();
    assert!(pages.len() > 8, "{pages:?}");
    let mut browser = Browser::launch();
    let mut failures = Vec::new();
    for url in &pages {
        for dark in [false, true] {
            open(&mut browser, url, 390, dark);
            let problems = browser.eval(MOBILE_PROBLEMS);
            for p in problems.as_array().unwrap() {
                failures.push(format!(
                    "{} ({}): {}",
                    url.rsplit("output/").next().unwrap(),
                    if dark { "dark" } else { "light" },
                    p.as_str().unwrap()
                ));
            }
            // Dark mode is dark, and text stays readable on it.
            let colours = browser.eval("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color, getComputedStyle(document.documentElement).backgroundColor]");
            let bg = colours[2].as_str().unwrap_or("").to_string();
            let is_dark = luminance(&bg).is_some_and(|l| l < 0.1);
            if dark != is_dark {
                failures.push(format!("{url}: background {bg} in {} mode", if dark { "dark" } else { "light" }));
            }
        }
    }
    failures.dedup();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_contents_stay_reachable_on_long_pages() {
    if !have_tool("chromium") {
        return;
    }
    let (_site, pages) = built_pages();
    let page = pages.iter().find(|p| p.contains("planora-security-whitepaper/index.html")).unwrap();
    let mut browser = Browser::launch();
    // Desktop: the contents beside the text, still in view far down.
    open(&mut browser, page, 1280, false);
    browser.eval("window.scrollTo(0, document.body.scrollHeight * 0.7)");
    let toc = browser.eval("(() => { const r = document.querySelector('nav.toc').getBoundingClientRect(); return [r.top, r.bottom, innerHeight, r.left, document.querySelector('.doc-body').getBoundingClientRect().left]; })()");
    let v: Vec<f64> = toc.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    assert!(v[0] >= 0.0 && v[0] < v[2], "the contents scrolled away: {v:?}");
    assert!(v[3] < v[4], "the contents are not beside the text: {v:?}");
    // Phone: a link back to the contents, always in view.
    open(&mut browser, page, 390, false);
    browser.eval("window.scrollTo(0, document.body.scrollHeight)");
    let link = browser.eval("(() => { const a = document.querySelector('a.to-contents'); if (!a) return null; const r = a.getBoundingClientRect(); return [r.top, r.bottom, innerHeight, a.getAttribute('href')]; })()");
    assert!(link.is_array(), "no link to the contents on a phone");
    assert!(link[0].as_f64().unwrap() >= 0.0 && link[1].as_f64().unwrap() <= link[2].as_f64().unwrap(), "{link}");
    let target = link[3].as_str().unwrap().trim_start_matches('#').to_string();
    assert!(browser.eval(&format!("!!document.getElementById('{target}')")).as_bool().unwrap(), "{link}");
    let _ = Path::new(page);
}

/// Relative luminance of `rgb(r, g, b)`.
fn luminance(css: &str) -> Option<f64> {
    let inner = css.strip_prefix("rgb(").or_else(|| css.strip_prefix("rgba("))?.trim_end_matches(')');
    let v: Vec<f64> = inner.split(',').take(3).filter_map(|x| x.trim().parse().ok()).collect();
    let lin = |c: f64| {
        let c = c / 255.0;
        if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    (v.len() == 3).then(|| 0.2126 * lin(v[0]) + 0.7152 * lin(v[1]) + 0.0722 * lin(v[2]))
}

#[test]
fn search_finds_a_japanese_term_offline_and_links_to_its_section() {
    if !have_tool("chromium") {
        return;
    }
    let (site, pages) = built_pages();
    let index = pages.iter().find(|p| p.ends_with("output/index.html")).unwrap();
    let mut browser = Browser::launch();
    open(&mut browser, index, 1280, false);
    browser.wait_for(
        "!document.getElementById('kiyaku-search').hidden",
        "the search form",
        std::time::Duration::from_secs(10),
    );
    // 「英国」 is in one body paragraph of the whole site: one result, linking
    // to that section.
    let search = |browser: &mut Browser, term: &str| {
        browser.eval(&format!(
            "(() => {{ const i = document.getElementById('kiyaku-search-input'); i.value = '{term}'; i.dispatchEvent(new Event('input')); return [...document.querySelectorAll('#kiyaku-search-results a')].map(a => a.href); }})()"
        ))
    };
    let found = search(&mut browser, "英国");
    let links: Vec<&str> = found.as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(links.len(), 1, "{links:?}");
    assert!(links[0].ends_with("hoshikage-support-services/index.html#introduction"), "{links:?}");
    assert!(
        browser.eval("!!document.querySelector('#kiyaku-search-results mark')").as_bool().unwrap(),
        "the term is marked"
    );
    browser.call("Page.navigate", serde_json::json!({ "url": links[0] }));
    browser.wait_for("document.readyState === 'complete'", "the section's page", std::time::Duration::from_secs(20));
    assert!(
        browser
            .eval("!!document.getElementById('introduction') && document.body.innerText.includes('英国')")
            .as_bool()
            .unwrap()
    );
    // A document marked 取扱注意 is not searchable.
    let index_js = std::fs::read_to_string(site.path().join("output/assets/search-index.js")).unwrap();
    assert!(!index_js.contains("yuzuriha-secupdate-spec"), "a restricted document in the search index");
    // Without JavaScript the form stays hidden and the page lists the documents.
    browser.call("Emulation.setScriptExecutionDisabled", serde_json::json!({"value": true}));
    open(&mut browser, index, 1280, false);
    assert!(browser.eval("document.getElementById('kiyaku-search').hidden && document.querySelectorAll('table.documents a').length > 3").as_bool().unwrap());
}
