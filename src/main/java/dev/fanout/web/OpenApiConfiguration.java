package dev.fanout.web;

import java.time.LocalDateTime;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its one security scheme; springdoc derives the paths from the controllers. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	/** Every time in the API's JSON, as {@code TimestampsWithOffset} writes it. */
	static final String TIME_EXAMPLE = "2026-11-22T05:01:55.123+01:00";

	@Bean
	OpenAPI fanoutOpenApi() {
		SpringDocUtils.getConfig().replaceWithSchema(LocalDateTime.class, new StringSchema().format("date-time")
			.example(TIME_EXAMPLE)
			.description("ISO-8601 with the offset of the server's time zone"));
		return new OpenAPI()
			.info(new Info().title("Fanout API")
				.version("1")
				.description("Jobs, executions and their actions, schedules. Reading is open from the server's host; launch, stop, "
						+ "restart, recover and abandon need the operator (HTTP Basic). Errors are RFC 9457 problem "
						+ "details."))
			.components(new Components().addSecuritySchemes("operator",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
	}

}
