//! The demo as a newcomer meets it, in a real Chromium: `rota demo` serves, a demo
//! member signs in, sees their next shift and their week in their zone, asks for time
//! off (first with the last day before the first), and signs out. Screenshots of home
//! and my shifts at 1280 and 375 px go to `target/screenshots/` (or
//! `ROTA_SCREENSHOT_DIR`; `docs/screenshots` refreshes the README's).
//!
//! Needs `chromium` and `chromedriver` (Debian: `chromium`, `chromium-driver`), found
//! on the PATH or through `ROTA_CHROMIUM` / `ROTA_CHROMEDRIVER`. Without them the test
//! skips with a message, except under `CI=true`, where it fails.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

/// A child process that is killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

fn browser() -> Option<(PathBuf, PathBuf)> {
    let chromium = std::env::var_os("ROTA_CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| on_path(&["chromium", "chromium-browser", "google-chrome"]))?;
    let driver = std::env::var_os("ROTA_CHROMEDRIVER").map(PathBuf::from).or_else(|| on_path(&["chromedriver"]))?;
    Some((chromium, driver))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for_port(port: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "{what} did not listen on port {port} within 60 s");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A login `rota demo` printed.
struct Login {
    role: String,
    email: String,
    password: String,
}

/// Starts `rota demo` on a fresh SQLite file; its URL and the logins it printed.
fn start_demo(dir: &Path) -> (Running, String, Vec<Login>) {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_rota"))
        .args(["demo", "--today", "2026-03-16", "--bind", &format!("127.0.0.1:{port}"), "--database"])
        .arg(dir.join("demo.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("rota demo starts");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let mut logins = Vec::new();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let words: Vec<&str> = line.split_whitespace().collect();
        if let [role @ ("admin" | "manager" | "member"), email, password] = words[..] {
            logins.push(Login { role: role.into(), email: email.into(), password: password.into() });
        }
        if line.starts_with("Open http://") {
            break;
        }
    }
    // Keep reading: with the pipe closed, the demo's next line would kill it.
    std::thread::spawn(move || lines.for_each(drop));
    wait_for_port(port, "rota demo");
    (running, format!("http://127.0.0.1:{port}"), logins)
}

/// What a browser test holds until it ends: the demo's files, the demo, chromedriver.
type Held = (tempfile::TempDir, Running, Running);

/// The demo, a browser, and a session as the first printed login of `role`, landed on
/// `path` after the sign-in it redirects to. None (after a message) when there is no
/// browser and this is not CI.
async fn signed_in_as(role: &str, path: &str) -> Option<(Held, Client, String)> {
    let Some((chromium, driver)) = browser() else {
        let why = "no chromium and chromedriver on the PATH (Debian: apt-get install chromium chromium-driver)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true needs the browser tests: {why}");
        eprintln!("skipping the browser tests: {why}");
        return None;
    };
    let dir = tempfile::tempdir().unwrap();
    let (demo, base, logins) = start_demo(dir.path());
    let login = logins.iter().find(|l| l.role == role).expect("the demo prints a login of this role");
    let (driver, client) = start_browser(&chromium, &driver).await;
    client.goto(&format!("{base}{path}")).await.unwrap();
    assert!(client.current_url().await.unwrap().as_str().starts_with(&format!("{base}/login")));
    client.find(Locator::Id("email")).await.unwrap().send_keys(&login.email).await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(&login.password).await.unwrap();
    click(&client, "form[action='/login'] button[type=submit]").await;
    wait_for_url(&client, &format!("{base}{path}")).await;
    Some(((dir, demo, driver), client, base))
}

async fn start_browser(chromium: &Path, driver: &Path) -> (Running, Client) {
    let port = free_port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let running = Running(child);
    wait_for_port(port, "chromedriver");
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--lang=en-US", "--window-size=1280,900", "--hide-scrollbars"],
        }),
    );
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a Chromium session through chromedriver");
    (running, client)
}

/// Waits until the browser is on a page whose URL starts with `prefix` (a click on a
/// submit button returns before the next page has loaded).
async fn wait_for_url(client: &Client, prefix: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = client.current_url().await.unwrap().to_string();
        let loaded = client.execute("return document.readyState;", vec![]).await.unwrap();
        if url.starts_with(prefix) && loaded == json!("complete") {
            return;
        }
        assert!(Instant::now() < deadline, "still on {url}, waiting for {prefix}");
        actix_web::rt::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The text of the first element `css` finds, waiting for it up to 15 s; when there
/// is none, the failure shows the page the browser holds.
async fn text_of(client: &Client, css: &str) -> String {
    match client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(css)).await {
        Ok(element) => element.text().await.unwrap(),
        Err(e) => {
            let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
            let source = client.source().await.unwrap_or_default();
            panic!("{css}: {e}\non {url}:\n{source}")
        }
    }
}

async fn set_value(client: &Client, id: &str, value: &str) {
    // Typing into a date input depends on the browser's locale; setting the value is
    // what a date picker does.
    let script = "document.getElementById(arguments[0]).value = arguments[1];";
    client.execute(script, vec![json!(id), json!(value)]).await.unwrap();
}

async fn click(client: &Client, css: &str) {
    client.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// A screenshot of what fits in a window of this size (for pages that scroll inside).
async fn screenshot_viewport(client: &Client, width: u32, height: u32, file: &str) {
    client.set_window_size(width, height).await.unwrap();
    save(file, client.screenshot().await.unwrap());
}

fn save(file: &str, png: Vec<u8>) {
    let dir = std::env::var_os("ROTA_SCREENSHOT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(file), png).unwrap();
}

/// A screenshot of the whole page at this width.
async fn screenshot(client: &Client, width: u32, file: &str) {
    client.set_window_size(width, 900).await.unwrap();
    // The window is taller than the page it shows by the browser's own frame.
    let script = "return [document.documentElement.scrollHeight, window.outerHeight - window.innerHeight];";
    let sizes = client.execute(script, vec![]).await.unwrap();
    let number = |i: usize| sizes[i].as_f64().unwrap_or(0.0) as u32;
    client.set_window_size(width, (number(0) + number(1)).clamp(600, 4000)).await.unwrap();
    save(file, client.screenshot().await.unwrap());
}

#[actix_web::test]
async fn a_demo_member_signs_in_sees_their_week_asks_for_time_off_and_signs_out() {
    // A page that needs a session sends the newcomer to sign in, and back afterwards.
    let Some((_held, client, base)) = signed_in_as("member", "/shifts").await else { return };

    // My week, in my zone, each day saying which zone it is in.
    let heading = text_of(&client, "main h1").await;
    assert_eq!(heading, "My shifts");
    let zone = text_of(&client, "nav[aria-label=Zone] [aria-current=page]").await;
    assert!(zone.starts_with("My zone (Europe/"), "{zone}");
    let days = client.find_all(Locator::Css(".days > li")).await.unwrap();
    assert_eq!(days.len(), 7, "a week");
    let first_day = text_of(&client, ".days > li .zone-note").await;
    assert!(first_day.contains("UTC+"), "{first_day}");
    let shifts = client.find_all(Locator::Css(".days .plain-list li")).await.unwrap();
    assert!(!shifts.is_empty(), "the demo member works this week");
    screenshot(&client, 1280, "shifts-1280.png").await;
    screenshot(&client, 375, "shifts-375.png").await;

    // Home: the next shift first, with its times in my zone.
    client.goto(&format!("{base}/")).await.unwrap();
    client.set_window_size(1280, 900).await.unwrap();
    let next = text_of(&client, ".next").await;
    assert!(next.contains("Your next shift") && next.contains("UTC+"), "{next}");
    assert!(!next.contains("No published shift"), "{next}");
    screenshot(&client, 1280, "home-1280.png").await;
    screenshot(&client, 375, "home-375.png").await;

    // Time off: the last day before the first is refused next to the field, input kept.
    client.set_window_size(1280, 900).await.unwrap();
    click(&client, "nav a[href='/time-off']").await;
    wait_for_url(&client, &format!("{base}/time-off")).await;
    set_value(&client, "from", "2026-04-24").await;
    set_value(&client, "to", "2026-04-20").await;
    click(&client, "form[action='/time-off'] button[type=submit]").await;
    let error = text_of(&client, "#to-error").await;
    assert!(!error.is_empty(), "a message next to the last day");
    let kept = client.find(Locator::Id("from")).await.unwrap().prop("value").await.unwrap();
    assert_eq!(kept.as_deref(), Some("2026-04-24"));
    set_value(&client, "to", "2026-04-27").await;
    click(&client, "form[action='/time-off'] button[type=submit]").await;
    let notice = text_of(&client, ".notice").await;
    assert!(notice.starts_with("Your request is in"), "{notice}");
    let mine = text_of(&client, ".requests").await;
    assert!(mine.contains("pending"), "{mine}");

    screenshot(&client, 1280, "time-off-1280.png").await;

    // Preferences: a wish added through the form is listed.
    client.set_window_size(1280, 900).await.unwrap();
    click(&client, "nav a[href='/preferences']").await;
    wait_for_url(&client, &format!("{base}/preferences")).await;
    client.find(Locator::Css("#weekday option[value='5']")).await.unwrap().click().await.unwrap();
    click(&client, "#wish-free").await;
    click(&client, "form[action='/preferences'] button[type=submit]").await;
    let saved = text_of(&client, ".notice").await;
    assert!(saved.starts_with("Saved"), "{saved}");
    let wishes = text_of(&client, ".requests").await;
    assert!(wishes.contains("Every Friday") && wishes.contains("keep free"), "{wishes}");
    screenshot(&client, 1280, "preferences-1280.png").await;
    screenshot(&client, 375, "preferences-375.png").await;

    // A calendar feed of my shifts: the link is shown once, and it opens the feed.
    click(&client, "nav a[href='/calendar-feeds']").await;
    wait_for_url(&client, &format!("{base}/calendar-feeds")).await;
    click(&client, "form[action='/calendar-feeds'] button[type=submit]").await;
    let heading = text_of(&client, "#link-heading").await;
    assert!(heading.contains("My shifts and time off"), "{heading}");
    let link = client.find(Locator::Id("feed-url")).await.unwrap().prop("value").await.unwrap().unwrap_or_default();
    assert!(link.starts_with(&format!("{base}/feeds/")) && link.ends_with(".ics"), "{link}");
    screenshot(&client, 1280, "calendar-feeds-1280.png").await;

    // Sign out: back to the sign-in page, and the pages are closed again.
    click(&client, "form[action='/logout'] button").await;
    wait_for_url(&client, &format!("{base}/login")).await;
    client.goto(&format!("{base}/")).await.unwrap();
    wait_for_url(&client, &format!("{base}/login")).await;
    assert_eq!(text_of(&client, "main h1").await, "Sign in");
    client.close().await.unwrap();
}

#[actix_web::test]
async fn a_demo_manager_reads_the_desks_coverage_timeline_and_approves_time_off() {
    let Some((_held, client, base)) = signed_in_as("manager", "/").await else { return };
    click(&client, "nav a[href='/desks']").await;
    wait_for_url(&client, &format!("{base}/desks")).await;
    click(&client, "table a").await;
    wait_for_url(&client, &format!("{base}/desks/")).await;
    let mut zones = Vec::new();
    for caption in client.find_all(Locator::Css(".timeline figcaption")).await.unwrap() {
        zones.push(caption.text().await.unwrap());
    }
    assert_eq!(zones, ["In Europe/Warsaw", "In UTC"], "the week in the desk's zone, then in UTC");
    let bars = client.find_all(Locator::Css(".timeline g.shift")).await.unwrap();
    assert!(bars.len() >= 2 * 15, "five weekdays of early, late and night in each view: {}", bars.len());
    screenshot(&client, 1280, "desk-1280.png").await;

    // The roster board of the published roster: people by team, a week separator,
    // the cover of each template above them.
    client.set_window_size(1280, 900).await.unwrap();
    let published = "//li[span[text()='published']]/a[starts-with(@href, '/rosters/')]";
    client.find(Locator::XPath(published)).await.unwrap().click().await.unwrap();
    wait_for_url(&client, &format!("{base}/rosters/")).await;
    let teams = client.find_all(Locator::Css(".board tr.team")).await.unwrap();
    assert!(!teams.is_empty());
    let worked = client.find_all(Locator::Css(".board td.work")).await.unwrap();
    assert!(worked.len() > 100, "the demo roster's shifts are on the board: {}", worked.len());
    let cover = client.find_all(Locator::Css(".board .cover-rows tr")).await.unwrap();
    assert_eq!(cover.len(), 3, "early, late, night");
    screenshot_viewport(&client, 1280, 900, "board-1280.png").await;

    // The draft after it: plan it for 10 s, watch the progress reach the result, publish.
    client.back().await.unwrap();
    wait_for_url(&client, &format!("{base}/desks/")).await;
    let draft = "//li[span[text()='draft']]/a[starts-with(@href, '/rosters/')]";
    client.find(Locator::XPath(draft)).await.unwrap().click().await.unwrap();
    wait_for_url(&client, &format!("{base}/rosters/")).await;
    click(&client, "form[action$='/plan'] button[type=submit]").await;
    let planning = text_of(&client, ".job h2").await;
    assert_eq!(planning, "Planning…");
    let result = client
        .wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::XPath("//h2[starts-with(text(), 'Last plan:')]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(result, "Last plan: succeeded", "the page's script followed the job to its result");
    let planned = client.find_all(Locator::Css(".board td.work")).await.unwrap();
    assert!(planned.len() > 50, "the plan is on the board: {}", planned.len());
    click(&client, "form[action$='/publish'] button").await;
    let notice = text_of(&client, ".notice").await;
    assert!(notice.starts_with("Published"), "{notice}");

    // The time-off queue: what approving hits, then an approval.
    client.set_window_size(1280, 900).await.unwrap();
    click(&client, "nav a[href='/team/time-off']").await;
    wait_for_url(&client, &format!("{base}/team/time-off")).await;
    let first = text_of(&client, ".decision").await;
    assert!(first.contains("Approving hits"), "{first}");
    screenshot(&client, 1280, "time-off-queue-1280.png").await;
    click(&client, ".decision button.primary").await;
    let notice = text_of(&client, ".notice").await;
    assert!(notice.starts_with("Approved."), "{notice}");
    client.close().await.unwrap();
}

#[actix_web::test]
async fn a_demo_manager_reads_why_a_rule_refuses_an_edit_forces_it_and_fixes_a_template_form() {
    let Some((_held, client, base)) = signed_in_as("manager", "/desks").await else { return };
    click(&client, "table a").await;
    wait_for_url(&client, &format!("{base}/desks/")).await;
    let desk_url = client.current_url().await.unwrap().to_string();
    let published = "//li[span[text()='published']]/a[starts-with(@href, '/rosters/')]";
    client.find(Locator::XPath(published)).await.unwrap().click().await.unwrap();
    wait_for_url(&client, &format!("{base}/rosters/")).await;

    // A cover count below its minimum: who could take the shift, and why the planner
    // left each of them off.
    click(&client, ".cover-rows td.below-min a").await;
    let heading = text_of(&client, ".panel h3").await;
    assert!(heading.starts_with("Short of"), "{heading}");
    let reasons = text_of(&client, ".panel .candidates tbody").await;
    assert!(reasons.contains("Public holiday"), "Easter Monday keeps the Polish staff off: {reasons}");
    screenshot_viewport(&client, 1280, 900, "board-shift-1280.png").await;

    // A public holiday of someone's region: putting them on a shift is refused, and the
    // page says which rule, for whom and why.
    click(&client, ".board td.holiday a").await;
    let person = text_of(&client, ".panel h2").await;
    click(&client, ".panel form.choice button").await;
    let refused = text_of(&client, ".refusal .problem").await;
    assert!(refused.starts_with("Not saved: the change breaks"), "{refused}");
    let why = text_of(&client, ".refusal .breaks").await;
    let name = person.split(" · ").next().unwrap_or_default();
    assert!(why.contains("Public holiday") && why.contains(name), "{why}");
    screenshot_viewport(&client, 1280, 900, "board-refused-1280.png").await;

    // Forced with a reason: saved, and the cell is marked.
    client.find(Locator::Id("reason")).await.unwrap().send_keys("Easter cover agreed with the team").await.unwrap();
    click(&client, ".refusal form.force button").await;
    let notice = text_of(&client, ".notice").await;
    assert!(notice.starts_with("Saved, forced"), "{notice}");
    let forced = text_of(&client, ".board td.forced").await;
    assert!(forced.ends_with('!'), "{forced}");
    let ledger = text_of(&client, "#forced-heading").await;
    assert_eq!(ledger, "Forced on a manager's word");

    // The template editor: a template without a weekday is refused beside its days.
    client.goto(&desk_url).await.unwrap();
    click(&client, "a[href$='/templates']").await;
    wait_for_url(&client, &format!("{base}/desks/")).await;
    for checkbox in client.find_all(Locator::Css("input[name='t0.weekday']:checked")).await.unwrap() {
        checkbox.click().await.unwrap();
    }
    click(&client, "button[value=save]").await;
    let problem = text_of(&client, ".problem").await;
    assert!(problem.starts_with("Not saved: template 1 has a mistake"), "{problem}");
    let beside = text_of(&client, ".weekdays.invalid .error").await;
    assert!(beside.contains("at least one weekday"), "{beside}");
    screenshot_viewport(&client, 1280, 900, "templates-error-1280.png").await;
    client.close().await.unwrap();
}
