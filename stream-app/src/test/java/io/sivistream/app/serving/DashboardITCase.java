package io.sivistream.app.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sivistream.app.demo.Demo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium while the demo runs: the page loads, shows both demo
 * models, and its numbers change as new posterior versions arrive. Needs Debian's
 * {@code chromium} and {@code chromium-driver} (.ci/run installs them); without them it fails.
 */
class DashboardITCase {

  private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
  private static final List<String> DRIVERS = List.of("chromedriver");

  @Test
  void showsTheDemoModelsAndFollowsNewVersions() throws Exception {
    Path browser = onPath(BROWSERS).orElseGet(() -> fail("no chromium on PATH: the dashboard test"
        + " needs a headless browser; install it with 'apt-get install -y chromium chromium-driver'"
        + " (.ci/run does this)"));
    Path driverBinary = onPath(DRIVERS).orElseGet(() -> fail("no chromedriver on PATH: install"
        + " it with 'apt-get install -y chromium-driver' (.ci/run does this)"));
    StringWriter demoOut = new StringWriter();
    StringWriter demoErr = new StringWriter();
    Demo.Settings settings = new Demo.Settings(0, 50, Duration.ofSeconds(600), Duration.ofSeconds(2), 0);
    try (Demo demo = Demo.start(settings, new PrintWriter(demoOut), new PrintWriter(demoErr))) {
      ChromeOptions options = new ChromeOptions();
      options.setBinary(browser.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
          "--disable-dev-shm-usage", "--window-size=1400,1000");
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
      WebDriver page = new ChromeDriver(service, options);
      try {
        page.get(demo.servingUrl());
        assertThat(page.getTitle()).contains("SIVI Stream");
        WebDriverWait firstPosteriors = new WebDriverWait(page, Duration.ofSeconds(180), Duration.ofMillis(500));
        firstPosteriors.withMessage(() -> "the dashboard never showed both demo models; demo log:\n"
            + demoErr + demoOut).until(d -> d.findElements(By.cssSelector("section.model")).size() >= 2);
        assertThat(page.findElements(By.cssSelector("section.model")).stream()
            .map(e -> e.getAttribute("data-model")).collect(Collectors.toSet()))
            .containsExactlyInAnyOrder("clicks", "arrivals");
        Map<String, String> first = numbers(page, "clicks");
        assertThat(first.get("version")).matches("\\d+");
        assertThat(first.get("x1")).matches("[+-]\\d+\\.\\d\\d");
        // provenance: the engine build and the resolved spec's hash
        assertThat(first.get("engine")).isEqualTo(io.sivistream.core.EngineVersion.current().toString());
        assertThat(first.get("specHash")).matches("[0-9a-f]{16}");
        // each parameter has an SVG chart with a band, a mean line and (demo) a true value
        WebElement chart = page.findElement(By.cssSelector("section.model[data-model='clicks'] svg.param"));
        assertThat(chart.findElements(By.cssSelector("polygon.band"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("polyline.meanline"))).hasSize(1);
        assertThat(chart.findElements(By.cssSelector("polyline.truth"))).hasSize(1);
        assertThat(page.findElements(By.cssSelector("section.model[data-model='clicks'] svg.scatter circle.dot")))
            .hasSizeGreaterThan(10);

        WebDriverWait nextVersion = new WebDriverWait(page, Duration.ofSeconds(120), Duration.ofMillis(500));
        nextVersion.withMessage(() -> "the dashboard's numbers did not change; still " + first
            + "; demo log:\n" + demoErr + demoOut)
            .until(d -> Long.parseLong(numbers(d, "clicks").get("version"))
                > Long.parseLong(first.get("version")));
        Map<String, String> later = numbers(page, "clicks");
        assertThat(later).as("means after a new version").isNotEqualTo(first);
        assertThat(List.of(later.get("intercept"), later.get("x1"), later.get("x2")))
            .isNotEqualTo(List.of(first.get("intercept"), first.get("x1"), first.get("x2")));
      } finally {
        page.quit();
      }
    }
  }

  /**
   * The version and each parameter's displayed mean of one model card, read in one script so
   * that the snapshot is consistent: the dashboard re-renders a card when a new version arrives,
   * and element-by-element reads through WebDriver then hit stale elements (CI, 2026-12-03).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, String> numbers(WebDriver page, String model) {
    Object read = ((org.openqa.selenium.JavascriptExecutor) page).executeScript(
        "const card = document.querySelector(\"section.model[data-model='\" + arguments[0] + \"']\");"
            + "if (!card) return null;"
            + "const out = {version: card.querySelector('.version').textContent.trim()};"
            + "card.querySelectorAll('.mean').forEach(m => { out[m.dataset.param] = m.textContent.trim(); });"
            + "const engine = card.querySelector('.engine'); if (engine) out.engine = engine.textContent.trim();"
            + "const spec = card.querySelector('.spec-hash'); if (spec) out.specHash = spec.textContent.trim();"
            + "return out;", model);
    assertThat(read).as("the card of model " + model).isNotNull();
    return new java.util.TreeMap<>((Map<String, String>) read);
  }

  private static Optional<Path> onPath(List<String> names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .flatMap(dir -> names.stream().map(n -> Path.of(dir, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
