package dev.fanout.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and its one security scheme; springdoc derives the paths from the controllers. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class OpenApiConfiguration {

	@Bean
	OpenAPI fanoutOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Fanout API")
				.version("1")
				.description("Jobs, executions and their actions. Reading is open from the server's host; launch, stop, "
						+ "restart, recover and abandon need the operator (HTTP Basic). Errors are RFC 9457 problem "
						+ "details."))
			.components(new Components().addSecuritySchemes("operator",
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")));
	}

}
