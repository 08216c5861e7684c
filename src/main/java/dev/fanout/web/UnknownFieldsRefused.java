package dev.fanout.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies with a field the API does not know ({@code {"parameter": {"threads": "2"}}}, {@code "newinstance"})
 * are refused ({@link UnreadableBodies} names the field and the ones there are), instead of Spring Boot's default of
 * ignoring it: a misspelt field would launch the job with its defaults, or restart an instance instead of starting a
 * new one, and answer 202 as if the request had been understood.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class UnknownFieldsRefused implements JsonMapperBuilderCustomizer {

	@Override
	public void customize(JsonMapper.Builder builder) {
		builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

}
