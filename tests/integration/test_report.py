"""The HTML report for tests/data/tagged_small: self-contained, escaped, deterministic, renders in Chromium."""

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from leersignalen.analyse.trends import write_trends
from leersignalen.cli.main import cli
from leersignalen.output.folder import read_settings, update_settings
from leersignalen.report.html import write_report
from matplotlib import image as mpimg

pytestmark = pytest.mark.slow  # each test renders the report (5-10 s)

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "tagged_small"
CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]


@pytest.fixture
def out_dir(tmp_path):
    target = tmp_path / "out"
    shutil.copytree(FIXTURE, target)
    write_trends(target, period="month", min_notes=1, min_words=1, n_boot=200)
    return target


@pytest.fixture
def page(out_dir):
    return write_report(out_dir)


def test_report_has_no_network_references(page):
    text = page.read_text(encoding="utf-8")
    references = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]+)""", text, flags=re.IGNORECASE)
    assert references, "expected embedded images and in-page links"
    assert not [ref for ref in references if not (ref.startswith("data:image/png;base64,") or ref.startswith("#"))]
    assert "http://" not in text and "https://" not in text and "@import" not in text


def test_quotes_are_escaped_and_highlighted(page):
    text = page.read_text(encoding="utf-8")
    assert "We waren het <mark>oneens</mark> over de aanpak &amp; de &lt;planning&gt;." in text
    assert "<planning>" not in text
    assert "=SOM(A1) stond fout in de <mark>rapportage</mark>." in text
    assert "'=SOM" not in text
    assert "&quot;echt&quot; <mark>confronterend</mark>" in text


def test_negated_matches_are_not_quoted(page):
    assert "Er was geen ruimte voor reflectie" not in page.read_text(encoding="utf-8")


def test_strongest_quote_comes_first(page):
    text = page.read_text(encoding="utf-8")
    section = text[text.index("<section class='community' id='wijkteam-noord"):]
    schuring = section[section.index("<h4>schuring"):section.index("<h4>eigenaarschap")]
    assert schuring.index("botsing") < schuring.index("oneens")


def test_methods_paragraph_uses_manifest_and_settings(page):
    text = page.read_text(encoding="utf-8")
    methods = text[text.index("class='methods'"):]
    methods = methods[:methods.index("</p>")]
    assert "leersignalen 0.1.0" in methods and "spaCy 3.8.7" in methods and "blank_nl" in methods
    assert "0" * 64 in methods and "200 trekkingen" in methods and "seed 20251" in methods
    assert "cluster-robuuste standaardfouten per notitie" in methods


def test_plots_are_written_and_report_is_deterministic(out_dir, page):
    pngs = sorted((out_dir / "report").glob("*.png"))
    assert len(pngs) == 1 + 2 * 2
    first = {path.name: path.read_bytes() for path in [page, *pngs]}
    write_report(out_dir)
    assert {path.name: path.read_bytes() for path in [page, *pngs]} == first
    picture = mpimg.imread(pngs[0])
    assert picture.shape[0] > 100 and picture.std() > 0.01


def test_report(out_dir, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(out_dir)])
    assert result.exit_code == 0, result.output
    assert (out_dir / "report" / "index.html").is_file()
    empty = tmp_path / "empty"
    empty.mkdir()
    failed = CliRunner().invoke(cli, ["report", str(empty)])
    assert failed.exit_code == 2 and "notes.csv" in failed.output


def test_report_only_renders_and_asks_for_trends_when_missing(tmp_path):
    target = tmp_path / "fresh"
    shutil.copytree(FIXTURE, target)
    result = CliRunner().invoke(cli, ["report", str(target)])
    assert result.exit_code == 2 and "E080" in result.output and "leersignalen trends" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (target / "trends.csv").exists()


def test_overview_comes_first_with_flags_table_and_run_name(page):
    text = page.read_text(encoding="utf-8")
    overview = text.index("id='overview'")
    assert overview < text.index("class='community'")
    assert "Vlaggen per gemeenschap" in text[overview:text.index("class='community'")]
    assert "Run " in text[:overview] and "Periode:" in text[:overview]


def test_english_report_removes_only_its_own_stale_pngs_and_never_writes_through_a_link(out_dir, tmp_path):
    write_report(out_dir)
    folder = out_dir / "report"
    stale, mine = folder / "weg-00000000_shares.png", folder / "foto.png"
    stale.write_bytes(b"a plot of a community that is gone")
    mine.write_bytes(b"a picture the researcher put here")
    update_settings(out_dir, {"report": {"plots": [*read_settings(out_dir)["report"]["plots"], stale.name]}})
    elsewhere = tmp_path / "precious.html"
    elsewhere.write_text("precious", encoding="utf-8")
    (folder / "index.html").unlink()
    (folder / "index.html").symlink_to(elsewhere)
    page = write_report(out_dir, lang="en")
    text = page.read_text(encoding="utf-8")
    assert "Flags per community" in text and "Vlaggen" not in text and "lang='en'" in text
    assert not stale.exists() and mine.read_bytes() == b"a picture the researcher put here"
    assert not page.is_symlink() and elsewhere.read_text(encoding="utf-8") == "precious"
    assert stale.name not in read_settings(out_dir)["report"]["plots"]


def test_a_file_where_the_report_folder_goes_is_one_line_e122(out_dir):
    (out_dir / "report").write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(out_dir)])
    assert result.exit_code == 2
    assert result.output == (f"Error: E122 {out_dir / 'report'}: cannot write the report there (it is a file, not a "
                             f"folder); move or rename that file, then run `leersignalen report {out_dir}` again\n")
    assert (out_dir / "report").read_text(encoding="utf-8") == "not a folder"


def _chromium():
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).is_file()), None)


PROBE = """<script>
window.addEventListener('load', function () {
  var sizes = Array.prototype.map.call(document.images, function (img) {
    return img.naturalWidth + 'x' + img.naturalHeight; });
  document.body.setAttribute('data-image-sizes', sizes.join(','));
});
</script></body>"""


def _run_chromium(binary, profile, *arguments):
    command = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
               "--enable-logging=stderr", "--v=0", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


@pytest.mark.skipif(_chromium() is None, reason="no chromium binary found")
def test_page_renders_in_headless_chromium(page, tmp_path):
    binary = _chromium()
    screenshot = tmp_path / "shot.png"
    shot = _run_chromium(binary, tmp_path / "profile-shot", f"--screenshot={screenshot}",
                         "--window-size=1200,2000", page.as_uri())
    assert screenshot.is_file(), shot.stderr[-2000:]
    pixels = mpimg.imread(screenshot)
    assert pixels.shape[0] >= 1000 and float(np.std(pixels[..., :3])) > 0.02
    console = [line for line in shot.stderr.splitlines() if "CONSOLE" in line or "net::ERR" in line]
    assert console == []

    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE), encoding="utf-8")
    dumped = _run_chromium(binary, tmp_path / "profile-dom", "--virtual-time-budget=10000", "--dump-dom",
                           probe.as_uri())
    match = re.search(r'data-image-sizes="([^"]*)"', dumped.stdout)
    assert match, dumped.stderr[-2000:]
    sizes = [tuple(map(int, size.split("x"))) for size in match.group(1).split(",")]
    assert len(sizes) == 5 and all(width > 0 and height > 0 for width, height in sizes)
    dom = dumped.stdout
    assert dom.index('alt="Alle gemeenschappen') < dom.index("Vlaggen per gemeenschap") < dom.index('class="community"')
    assert [line for line in dumped.stderr.splitlines() if "CONSOLE" in line or "net::ERR" in line] == []


def test_repeated_sentence_is_quoted_once(page):
    text = page.read_text(encoding="utf-8")
    section = text[text.index("<section class='community' id='wijkteam-noord"):]
    structuur = section[section.index("<h4>structuur"):section.index("<h4>output")]
    assert structuur.count("<mark>agenda</mark>") == 1


def test_the_overview_figure_holds_the_twelve_largest_communities_and_says_so(tmp_path):
    from leersignalen.report.html import OVERVIEW_LIMIT

    rows = [f"{c}-{d},team{c:02d},2025-0{d + 1}-05,We hebben samen geleerd. De deadline is vrijdag."
            for c in range(OVERVIEW_LIMIT + 2) for d in range(1 + (c % 3 == 0))]  # fmt: skip
    notes = tmp_path / "n.csv"
    notes.write_text("id,community,date,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(cli, ["run", str(notes), "--out", str(out), "-q"]).exit_code == 0
    result = runner.invoke(cli, ["report", str(out), "--lang", "en", "-q"])
    assert result.exit_code == 0, result.output
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert (f"The overview shows the {OVERVIEW_LIMIT} communities with the most notes (of {OVERVIEW_LIMIT + 2}); "
            "every community has its own section with figures below.") in page
    assert page.count("<section class='community'") == OVERVIEW_LIMIT + 2


def test_over_the_embedding_budget_plots_are_linked_files_and_the_page_says_so(out_dir, monkeypatch):
    from leersignalen.report import html as report_html

    monkeypatch.setattr(report_html, "EMBEDDED_PLOT_BYTES", 1)
    text = write_report(out_dir).read_text(encoding="utf-8")
    linked = re.findall(r'<img class="plot" alt="[^"]*" src="([^"#:]+\.png)">', text)
    assert linked and all((out_dir / "report" / name).is_file() for name in linked)
    communities = text.count("<section class='community'")
    assert len(linked) == 2 * communities
    assert f"The figures of {communities} of the {communities} communities are PNG files next to this page" in text \
        or f"De figuren van {communities} van de {communities} gemeenschappen" in text
