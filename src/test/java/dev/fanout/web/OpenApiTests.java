package dev.fanout.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.WebTesting;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document of the REST API lists every endpoint. */
class OpenApiTests extends WebTesting {

	@Test
	void documentsEveryEndpoint() throws Exception {
		Response response = get("/api/openapi.json");

		assertThat(response.status()).isEqualTo(200);
		JsonNode document = response.json();
		assertThat(document.path("openapi").asString()).startsWith("3.");
		assertThat(document.path("info").path("title").asString()).isEqualTo("Fanout API");
		assertThat(document.path("components").path("securitySchemes").path("operator").path("scheme").asString()).isEqualTo("basic");
		List<String> operations = new ArrayList<>();
		document.path("paths").properties().forEach((path) -> path.getValue().propertyNames()
			.forEach((method) -> operations.add(method.toUpperCase() + " " + path.getKey())));
		assertThat(operations).containsExactlyInAnyOrder("GET /api/jobs", "GET /api/jobs/{job}",
				"POST /api/jobs/{job}/executions", "GET /api/executions", "GET /api/executions/{id}", "POST /api/executions/{id}/stop",
				"POST /api/executions/{id}/restart", "POST /api/executions/{id}/recover",
				"POST /api/executions/{id}/abandon", "GET /api/schedules");
	}

}
