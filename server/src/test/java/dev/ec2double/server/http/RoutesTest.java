package dev.ec2double.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutesTest {
  private final Routes.Route a = ex -> {};
  private final Routes.Route b = ex -> {};
  private final Routes routes = new Routes().get("/x/{id}", a).delete("/x/{id}", b).post("/", a);

  @Test
  void aPathParameterMatchesOneSegment() {
    Routes.Match m = routes.find("GET", "/x/42");
    assertThat(m.route()).isSameAs(a);
    assertThat(m.params()).containsEntry("id", "42");
    assertThat(routes.find("GET", "/x/42/more")).isNull();
    assertThat(routes.find("GET", "/x")).isNull();
  }

  @Test
  void theMethodPicksTheRoute() {
    assertThat(routes.find("DELETE", "/x/1").route()).isSameAs(b);
    assertThat(routes.find("PUT", "/x/1")).isNull();
  }

  @Test
  void aTrailingSlashDoesNotMatter() {
    assertThat(routes.find("GET", "/x/1/")).isNotNull();
    assertThat(routes.find("POST", "/")).isNotNull();
    assertThat(routes.find("POST", "")).isNotNull();
    assertThat(routes.find("POST", "/other")).isNull();
  }
}
