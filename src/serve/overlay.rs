//! What `serve` adds to pages, and only there: the reload script and,
//! after a failed build, an overlay listing the diagnostics. `build`
//! output never contains either.

use crate::diag::{Diagnostics, render};
use crate::source::Sources;
use crate::vocab::Lang;
use crate::vocab::escape_html as escaped;

/// Where pages listen for builds.
pub const EVENTS: &str = "/__kiyaku/events";

/// The overlay for a build that produced diagnostics: each one as the
/// terminal shows it (location, message, snippet, hint).
pub(super) fn for_diagnostics(sources: &Sources, diags: &Diagnostics, lang: Lang) -> String {
    let counts = render::counts(diags, lang);
    let title = if diags.errors() > 0 {
        crate::msg!("The build failed: {counts}.", "ビルドに失敗しました: {counts}")
    } else {
        crate::msg!("The build failed under --strict: {counts}.", "--strict のためビルドに失敗しました: {counts}")
    };
    let mut items = String::new();
    for d in diags.items() {
        let class = if d.is_error() { "error" } else { "warning" };
        items.push_str(&format!(
            "<li class=\"{class}\"><pre>{}</pre></li>",
            escaped(render::human(sources, d, false, lang).trim_end())
        ));
    }
    frame(title.get(lang), &items, lang)
}

/// The overlay for a build that could not run at all.
pub(super) fn for_error(e: &anyhow::Error, lang: Lang) -> String {
    let title = crate::msg!("The build could not run.", "ビルドを実行できませんでした。");
    frame(title.get(lang), &format!("<li class=\"error\"><pre>{}</pre></li>", escaped(&format!("error: {e:#}"))), lang)
}

fn frame(title: &str, items: &str, lang: Lang) -> String {
    let (hide, note) = match lang {
        Lang::Ja => ("閉じる", "最後に成功したビルドを表示しています。次のビルドが成功すると、この表示は消えます。"),
        Lang::En => ("Hide", "Showing the last good version. This message goes away when the next build succeeds."),
    };
    format!(
        r#"<div id="kiyaku-overlay" role="alertdialog" aria-modal="false" aria-labelledby="kiyaku-overlay-title"><style>
#kiyaku-overlay{{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.55);display:flex;align-items:flex-start;justify-content:center;padding:4vh 2vw;overflow:auto;font:14px/1.5 system-ui,sans-serif}}
#kiyaku-overlay .kiyaku-box{{background:#fff;color:#1a1a1a;max-width:64rem;width:100%;border-radius:6px;border-top:6px solid #b3261e;box-shadow:0 8px 32px rgba(0,0,0,.35);padding:1rem 1.25rem}}
#kiyaku-overlay h2{{margin:0 0 .25rem;font-size:1.1rem;color:#b3261e}}
#kiyaku-overlay p{{margin:0 0 .75rem;color:#444}}
#kiyaku-overlay ol{{margin:0;padding:0;list-style:none}}
#kiyaku-overlay li{{margin:.5rem 0;border-left:4px solid #b3261e;background:#fbf3f2}}
#kiyaku-overlay li.warning{{border-color:#a86400;background:#fdf7ec}}
#kiyaku-overlay pre{{margin:0;padding:.6rem .8rem;overflow:auto;white-space:pre;font:13px/1.45 ui-monospace,"Noto Sans Mono CJK JP",monospace}}
#kiyaku-overlay button{{float:right;font-size:1.2rem;line-height:1;border:0;background:none;cursor:pointer;color:#555}}
</style><div class="kiyaku-box"><button type="button" aria-label="{}" onclick="this.closest('#kiyaku-overlay').remove()">×</button><h2 id="kiyaku-overlay-title">kiyaku: {}</h2><p>{}</p><ol>{}</ol></div></div>"#,
        hide,
        escaped(title),
        note,
        items
    )
}

/// The script that reloads the page after the next build, keeping its
/// scroll position. `build` is the build the page was served from: a build
/// that finished in between reloads at once.
pub(super) fn live_script(build: u64) -> String {
    format!(
        r#"<script id="kiyaku-live">(function(){{var k="kiyaku-scroll:"+location.pathname,y=sessionStorage.getItem(k);if(y!==null){{sessionStorage.removeItem(k);var go=function(){{scrollTo(0,+y)}};go();addEventListener("load",go)}}var es=new EventSource("{EVENTS}?build={build}");es.addEventListener("reload",function(){{es.close();sessionStorage.setItem(k,String(scrollY));location.reload()}})}})();</script>"#
    )
}

/// `html` with the overlay (if any) and the live script before `</body>`.
pub(super) fn inject(html: &[u8], build: u64, overlay: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let extra = format!("{}{}", overlay.unwrap_or(""), live_script(build));
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// A small page of our own (404, no build yet), in the site's style.
pub(super) fn page(title: &str, body_html: &str, lang: Lang) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t}</title>\n<link rel=\"stylesheet\" href=\"/{css}\">\n</head>\n<body>\n<main id=\"main\" class=\"document\">\n<h1>{t}</h1>\n{body_html}\n</main>\n</body>\n</html>\n",
        t = escaped(title),
        lang = lang.code(),
        css = crate::vocab::SitePaths::STYLESHEET
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_the_end_of_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", 7, Some("<div>o</div>"))).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><div>o</div><script id=\"kiyaku-live\">"), "{out}");
        assert!(out.contains("/__kiyaku/events?build=7"));
        assert!(out.ends_with("</script></body></html>"));
    }

    #[test]
    fn error_text_is_escaped() {
        let html = for_error(&anyhow::anyhow!("<script>alert(1)</script>"), Lang::En);
        assert!(!html.contains("<script>alert"));
        assert!(html.contains("&lt;script&gt;"));
    }
}
